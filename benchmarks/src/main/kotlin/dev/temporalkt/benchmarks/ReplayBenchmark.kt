package dev.temporalkt.benchmarks

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.testing.DevServer
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking

/**
 * Workload 4, replay: histories of about 100 / 1,000 / 10,000 / 50,000 events (activities, timers, signals), recorded
 * once per SDK on the dev server (see [HistoryRecorder]), replayed by each SDK in its own JVM. Reports time per replay
 * (median and fastest of the measured replays), process CPU time per replay (mean), events per second and bytes
 * allocated per replay (all threads; JDK 21+ only, so the JDK 17 rows leave it empty). The 100-event history is what a
 * worker replays after evicting a short run: there the fixed cost of a replay, not the per-event work, decides.
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.ReplayBenchmark -Dexec.args="--rounds 3"`
 */
object ReplayBenchmark {
    private const val HISTORY_LIMIT = 49_000 // the server refuses histories past 51,200 events

    @JvmStatic
    fun main(args: Array<String>) {
        val parsed = BenchmarkArgs.parse(args)
        DevServer.start().use { run(parsed, it) }
    }

    /** Runs the workload against [server] and prints and saves the tables. */
    fun run(args: BenchmarkArgs, server: DevServer) {
        val sizes = args.sizesOr(listOf(300), listOf(100, 1_000, 10_000, 50_000)).map { minOf(it, HISTORY_LIMIT) }
        val variants = args.select(listOf(Variant.KT, Variant.JAVA_DEFAULT, Variant.KT_25, Variant.JAVA_25))
        val histories = runBlocking {
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
            try {
                val recorder = HistoryRecorder(client, server.target, server.namespace)
                // one recording per SDK and size, the SDKs side by side to halve the wait
                sizes.flatMap { size ->
                    variants.map { it.sdk }.distinct().map { sdk -> async(Dispatchers.IO) { (sdk to size) to recorder.historyOf(sdk, size) } }.awaitAll()
                }.toMap()
            } finally {
                client.connection.close()
            }
        }
        val warmups = if (args.smoke) 1 else 3
        val measured = if (args.smoke) 3 else 7
        val results = Measurements("replay", "history events (target)")
        for (round in 1..args.rounds) for (size in sizes) for (variant in variants) {
            println("replay round $round, $size events, ${variant.name}")
            results.attempt(round, size, variant) { measure(args, variant, histories.getValue(variant.sdk to size), round, size, warmups, measured, results) }
        }
        results.publish(listOf(Variant.KT to Variant.JAVA_DEFAULT, Variant.KT_25 to Variant.JAVA_25))
    }

    private fun measure(args: BenchmarkArgs, variant: Variant, history: java.nio.file.Path, round: Int, size: Int, warmups: Int, measured: Int, results: Measurements) {
        val child = ChildProcess.startJvm(
            variant.requireJdk(), "dev.temporalkt.benchmarks.child.ReplayMain",
            listOf(variant.sdk.arg, history.toAbsolutePath().toString(), warmups.toString(), measured.toString()),
            listOf("-Xmx2g") + args.workerJvmArgs, "replay-${variant.name}-$size",
        )
        child.use {
            val out = it.await("REPLAY")
            check(it.waitForExit() == 0) { "replay child ${variant.name} failed" }
            val events = out.getValue("events").toDouble()
            val nanos = out.getValue("nanos").toDouble()
            results.jdk(variant, out.getValue("jdk"))
            results.record(round, size, variant, "events", events)
            results.record(round, size, variant, "ms/replay", nanos / 1e6)
            results.record(round, size, variant, "fastest ms/replay", out.getValue("fastest").toDouble() / 1e6)
            results.record(round, size, variant, "CPU ms/replay", out.getValue("cpu").toDouble() / 1e6)
            results.record(round, size, variant, "events/s", events / (nanos / 1e9))
            if (out["allThreads"] == "true") {
                results.record(round, size, variant, "KiB alloc/replay", out.getValue("allocated").toDouble() / 1024)
                results.record(round, size, variant, "bytes alloc/event", out.getValue("allocated").toDouble() / events)
            }
            results.recordLoad(round, size, variant)
        }
    }
}
