package dev.temporalkt.benchmarks

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import dev.temporalkt.testing.DevServerOptions
import kotlinx.coroutines.runBlocking
import java.nio.file.Files
import java.util.UUID
import kotlin.time.Duration.Companion.minutes

/**
 * Workload 1, idle cache footprint: N workflows each run one activity and then wait for a signal, all kept in the
 * worker's cache (cache size, and for the Java SDK the workflow thread count, raised to N). Measures the worker's
 * heap after full GC and its RSS, before and after, per cached workflow. Afterwards a sample of the workflows is
 * released and must complete with the right result. The Python worker has no JVM heap: only its RSS is reported
 * (heap columns are empty, "n/a").
 *
 * With `-Dbenchmarks.histograms` set, JVM workers also write class histograms of their live heap, before and after
 * loading the cache, to their logs (`target/benchmark-logs`), to see what a cached run keeps.
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.FootprintBenchmark -Dexec.args="--sizes 1000,10000"`
 */
object FootprintBenchmark {
    private const val RELEASE_SAMPLE = 100

    /**
     * Workflows started before waiting for their activities: loading in chunks keeps the task queue's backlog
     * small, so the server hands tasks straight to the polling worker (a dev server drains a backlog of tens of
     * thousands of tasks at a few per second).
     */
    private const val LOAD_CHUNK = 500

    /**
     * From this many cached runs on, the dev server keeps its data in a SQLite file instead of in memory: with its
     * in-memory store, a dev server holding about 90,000 open workflows stopped answering (keep-alive failures, then
     * RPC deadlines) twice, before the load was complete.
     */
    private const val FILE_STORE_FROM = 50_000

    @JvmStatic
    fun main(args: Array<String>) {
        val parsed = BenchmarkArgs.parse(args)
        val largest = sizes(parsed).max()
        if (largest < FILE_STORE_FROM) {
            DevServer.start().use { run(parsed, it) }
            return
        }
        // a file the server creates: it takes an existing one for a store it already set up
        val dir = Files.createTempDirectory("footprint-dev-server")
        val store = dir.resolve("store.sqlite")
        try {
            val options = DevServerOptions.newBuilder().extraArgs("--db-filename", store.toString()).build()
            DevServer.start(options).use { run(parsed, it) }
        } finally {
            Files.list(dir).use { files -> files.forEach(Files::deleteIfExists) }
            Files.deleteIfExists(dir)
        }
    }

    private fun sizes(args: BenchmarkArgs) = args.sizesOr(listOf(20), listOf(1_000, 10_000))

    /** Runs the workload against [server] and prints and saves the tables. */
    fun run(args: BenchmarkArgs, server: DevServer) {
        val sizes = sizes(args)
        val variants = args.select(listOf(Variant.KT, Variant.JAVA_RAISED, Variant.KT_25, Variant.JAVA_VIRTUAL, Variant.KT_JAVA, Variant.KT_JAVA_25, Variant.PYTHON), smokeExtras = listOf(Variant.KT_JAVA, Variant.PYTHON))
        val warmup = if (args.smoke) 5 else 50
        val histograms = System.getProperty("benchmarks.histograms") != null
        val results = Measurements("footprint", "cached workflows")
        val launcher = WorkerLauncher(server, args.workerJvmArgs)
        runBlocking {
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), BenchmarkTracing.clientOptions())
            val load = LoadGenerator(client)
            try {
                for (round in 1..args.rounds) for (size in sizes) for (variant in variants) {
                    println("footprint round $round, $size workflows, ${variant.name}")
                    val taskQueue = "idle-${variant.name}-$round-$size-${UUID.randomUUID()}"
                    val (worker, jdk) = launcher.start(variant, taskQueue, size + warmup, "footprint")
                    results.jdk(variant, jdk)
                    worker.use {
                        suspend fun startIdle(prefix: String, from: Int, count: Int) = load.forEach(count) { j ->
                            val i = from + j
                            client.startWorkflow<String>("BenchIdle", "$i", options = WorkflowOptions(id = "$taskQueue-$prefix-$i", taskQueue = taskQueue))
                        }
                        suspend fun release(prefix: String, count: Int) = load.forEach(count) { i ->
                            client.getWorkflowHandle<String>("$taskQueue-$prefix-$i").signal("release")
                        }
                        // warm up: class loading, JIT, connections, then release so they leave the cache
                        startIdle("warmup", 0, warmup)
                        load.awaitActivities(worker, warmup.toLong(), 5.minutes)
                        release("warmup", warmup)
                        load.awaitNoneRunning(taskQueue, 5.minutes)
                        load.awaitQuiet(worker, 1.minutes)
                        // heap is null for the Python worker (no JVM heap; its GC command still collects)
                        val heapBefore = worker.command("GC")["heap"]?.toDouble()
                        if (histograms && variant.sdk != Sdk.PYTHON) worker.command("HISTO")
                        val rssBefore = worker.rssBytes().toDouble()

                        val loading = System.nanoTime()
                        for (from in 0 until size step LOAD_CHUNK) {
                            startIdle("idle", from, minOf(LOAD_CHUNK, size - from))
                            load.awaitActivities(worker, (warmup + minOf(from + LOAD_CHUNK, size)).toLong(), 10.minutes)
                        }
                        load.awaitQuiet(worker, 5.minutes)
                        println("  $size workflows cached in ${(System.nanoTime() - loading) / 1_000_000} ms")
                        val heapAfter = worker.command("GC")["heap"]?.toDouble()
                        if (histograms && variant.sdk != Sdk.PYTHON) worker.command("HISTO")
                        val rssAfter = worker.rssBytes().toDouble()
                        if (heapBefore != null && heapAfter != null) results.record(round, size, variant, "heap KiB/wf", (heapAfter - heapBefore) / size / 1024)
                        results.record(round, size, variant, "RSS KiB/wf", (rssAfter - rssBefore) / size / 1024)
                        if (heapAfter != null) results.record(round, size, variant, "heap MiB total", heapAfter / (1 shl 20))
                        results.record(round, size, variant, "RSS MiB total", rssAfter / (1 shl 20))
                        results.recordLoad(round, size, variant)

                        // the cached runs are alive: a sample is released and must complete (releasing all would
                        // double the run time on a slow server; the rest go with the server)
                        val sample = minOf(size, RELEASE_SAMPLE)
                        load.forEach(sample) { i ->
                            val handle = client.getWorkflowHandle<String>("$taskQueue-idle-${i * (size / sample)}")
                            handle.signal("release")
                            check(handle.result() == "${i * (size / sample)}") { "released workflow returned the wrong result" }
                        }
                    }
                }
            } finally {
                client.connection.close()
            }
        }
        results.publish(listOf(Variant.KT to Variant.JAVA_RAISED, Variant.KT_25 to Variant.JAVA_VIRTUAL, Variant.KT to Variant.PYTHON, Variant.KT_JAVA to Variant.KT, Variant.KT_JAVA to Variant.JAVA_RAISED, Variant.KT_JAVA_25 to Variant.KT_25, Variant.KT_JAVA_25 to Variant.JAVA_VIRTUAL))
    }
}
