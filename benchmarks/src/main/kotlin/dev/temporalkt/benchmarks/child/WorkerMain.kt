package dev.temporalkt.benchmarks.child

import dev.temporalkt.benchmarks.BenchmarkTracing
import dev.temporalkt.benchmarks.javafacade.JavaFacadeWorker
import dev.temporalkt.benchmarks.javasdk.JavaSdkWorker
import dev.temporalkt.benchmarks.kt.BenchActivities
import dev.temporalkt.benchmarks.kt.FanOutChildWorkflow
import dev.temporalkt.benchmarks.kt.FanOutWorkflow
import dev.temporalkt.benchmarks.kt.IdleWorkflow
import dev.temporalkt.benchmarks.kt.ReplayWorkflow
import dev.temporalkt.benchmarks.kt.SingleActivityWorkflow
import dev.temporalkt.benchmarks.kt.StepsWorkflow
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.micrometer.MicrometerMetricMeter
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import kotlinx.coroutines.runBlocking
import kotlin.system.exitProcess

/**
 * A worker process, driven by the benchmark harness over stdin/stdout, one command per line:
 * `STATS` answers `STATS cpuNanos=… jitNanos=… activities=… heapUsed=…` (heap in use now, without collecting); `GC` collects and answers `GC heap=… cpuNanos=… activities=…`;
 * `HISTO` writes a class histogram of the live heap to stderr (the worker's log) and answers `HISTO`; `STOP` shuts
 * the worker down and exits. `READY startMillis=…` is printed once the worker polls.
 *
 * Arguments: `kt|kt-java|java target namespace taskQueue cacheSize virtualThreads`; `kt-java` is temporal-kt driven
 * from Java (java-facade), with only the idle and single-activity workflows. With `-Dbenchmarks.metrics=true` the `kt`
 * worker records the SDK's metrics (connection and worker) into a Micrometer `SimpleMeterRegistry`; with
 * `-Dbenchmarks.tracing=true` its client (and so the worker) traces with OpenTelemetry into a counting exporter
 * ([BenchmarkTracing]).
 */
object WorkerMain {
    @JvmStatic
    fun main(args: Array<String>) {
        try {
            body(args)
        } catch (e: Throwable) {
            e.printStackTrace()
            println("ERROR ${e.javaClass.name}: ${e.message?.lineSequence()?.firstOrNull()}")
            System.out.flush()
            exitProcess(1)
        }
    }

    private fun body(args: Array<String>) {
        require(args.size == 6) { "usage: WorkerMain kt|kt-java|java target namespace taskQueue cacheSize virtualThreads" }
        val (sdk, target, namespace, taskQueue) = args
        val cacheSize = args[4].toInt()
        val virtual = args[5].toBoolean()
        val closer: AutoCloseable = when (sdk) {
            "kt" -> runBlocking {
                // -Dbenchmarks.metrics=true (a --worker-jvm-arg): the SDK's metrics into an in-memory Micrometer registry
                val meter = if (System.getProperty("benchmarks.metrics").toBoolean()) MicrometerMetricMeter(SimpleMeterRegistry()) else MetricMeter.NOOP
                // -Dbenchmarks.tracing=true: a TracingInterceptor on the client, so on the worker too
                val client = Client.connect(ConnectionOptions(target = target, namespace = namespace, metricMeter = meter), BenchmarkTracing.clientOptions())
                val options = if (cacheSize > 0) WorkerOptions(maxCachedWorkflows = cacheSize) else WorkerOptions()
                val worker = Worker(
                    client,
                    taskQueue,
                    workflows = listOf(
                        IdleWorkflow::class, SingleActivityWorkflow::class, ReplayWorkflow::class,
                        FanOutWorkflow::class, FanOutChildWorkflow::class, StepsWorkflow::class,
                    ),
                    activities = listOf(BenchActivities()),
                    options = options,
                ).start()
                AutoCloseable {
                    worker.close()
                    client.connection.close()
                }
            }
            "kt-java" -> JavaFacadeWorker(target, namespace, taskQueue, cacheSize).start()
            "java" -> JavaSdkWorker(target, namespace, taskQueue, cacheSize, virtual).start()
            else -> throw IllegalArgumentException("unknown SDK '$sdk', expected kt, kt-java or java")
        }
        // the process's start from /proc, not the JVM's runtime bean: the harness starts no management beans of its own
        val startedAt = ProcessHandle.current().info().startInstant().map { it.toEpochMilli() }.orElse(0L)
        println("READY startMillis=${System.currentTimeMillis() - startedAt} jdk=${System.getProperty("java.version")}")
        System.out.flush()
        while (true) {
            when (val line = readLine()?.trim()) {
                null, "STOP" -> break
                "STATS" -> println("STATS cpuNanos=${SelfStats.processCpuNanos()} jitNanos=${SelfStats.jitNanos()} activities=${ActivityCounter.get()} heapUsed=${SelfStats.heapUsed()}")
                "GC" -> {
                    val heap = SelfStats.heapAfterGc()
                    println("GC heap=$heap cpuNanos=${SelfStats.processCpuNanos()} activities=${ActivityCounter.get()}")
                }
                "HISTO" -> {
                    System.err.println("=== class histogram (live objects) at ${System.currentTimeMillis()}")
                    System.err.println(SelfStats.classHistogram())
                    System.err.flush()
                    println("HISTO")
                }
                else -> println("ERROR unknown command '$line'")
            }
            System.out.flush()
        }
        runCatching { closer.close() }.onFailure { it.printStackTrace() }
        println("STOPPED")
        System.out.flush()
        exitProcess(0)
    }
}
