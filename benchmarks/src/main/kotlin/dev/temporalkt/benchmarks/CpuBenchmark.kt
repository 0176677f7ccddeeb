package dev.temporalkt.benchmarks

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import kotlinx.coroutines.runBlocking
import java.util.UUID
import kotlin.time.Duration.Companion.minutes

/**
 * Workload 2, CPU per workflow: single-activity workflows started at a fixed rate below saturation; the worker
 * process's own CPU time (all threads, JIT and GC included) divided by the workflows completed, and the part of it the
 * JIT compilers took (JVM workers: compilation time, still large in a JVM's first minutes), both per workflow. Also the
 * workflow-task latency (WorkflowTaskStarted to WorkflowTaskCompleted in the histories of a sample of workflows),
 * which includes the round trip to the server.
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.CpuBenchmark -Dexec.args="--count 10000 --rate 100"`
 */
object CpuBenchmark {
    private const val LATENCY_SAMPLE = 100

    @JvmStatic
    fun main(args: Array<String>) {
        val parsed = BenchmarkArgs.parse(args)
        DevServer.start().use { run(parsed, it) }
    }

    /** Runs the workload against [server] and prints and saves the tables. */
    fun run(args: BenchmarkArgs, server: DevServer) {
        val count = args.count ?: if (args.smoke) 20 else 10_000
        val rate = args.rate ?: if (args.smoke) 50 else 100
        val warmup = args.warmup ?: if (args.smoke) 5 else 200
        val variants = args.select(listOf(Variant.KT, Variant.JAVA_DEFAULT, Variant.KT_25, Variant.JAVA_VIRTUAL, Variant.KT_JAVA, Variant.KT_JAVA_25, Variant.PYTHON), smokeExtras = listOf(Variant.KT_JAVA, Variant.PYTHON))
        val results = Measurements("cpu", "workflows @ $rate/s")
        val launcher = WorkerLauncher(server, args.workerJvmArgs)
        runBlocking {
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), BenchmarkTracing.clientOptions())
            val load = LoadGenerator(client)
            try {
                for (round in 1..args.rounds) for (variant in variants) {
                    println("cpu round $round, $count workflows at $rate/s, ${variant.name}")
                    val taskQueue = "cpu-${variant.name}-$round-${UUID.randomUUID()}"
                    val (worker, jdk) = launcher.start(variant, taskQueue, count, "cpu")
                    results.jdk(variant, jdk)
                    worker.use {
                        suspend fun runAll(prefix: String, n: Int, ratePerSecond: Int) {
                            load.atRate(n, ratePerSecond) { i ->
                                client.startWorkflow<String>("BenchSingleActivity", "$i", options = WorkflowOptions(id = "$taskQueue-$prefix-$i", taskQueue = taskQueue))
                            }
                            load.awaitNoneRunning(taskQueue, 30.minutes)
                        }
                        runAll("warmup", warmup, rate)
                        load.awaitQuiet(worker, 1.minutes)
                        val before = worker.stats()
                        val cpuBefore = before.cpuNanos
                        val started = System.nanoTime()
                        runAll("measured", count, rate)
                        val elapsed = System.nanoTime() - started
                        val after = worker.stats()
                        val cpu = after.cpuNanos - cpuBefore
                        results.record(round, count, variant, "CPU ms/wf", cpu / 1e6 / count)
                        val jit = after.jitNanos?.let { it - before.jitNanos!! }
                        if (jit != null) {
                            results.record(round, count, variant, "JIT ms/wf", jit / 1e6 / count)
                            results.record(round, count, variant, "CPU ms/wf without JIT", (cpu - jit) / 1e6 / count)
                        }
                        results.record(round, count, variant, "CPU % of a core", 100.0 * cpu / elapsed)
                        val sample = (0 until count step maxOf(1, count / LATENCY_SAMPLE)).map { "$taskQueue-measured-$it" }
                        val latencies = WorkflowTaskTiming.ofWorkflows(client, sample).mapNotNull { it.startToClose }
                        results.record(round, count, variant, "WFT p50 ms", Stats.percentile(latencies, 50.0))
                        results.record(round, count, variant, "WFT p99 ms", Stats.percentile(latencies, 99.0))
                        results.recordLoad(round, count, variant)
                    }
                }
            } finally {
                client.connection.close()
            }
        }
        results.publish(listOf(Variant.KT to Variant.JAVA_DEFAULT, Variant.KT_25 to Variant.JAVA_VIRTUAL, Variant.KT to Variant.PYTHON, Variant.KT_JAVA to Variant.KT, Variant.KT_JAVA to Variant.JAVA_DEFAULT, Variant.KT_JAVA_25 to Variant.KT_25, Variant.KT_JAVA_25 to Variant.JAVA_VIRTUAL))
    }
}
