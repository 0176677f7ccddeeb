package dev.temporalkt.metrics

/**
 * Creates the instruments that workflows and activities record custom metrics with: [counter]s, [histogram]s and
 * [gauge]s, each value with attributes (also called tags or labels). The SDK does not ship a metrics backend: set an
 * implementation that forwards to yours (Micrometer, OpenTelemetry, Prometheus, ...) in the worker's options; the
 * default, [NOOP], drops everything.
 *
 * ```kotlin
 * class MicrometerMeter(private val registry: MeterRegistry) : MetricMeter {
 *     override fun counter(name: String, description: String, unit: String) = MetricCounter { value, attributes ->
 *         registry.counter(name, attributes.map { Tag.of(it.key, it.value) }).increment(value.toDouble())
 *     }
 *     // histogram and gauge alike
 * }
 * val worker = Worker(client, "orders", workflows, activities, WorkerOptions(metricMeter = MicrometerMeter(registry)))
 *
 * // in workflow code (nothing is recorded while the workflow replays)
 * Workflow.metricMeter.counter("orders_shipped").add(1, mapOf("carrier" to carrier))
 * ```
 *
 * Implementations must be thread-safe. The SDK creates instruments often (it does not cache them), so an
 * implementation that is expensive to create should cache by name.
 */
public interface MetricMeter {
    /** A counter named [name]: a value that only grows. */
    public fun counter(name: String, description: String = "", unit: String = ""): MetricCounter

    /** A histogram named [name]: the distribution of recorded values, such as latencies or sizes. */
    public fun histogram(name: String, description: String = "", unit: String = ""): MetricHistogram

    /** A gauge named [name]: the last value set, such as a queue length. */
    public fun gauge(name: String, description: String = "", unit: String = ""): MetricGauge

    /**
     * This meter with [attributes] added to every value its instruments record; attributes given when recording win
     * over these when the keys are the same.
     *
     * ```kotlin
     * val meter = Workflow.metricMeter.withAttributes(mapOf("region" to "eu"))
     * ```
     */
    public fun withAttributes(attributes: Map<String, String>): MetricMeter =
        if (attributes.isEmpty()) this else AttributedMetricMeter(this, attributes)

    public companion object {
        /** The meter that records nothing; the default of the worker options. */
        @JvmField
        public val NOOP: MetricMeter = NoopMetricMeter
    }
}
