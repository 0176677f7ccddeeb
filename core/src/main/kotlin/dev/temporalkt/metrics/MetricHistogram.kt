package dev.temporalkt.metrics

/**
 * A histogram created by a [MetricMeter]: the distribution of recorded values.
 *
 * ```kotlin
 * Workflow.metricMeter.histogram("order_items", unit = "items").record(order.items.size.toDouble())
 * ```
 */
public fun interface MetricHistogram {
    /** Records [value] for [attributes]. */
    public fun record(value: Double, attributes: Map<String, String>)

    /** Records [value] without attributes of its own. */
    public fun record(value: Double) {
        record(value, emptyMap())
    }
}
