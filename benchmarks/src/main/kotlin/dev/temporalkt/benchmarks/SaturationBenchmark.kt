package dev.temporalkt.benchmarks

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import kotlinx.coroutines.runBlocking
import java.util.UUID
import kotlin.time.Duration.Companion.minutes

/**
 * Workload 6, saturation: one worker per variant gets single-activity workflows at rising start rates (default
 * 25, 50, 100, 200, 400 per second, each for 15 s; `--sizes` and `--seconds` change them), until the 99th percentile of workflow-task schedule-to-start
 * (WorkflowTaskScheduled to WorkflowTaskStarted, from the histories of a sample of the step's workflows) exceeds
 * 1 s. Per step: the rate the load generator actually offered, the completed workflows per second (the step's
 * workflows over the time from its first start until none is running), the worker's CPU, and schedule-to-start
 * p50/p99, also split into the runs' first workflow tasks (task queue) and later ones (the worker's sticky queue).
 * The summary gives, per variant, the highest step still within the limit, and its figures.
 *
 * The dev server, the load generator (this JVM) and the worker share the machine's cores, so the ceiling found is
 * the whole setup's, and a lighter worker leaves more CPU to the server and the load generator.
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.SaturationBenchmark -Dexec.args="--sizes 25,50,100,200,400 --rounds 2"`
 */
object SaturationBenchmark {
    private const val LIMIT_MILLIS = 1_000.0
    private const val LATENCY_SAMPLE = 100

    @JvmStatic
    fun main(args: Array<String>) {
        val parsed = BenchmarkArgs.parse(args)
        DevServer.start().use { run(parsed, it) }
    }

    /** Runs the workload against [server] and prints and saves the tables. */
    fun run(args: BenchmarkArgs, server: DevServer) {
        val rates = args.sizesOr(listOf(20), listOf(25, 50, 100, 200, 400))
        val stepSeconds = args.seconds ?: if (args.smoke) 2 else 15
        val warmup = if (args.smoke) 0 else 200
        val variants = args.select(listOf(Variant.KT, Variant.JAVA_DEFAULT, Variant.KT_25, Variant.JAVA_VIRTUAL))
        val steps = Measurements("saturation", "start rate /s")
        val summary = Measurements("saturation-summary", "highest step with WFT schedule-to-start p99 ≤ (ms)")
        val launcher = WorkerLauncher(server, args.workerJvmArgs)
        runBlocking {
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), BenchmarkTracing.clientOptions())
            val load = LoadGenerator(client)
            try {
                for (round in 1..args.rounds) for (variant in variants) steps.attempt(round, 0, variant) {
                    println("saturation round $round, ${variant.name}")
                    val taskQueue = "sat-${variant.name}-$round-${UUID.randomUUID()}"
                    val (worker, runtime) = launcher.start(variant, taskQueue, 1_000, "saturation")
                    steps.jdk(variant, runtime)
                    summary.jdk(variant, runtime)
                    worker.use {
                        runBlocking {
                            suspend fun startAll(prefix: String, n: Int, rate: Int) = load.atRate(n, rate) { i ->
                                client.startWorkflow<String>("BenchSingleActivity", "$i", options = WorkflowOptions(id = "$taskQueue-$prefix-$i", taskQueue = taskQueue))
                            }
                            if (warmup > 0) {
                                startAll("warmup", warmup, rates.first())
                                load.awaitNoneRunning(taskQueue, 10.minutes)
                                load.awaitQuiet(worker, 1.minutes)
                            }
                            var best: Map<String, Double>? = null
                            for (rate in rates) {
                                val n = rate * stepSeconds
                                val cpuBefore = worker.stats().cpuNanos
                                val started = System.nanoTime()
                                startAll("r$rate", n, rate)
                                val offered = n / ((System.nanoTime() - started) / 1e9)
                                load.awaitNoneRunning(taskQueue, 15.minutes)
                                val elapsed = (System.nanoTime() - started) / 1e9
                                val cpu = (worker.stats().cpuNanos - cpuBefore) / 1e9
                                val sample = (0 until n step maxOf(1, n / LATENCY_SAMPLE)).map { "$taskQueue-r$rate-$it" }
                                val perWorkflow = sample.map { WorkflowTaskTiming.of(client.getWorkflowHandle<Any?>(it).fetchHistory().history.eventsList) }
                                val waits = perWorkflow.flatten().mapNotNull { it.scheduleToStart }
                                // a run's first task goes to the task queue, later ones to the worker's sticky queue
                                val firstWaits = perWorkflow.mapNotNull { it.firstOrNull()?.scheduleToStart }
                                val laterWaits = perWorkflow.flatMap { it.drop(1) }.mapNotNull { it.scheduleToStart }
                                val figures = linkedMapOf(
                                    "offered /s" to offered,
                                    "completed /s" to n / elapsed,
                                    "CPU % of a core" to 100 * cpu / elapsed,
                                    "CPU ms/wf" to 1000 * cpu / n,
                                    "sched-to-start p50 ms" to Stats.percentile(waits, 50.0),
                                    "sched-to-start p99 ms" to Stats.percentile(waits, 99.0),
                                )
                                figures.forEach { (metric, value) -> steps.record(round, rate, variant, metric, value) }
                                steps.record(round, rate, variant, "1st WFT sched-to-start p99 ms", Stats.percentile(firstWaits, 99.0))
                                if (laterWaits.isNotEmpty()) steps.record(round, rate, variant, "later WFTs sched-to-start p99 ms", Stats.percentile(laterWaits, 99.0))
                                steps.recordLoad(round, rate, variant)
                                if (figures.getValue("sched-to-start p99 ms") > LIMIT_MILLIS) {
                                    println("  ${variant.name} over the limit at $rate/s")
                                    break
                                }
                                best = figures + ("start rate /s" to rate.toDouble())
                            }
                            val within = best
                            if (within == null) {
                                println("  ${variant.name}: even the first step was over the limit")
                            } else {
                                for (metric in listOf("start rate /s", "completed /s", "CPU % of a core", "CPU ms/wf", "sched-to-start p99 ms")) {
                                    summary.record(round, LIMIT_MILLIS.toInt(), variant, metric, within.getValue(metric))
                                }
                                summary.recordLoad(round, LIMIT_MILLIS.toInt(), variant)
                            }
                        }
                    }
                }
            } finally {
                client.connection.close()
            }
        }
        val pairs = listOf(Variant.KT to Variant.JAVA_DEFAULT, Variant.KT_25 to Variant.JAVA_VIRTUAL)
        summary.publish(pairs)
        steps.publish(pairs)
    }
}
