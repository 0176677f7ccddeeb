package dev.temporalkt.metrics

/** [delegate] with [attributes] added to every recorded value; the attributes given when recording win. */
internal class AttributedMetricMeter(
    private val delegate: MetricMeter,
    private val attributes: Map<String, String>,
) : MetricMeter {
    private fun merged(own: Map<String, String>): Map<String, String> = if (own.isEmpty()) attributes else attributes + own

    override fun counter(name: String, description: String, unit: String): MetricCounter {
        val counter = delegate.counter(name, description, unit)
        return MetricCounter { value, own -> counter.add(value, merged(own)) }
    }

    override fun histogram(name: String, description: String, unit: String): MetricHistogram {
        val histogram = delegate.histogram(name, description, unit)
        return MetricHistogram { value, own -> histogram.record(value, merged(own)) }
    }

    override fun gauge(name: String, description: String, unit: String): MetricGauge {
        val gauge = delegate.gauge(name, description, unit)
        return MetricGauge { value, own -> gauge.set(value, merged(own)) }
    }

    override fun withAttributes(attributes: Map<String, String>): MetricMeter =
        if (attributes.isEmpty()) this else AttributedMetricMeter(delegate, this.attributes + attributes)

    override fun toString(): String = "$delegate with $attributes"
}
