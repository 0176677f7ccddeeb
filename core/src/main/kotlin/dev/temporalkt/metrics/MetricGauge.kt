package dev.temporalkt.metrics

/**
 * A gauge created by a [MetricMeter]: the last value set.
 *
 * ```kotlin
 * Workflow.metricMeter.gauge("pending_approvals").set(pending.size.toDouble())
 * ```
 */
public fun interface MetricGauge {
    /** Sets the gauge to [value] for [attributes]. */
    public fun set(value: Double, attributes: Map<String, String>)

    /** Sets the gauge to [value] without attributes of its own. */
    public fun set(value: Double) {
        set(value, emptyMap())
    }
}
