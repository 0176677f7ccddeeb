package dev.temporalkt.benchmarks

import dev.temporalkt.benchmarks.child.SelfStats
import dev.temporalkt.internal.InternalTemporalApi
import java.lang.management.ManagementFactory
import java.lang.ref.Reference
import java.nio.file.Files
import java.nio.file.StandardOpenOption
import java.util.UUID

/**
 * Heap held by one cached run of a workflow that sleeps in a loop (`BenchTimerLoop`), after few and after many timers:
 * whether a long-running run's cache footprint grows with its history. No server: for each timer count N, K runs are
 * created and driven in-process through N fired timers each, exactly as the worker processes their workflow tasks
 * ([TimerLoopRun], [TimerLoopHistory]); then heap after full GC minus the heap measured before the runs were created,
 * divided by K, while the runs are still held. Reports bytes per cached run for each N, bytes per timer between the
 * smallest and largest N, and the ratio largest N / smallest N (1 means the footprint does not grow).
 *
 * Options: `--iterations a,b` (timer counts N; default 10,10000; `--sizes` is the same), `--runs K` (runs per
 * measurement; default 50; `--count` is the same), `--rounds N` (3 by default; each round measures new runs in the
 * same JVM), `--smoke` (N = 10 and 50, K = 2, one round).
 *
 * With `-Dbenchmarks.histograms` set, class histograms of the live heap before and after each measurement are appended
 * to `target/benchmark-logs/timerloop-histograms.txt`, to see what a cached run keeps.
 *
 * `mvn -B -q -pl benchmarks exec:java -Dexec.mainClass=dev.temporalkt.benchmarks.TimerLoopFootprint -Dexec.args="--iterations 10,10000 --runs 50 --rounds 1"`
 */
@OptIn(InternalTemporalApi::class)
object TimerLoopFootprint {
    private const val WORKLOAD = "timerloop"
    private const val WARMUP_TIMERS = 2_000

    @JvmStatic
    fun main(args: Array<String>) {
        val renamed = args.map {
            when (it) {
                "--iterations" -> "--sizes"
                "--runs" -> "--count"
                else -> it
            }
        }
        run(BenchmarkArgs.parse(renamed.toTypedArray()))
    }

    /** Runs the workload in this JVM and prints and saves the tables. */
    fun run(args: BenchmarkArgs) {
        val iterations = args.sizesOr(listOf(10, 50), listOf(10, 10_000)).distinct().sorted()
        val runs = args.count ?: if (args.smoke) 2 else 50
        require(runs >= 1 && iterations.all { it >= 0 }) { "--runs must be at least 1 and --iterations not negative" }
        val gcs = ManagementFactory.getGarbageCollectorMXBeans().joinToString("+") { it.name }
        val jdk = System.getProperty("java.version")
        println("timer-loop footprint: $runs run(s) per measurement, timers $iterations, ${args.rounds} round(s), JDK $jdk, $gcs")
        val shared = TimerLoopRun.Shared()
        // Class loading, the definition's and converters' caches, the executor's threads and what the JVM creates on
        // first use (method handles, locale data for the figures): left out of the measurements by one unreported pass.
        measure(shared, runs, WARMUP_TIMERS, "warm-up")

        val perRun = LinkedHashMap<Pair<Int, Int>, Double>() // (round, timers) -> bytes per run
        val rows = ResultTable(
            "$WORKLOAD: heap held per cached run, by round",
            listOf("round", "timers fired", "cached runs", "heap bytes/run", "heap KiB total", "driving s", "load avg 1m"),
        )
        for (round in 1..args.rounds) for (timers in iterations) {
            val m = measure(shared, runs, timers, "round $round")
            perRun[round to timers] = m.bytesPerRun
            rows.add(round, timers, runs, m.bytesPerRun, m.totalBytes / 1024.0, m.seconds, m.load)
        }
        rows.publish(WORKLOAD)

        val rounds = 1..args.rounds
        val medians = ResultTable(
            "$WORKLOAD: heap held per cached run, medians over ${args.rounds} round(s) ($runs runs each)",
            listOf("timers fired", "heap bytes/run per round", "median"),
        )
        for (timers in iterations) {
            val values = rounds.map { perRun.getValue(it to timers) }
            medians.add(timers, values.joinToString(" ") { "%.0f".format(it) }, Stats.median(values))
        }
        val (fewest, most) = iterations.first() to iterations.last()
        if (most > fewest) {
            val ratios = rounds.map { perRun.getValue(it to most) / perRun.getValue(it to fewest) }
            medians.add("ratio $most / $fewest", ratios.joinToString(" ") { "%.3f".format(it) }, Stats.median(ratios))
            val perTimer = rounds.map { (perRun.getValue(it to most) - perRun.getValue(it to fewest)) / (most - fewest) }
            medians.add("bytes/run per timer, $fewest → $most", perTimer.joinToString(" ") { "%.3f".format(it) }, Stats.median(perTimer))
        }
        medians.publish(WORKLOAD)
    }

    private class Measurement(val bytesPerRun: Double, val totalBytes: Long, val seconds: Double, val load: Double)

    /**
     * Heap after GC before [runs] new runs are created and after each was driven through [timers] fired timers, while
     * they are still held; then the runs are evicted.
     */
    private fun measure(shared: TimerLoopRun.Shared, runs: Int, timers: Int, label: String): Measurement {
        val held = ArrayList<TimerLoopRun>(runs)
        val before = SelfStats.heapAfterGc()
        val classesBefore = classLoading.totalLoadedClassCount
        if (histograms) histogram("$label, $timers timers: before creating $runs runs")
        val started = System.nanoTime()
        for (i in 1..runs) {
            held += TimerLoopRun("timer-loop-$label-$timers-$i", UUID.randomUUID().toString(), shared).also { it.drive(timers) }
        }
        val seconds = (System.nanoTime() - started) / 1e9
        val after = SelfStats.heapAfterGc()
        val classesLoaded = classLoading.totalLoadedClassCount - classesBefore
        if (histograms) histogram("$label, $timers timers: after driving $runs runs")
        Reference.reachabilityFence(held)
        held.forEach { it.evict() }
        val m = Measurement((after - before).toDouble() / runs, after - before, seconds, ProcStatus.loadAverage1m())
        println(
            "  $label, $timers timers: ${"%.0f".format(m.bytesPerRun)} bytes per cached run (${m.totalBytes} for $runs runs; " +
                "driven in ${"%.1f".format(seconds)} s; $classesLoaded classes loaded meanwhile; load ${ProcStatus.loadAverages()})",
        )
        return m
    }

    private val classLoading = ManagementFactory.getClassLoadingMXBean()

    private val histograms = System.getProperty("benchmarks.histograms") != null

    private fun histogram(label: String) {
        val file = Files.createDirectories(BenchmarkPaths.target.resolve("benchmark-logs")).resolve("$WORKLOAD-histograms.txt")
        Files.writeString(file, "=== $label\n${SelfStats.classHistogram()}\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND)
    }
}
