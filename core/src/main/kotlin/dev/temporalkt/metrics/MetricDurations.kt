package dev.temporalkt.metrics

import kotlin.time.Duration

/** How the SDK records durations: in milliseconds (unit `ms`, the default) or in seconds (unit `s`). */
internal class MetricDurations(private val inSeconds: Boolean) {
    /** The unit given to the SDK's latency histograms. */
    val unit: String = if (inSeconds) "s" else "ms"

    /** [duration] in [unit]; negative durations (clock skew between server and worker) count as zero. */
    fun value(duration: Duration): Double {
        val nanos = duration.inWholeNanoseconds.coerceAtLeast(0).toDouble()
        return if (inSeconds) nanos / 1e9 else nanos / 1e6
    }
}
