package dev.temporalkt.metrics

/**
 * A counter created by a [MetricMeter]: a value that only grows.
 *
 * ```kotlin
 * Workflow.metricMeter.counter("payments_retried").add(1, mapOf("provider" to "acme"))
 * ```
 */
public fun interface MetricCounter {
    /** Adds [value] (not negative) to the counter for [attributes]. */
    public fun add(value: Long, attributes: Map<String, String>)

    /** Adds [value] to the counter without attributes of its own. */
    public fun add(value: Long) {
        add(value, emptyMap())
    }
}
