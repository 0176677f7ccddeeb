package dev.temporalkt.benchmarks

/** Order statistics of measured samples. */
object Stats {
    fun median(values: List<Double>): Double {
        require(values.isNotEmpty()) { "no samples" }
        val sorted = values.sorted()
        val mid = sorted.size / 2
        return if (sorted.size % 2 == 1) sorted[mid] else (sorted[mid - 1] + sorted[mid]) / 2
    }

    /** Nearest-rank percentile, [p] in 0..100. */
    fun percentile(values: List<Double>, p: Double): Double {
        require(values.isNotEmpty()) { "no samples" }
        val sorted = values.sorted()
        val rank = Math.ceil(p / 100.0 * sorted.size).toInt().coerceIn(1, sorted.size)
        return sorted[rank - 1]
    }
}
