package dev.temporalkt.benchmarks

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.util.UUID
import kotlin.time.Duration.Companion.minutes

/**
 * Workload 5, cold start: a `BenchSingleActivity` workflow is started on a fresh task queue, then a fresh worker
 * process is launched for it. Reports launch to `READY` (the worker polls) and launch to the first workflow's result
 * (seen by the load generator), both measured by the harness. Then, from that first result on, single-activity
 * workflows are started at a fixed rate (default 20/s, `--rate`) for 10 s (`--seconds`), and the workflow-task latency of all of them
 * (WorkflowTaskScheduled to WorkflowTaskCompleted, from their histories) shows how the fresh worker (class loading,
 * JIT, caches) copes in its first seconds of work.
 *
 * `--class-cache off|on|both` (default `off`): `on` starts every JVM worker with an ahead-of-time class cache of its
 * own (AppCDS archive on JDK 17-24, AOT cache on JDK 25), recorded for each SDK the same way before the timing
 * ([ClassCaches]); `both` measures each JVM variant without and with (`<variant>+cache`), side by side.
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.ColdStartBenchmark -Dexec.args="--rounds 5 --rate 20"`
 */
object ColdStartBenchmark {
    /** Whether JVM workers start with a class cache of their own: `--class-cache off|on|both`. */
    enum class ClassCacheMode { OFF, ON, BOTH }

    @JvmStatic
    fun main(args: Array<String>) {
        val index = args.indexOf("--class-cache")
        val mode = if (index < 0) ClassCacheMode.OFF else {
            val value = args.getOrNull(index + 1) ?: throw IllegalArgumentException("--class-cache needs a value: off, on or both")
            ClassCacheMode.entries.firstOrNull { it.name.equals(value, ignoreCase = true) }
                ?: throw IllegalArgumentException("--class-cache takes off, on or both, not '$value'")
        }
        val rest = if (index < 0) args else (args.take(index) + args.drop(index + 2)).toTypedArray()
        val parsed = BenchmarkArgs.parse(rest)
        DevServer.start().use { run(parsed, it, mode) }
    }

    /** Runs the workload against [server], every worker without a class cache, and prints and saves the tables. */
    fun run(args: BenchmarkArgs, server: DevServer) = run(args, server, ClassCacheMode.OFF)

    /** Runs the workload against [server] with [classCache] and prints and saves the tables. */
    fun run(args: BenchmarkArgs, server: DevServer, classCache: ClassCacheMode) {
        val rate = args.rate ?: if (args.smoke) 5 else 20
        val windowSeconds = args.seconds ?: if (args.smoke) 2 else 10
        val selected = args.select(listOf(Variant.KT, Variant.JAVA_DEFAULT, Variant.KT_25, Variant.JAVA_VIRTUAL, Variant.PYTHON))
        val variants = selected.flatMap { variant ->
            when {
                variant.sdk == Sdk.PYTHON || classCache == ClassCacheMode.OFF -> listOf(variant)
                classCache == ClassCacheMode.ON -> listOf(variant.withClassCache())
                else -> listOf(variant, variant.withClassCache())
            }
        }
        val results = Measurements("coldstart", "workflows in ${windowSeconds}s window")
        val launcher = WorkerLauncher(server, args.workerJvmArgs)
        val count = rate * windowSeconds
        // the caches are recorded before any timing
        variants.filter { it.classCache }.forEach { launcher.classCaches.prepare(it) }
        runBlocking {
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), BenchmarkTracing.clientOptions())
            try {
                for (round in 1..args.rounds) for (variant in variants) {
                    println("coldstart round $round, ${variant.name}")
                    results.attempt(round, count, variant) { runBlocking { measure(client, launcher, variant, round, rate, count, results) } }
                }
            } finally {
                client.connection.close()
            }
        }
        val pairs = listOf(Variant.KT to Variant.JAVA_DEFAULT, Variant.KT_25 to Variant.JAVA_VIRTUAL)
        val cachedPairs = if (classCache == ClassCacheMode.OFF) emptyList() else pairs.map { (a, b) -> a.withClassCache() to b.withClassCache() }
        val uncachedPairs = if (classCache == ClassCacheMode.ON) emptyList() else pairs + (Variant.KT to Variant.PYTHON)
        results.publish(uncachedPairs + cachedPairs)
    }

    private suspend fun measure(client: Client, launcher: WorkerLauncher, variant: Variant, round: Int, rate: Int, count: Int, results: Measurements) {
        val taskQueue = "cold-${variant.name}-$round-${UUID.randomUUID()}"
        val first = client.startWorkflow<String>("BenchSingleActivity", "first", options = WorkflowOptions(id = "$taskQueue-first", taskQueue = taskQueue))
        val launched = System.nanoTime()
        val worker = launcher.launch(variant, taskQueue, 0, "coldstart")
        worker.use {
            // the worker must poll before it can complete anything, so waiting for READY first delays nothing
            val readyLine = withContext(Dispatchers.IO) { worker.await("READY", 120_000) }
            val readyAt = System.nanoTime()
            check(withTimeout(5.minutes) { first.result() } == "first") { "first workflow returned a wrong result" }
            val firstResult = System.nanoTime()
            results.jdk(variant, WorkerLauncher.runtimeOf(readyLine))
            results.record(round, count, variant, "launch→READY ms", (readyAt - launched) / 1e6)
            results.record(round, count, variant, "launch→1st result ms", (firstResult - launched) / 1e6)

            val load = LoadGenerator(client)
            load.atRate(count, rate) { i ->
                client.startWorkflow<String>("BenchSingleActivity", "$i", options = WorkflowOptions(id = "$taskQueue-w-$i", taskQueue = taskQueue))
            }
            load.awaitNoneRunning(taskQueue, 10.minutes)
            val tasks = WorkflowTaskTiming.ofWorkflows(client, (0 until count).map { "$taskQueue-w-$it" })
            val latencies = tasks.mapNotNull { it.scheduleToClose }
            results.record(round, count, variant, "WFT p50 ms", Stats.percentile(latencies, 50.0))
            results.record(round, count, variant, "WFT p99 ms", Stats.percentile(latencies, 99.0))
            results.record(round, count, variant, "WFT max ms", latencies.max())
            results.recordLoad(round, count, variant)
        }
    }
}
