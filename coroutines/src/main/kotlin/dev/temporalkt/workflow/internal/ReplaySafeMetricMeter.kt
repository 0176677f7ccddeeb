package dev.temporalkt.workflow.internal

import dev.temporalkt.metrics.MetricCounter
import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.metrics.MetricHistogram
import dev.temporalkt.metrics.MetricMeter

/**
 * The metric meter of workflow code: [delegate]'s instruments, whose values are dropped while [isReplaying] says the
 * run replays history, so that each value is recorded once however often the run is replayed.
 */
internal class ReplaySafeMetricMeter(
    private val delegate: MetricMeter,
    private val isReplaying: () -> Boolean,
) : MetricMeter {
    override fun counter(name: String, description: String, unit: String): MetricCounter {
        val counter = delegate.counter(name, description, unit)
        return MetricCounter { value, attributes -> if (!isReplaying()) counter.add(value, attributes) }
    }

    override fun histogram(name: String, description: String, unit: String): MetricHistogram {
        val histogram = delegate.histogram(name, description, unit)
        return MetricHistogram { value, attributes -> if (!isReplaying()) histogram.record(value, attributes) }
    }

    override fun gauge(name: String, description: String, unit: String): MetricGauge {
        val gauge = delegate.gauge(name, description, unit)
        return MetricGauge { value, attributes -> if (!isReplaying()) gauge.set(value, attributes) }
    }

    override fun withAttributes(attributes: Map<String, String>): MetricMeter =
        if (attributes.isEmpty()) this else ReplaySafeMetricMeter(delegate.withAttributes(attributes), isReplaying)

    override fun toString(): String = "replay-safe $delegate"
}
