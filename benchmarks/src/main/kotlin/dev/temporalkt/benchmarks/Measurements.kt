package dev.temporalkt.benchmarks

/**
 * Samples of named metrics per (round, size, variant), summarised as medians over rounds and as per-round ratios
 * temporal-kt / other SDK for each compared pair. Context figures ([recordLoad]) appear in the medians only.
 */
class Measurements(private val workload: String, private val sizeLabel: String) {
    private data class Key(val round: Int, val size: Int, val variant: String, val metric: String)

    private val values = LinkedHashMap<Key, Double>()
    private val metrics = LinkedHashSet<String>()
    private val contextMetrics = LinkedHashSet<String>()
    private val jdks = LinkedHashMap<String, String>()

    fun record(round: Int, size: Int, variant: Variant, metric: String, value: Double) {
        values[Key(round, size, variant.name, metric)] = value
        println("  round $round, $size, ${variant.name}: $metric = ${"%.3f".format(value)}")
        metrics += metric
    }

    /**
     * Records the machine's 1-minute load average at the end of a measurement (a context figure: shown with the
     * medians, never compared), so every run says how busy the shared machine was.
     */
    fun recordLoad(round: Int, size: Int, variant: Variant) {
        val value = ProcStatus.loadAverage1m()
        values[Key(round, size, variant.name, LOAD)] = value
        println("  round $round, $size, ${variant.name}: $LOAD = $value (${ProcStatus.loadAverages()})")
        contextMetrics += LOAD
    }

    private val failures = mutableListOf<String>()

    /** Runs one measurement; a failure is recorded (and reported by [publish]) instead of ending the workload. */
    fun attempt(round: Int, size: Int, variant: Variant, block: () -> Unit) {
        try {
            block()
        } catch (e: Exception) {
            val line = "round $round, $size, ${variant.name}: ${e.message?.lineSequence()?.firstOrNull()}"
            println("  FAILED $line")
            failures += line
        }
    }

    /** The runtime (JDK or Python version) [variant] ran on, for the tables. */
    fun jdk(variant: Variant, version: String) {
        jdks[variant.name] = version
    }

    /**
     * Prints and saves the summary: medians per variant and ratios per [pairs] (ours first), then failed runs, if any,
     * as an exception.
     */
    fun publish(pairs: List<Pair<Variant, Variant>>) {
        val sizes = values.keys.map { it.size }.distinct()
        val variants = values.keys.map { it.variant }.distinct()
        val rounds = values.keys.map { it.round }.distinct().sorted()
        val shown = metrics + contextMetrics
        val medians = ResultTable("$workload: medians over ${rounds.size} round(s)", listOf(sizeLabel, "variant", "runtime") + shown)
        for (size in sizes) for (variant in variants) {
            val cells = shown.map { metric ->
                rounds.mapNotNull { values[Key(it, size, variant, metric)] }.takeIf { it.isNotEmpty() }?.let(Stats::median)
            }
            if (cells.all { it == null }) continue
            medians.add(*(listOf<Any?>(size, variant, jdks[variant]) + cells).toTypedArray())
        }
        medians.publish(workload)
        val ratios = ResultTable("$workload: ratio temporal-kt / other SDK (below 1 = temporal-kt's figure is lower)", listOf(sizeLabel, "metric", "pair", "per round", "median"))
        for (size in sizes) for ((ours, theirs) in pairs) for (metric in metrics) {
            val perRound = rounds.mapNotNull { round ->
                val a = values[Key(round, size, ours.name, metric)]
                val b = values[Key(round, size, theirs.name, metric)]
                if (a != null && b != null && b != 0.0) a / b else null
            }
            if (perRound.isNotEmpty()) {
                ratios.add(size, metric, "${ours.name} / ${theirs.name}", perRound.joinToString(" ") { "%.3f".format(it) }, Stats.median(perRound))
            }
        }
        ratios.publish(workload)
        if (failures.isNotEmpty()) {
            val failed = ResultTable("$workload: failed runs", listOf("run"))
            failures.forEach { failed.add(it) }
            failed.publish(workload)
            throw IllegalStateException("$workload: ${failures.size} run(s) failed: ${failures.first()}")
        }
    }

    private companion object {
        const val LOAD = "load avg 1m"
    }
}
