package dev.temporalkt.metrics

/** The meter behind [MetricMeter.NOOP]: its instruments drop every value. */
internal object NoopMetricMeter : MetricMeter {
    private val counter = MetricCounter { _, _ -> }
    private val histogram = MetricHistogram { _, _ -> }
    private val gauge = MetricGauge { _, _ -> }

    override fun counter(name: String, description: String, unit: String): MetricCounter = counter

    override fun histogram(name: String, description: String, unit: String): MetricHistogram = histogram

    override fun gauge(name: String, description: String, unit: String): MetricGauge = gauge

    override fun withAttributes(attributes: Map<String, String>): MetricMeter = this

    override fun toString(): String = "MetricMeter.NOOP"
}
