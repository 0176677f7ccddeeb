package dev.temporalkt.benchmarks

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes

/**
 * Workload 3, fan-out: one `BenchFanOut` workflow starts N activities and N/10 child workflows (one activity each)
 * at once and waits for all of them (default N = 1,000, so 100 children). Reports the end-to-end time (start to
 * result, seen by the load generator), the worker's peak heap in use and peak RSS (sampled every 100 ms during the
 * run; heap in use includes garbage not yet collected), its CPU time, the WorkflowTaskFailed and WorkflowTaskTimedOut
 * events in the histories of the parent and all children, and the lines of the worker's log that report a potential deadlock. A smaller
 * fan-out (N/10) runs first as warm-up (not in smoke mode).
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.FanOutBenchmark -Dexec.args="--sizes 1000 --rounds 3"`
 */
object FanOutBenchmark {
    private const val SAMPLE_INTERVAL_MILLIS = 100L

    @JvmStatic
    fun main(args: Array<String>) {
        val parsed = BenchmarkArgs.parse(args)
        DevServer.start().use { run(parsed, it) }
    }

    /** Runs the workload against [server] and prints and saves the tables. */
    fun run(args: BenchmarkArgs, server: DevServer) {
        val sizes = args.sizesOr(listOf(20), listOf(1_000))
        val variants = args.select(listOf(Variant.KT, Variant.JAVA_DEFAULT, Variant.KT_25, Variant.JAVA_VIRTUAL))
        val results = Measurements("fanout", "activities + children")
        val launcher = WorkerLauncher(server, args.workerJvmArgs)
        runBlocking {
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), BenchmarkTracing.clientOptions())
            try {
                for (round in 1..args.rounds) for (size in sizes) for (variant in variants) {
                    println("fanout round $round, $size activities + ${size / 10} children, ${variant.name}")
                    results.attempt(round, size, variant) { runBlocking { measure(client, launcher, variant, round, size, !args.smoke, results) } }
                }
            } finally {
                client.connection.close()
            }
        }
        results.publish(listOf(Variant.KT to Variant.JAVA_DEFAULT, Variant.KT_25 to Variant.JAVA_VIRTUAL))
    }

    private suspend fun measure(client: Client, launcher: WorkerLauncher, variant: Variant, round: Int, size: Int, warmUp: Boolean, results: Measurements) {
        val children = maxOf(1, size / 10)
        val taskQueue = "fanout-${variant.name}-$round-${UUID.randomUUID()}"
        // cache room for the parent and every child (the Java SDK default variant keeps its own defaults)
        val (worker, runtime) = launcher.start(variant, taskQueue, children + 1, "fanout")
        results.jdk(variant, runtime)
        worker.use {
            suspend fun fanOut(id: String, activities: Int, children: Int): Int =
                client.startWorkflow<Int>("BenchFanOut", activities, children, options = WorkflowOptions(id = id, taskQueue = taskQueue)).result()

            if (warmUp) {
                val warmupActivities = maxOf(10, size / 10)
                val warmupChildren = maxOf(1, children / 10)
                check(fanOut("$taskQueue-warmup", warmupActivities, warmupChildren) == warmupActivities + warmupChildren) { "warm-up fan-out returned a wrong count" }
                LoadGenerator(client).awaitQuiet(worker, 1.minutes)
            }
            worker.command("GC")
            val cpuBefore = worker.stats().cpuNanos
            val rssBefore = worker.rssBytes()
            var peakHeap = 0L
            var peakRss = 0L
            val sampler = CoroutineScope(Dispatchers.IO).launch {
                while (isActive) {
                    val stats = worker.stats()
                    peakHeap = maxOf(peakHeap, stats.heapUsed ?: 0L)
                    peakRss = maxOf(peakRss, worker.rssBytes())
                    delay(SAMPLE_INTERVAL_MILLIS.milliseconds)
                }
            }
            val id = "$taskQueue-measured"
            val started = System.nanoTime()
            val count = try {
                withTimeout(30.minutes) { fanOut(id, size, children) }
            } finally {
                sampler.cancelAndJoin()
            }
            val elapsed = System.nanoTime() - started
            check(count == size + children) { "fan-out returned $count, expected ${size + children}" }
            val cpu = worker.stats().cpuNanos - cpuBefore
            val taskProblems = (listOf(id) + (0 until children).map { "$id-child-$it" }).map { WorkflowTaskTiming.failedAndTimedOutTasks(client, it) }
            results.record(round, size, variant, "end-to-end s", elapsed / 1e9)
            results.record(round, size, variant, "CPU s", cpu / 1e9)
            if (peakHeap > 0) results.record(round, size, variant, "peak heap MiB", peakHeap / 1048576.0)
            results.record(round, size, variant, "peak RSS MiB", peakRss / 1048576.0)
            results.record(round, size, variant, "RSS growth MiB", (peakRss - rssBefore) / 1048576.0)
            val failed = taskProblems.flatMap { it.first }
            val timedOut = taskProblems.flatMap { it.second }
            if (failed.isNotEmpty() || timedOut.isNotEmpty()) {
                println("  workflow tasks failed: ${failed.groupingBy { it }.eachCount()}, timed out: ${timedOut.groupingBy { it }.eachCount()}")
            }
            results.record(round, size, variant, "WFT failed", failed.size.toDouble())
            results.record(round, size, variant, "WFT timed out", timedOut.size.toDouble())
            results.record(round, size, variant, "deadlock log lines", worker.logLinesContaining("potential deadlock").toDouble())
            results.recordLoad(round, size, variant)
        }
    }
}
