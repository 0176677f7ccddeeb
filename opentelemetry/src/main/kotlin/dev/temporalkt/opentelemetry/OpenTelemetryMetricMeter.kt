package dev.temporalkt.opentelemetry

import dev.temporalkt.metrics.MetricCounter
import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.metrics.MetricHistogram
import dev.temporalkt.metrics.MetricMeter
import io.opentelemetry.api.OpenTelemetry
import io.opentelemetry.api.common.Attributes
import io.opentelemetry.api.common.AttributesBuilder
import io.opentelemetry.api.metrics.Meter
import java.util.concurrent.ConcurrentHashMap

/**
 * A [MetricMeter] that records into an OpenTelemetry [Meter]: counters as `LongCounter`s, histograms as
 * `DoubleHistogram`s, gauges as synchronous `DoubleGauge`s, attributes as string attributes. Instruments are made
 * once per name, description and unit and reused.
 *
 * ```kotlin
 * val meter = OpenTelemetryMetricMeter(openTelemetry)
 * Worker(client, "orders", workflows, activities, WorkerOptions(metricMeter = meter))
 * ```
 *
 * From Java: `WorkerOptions.newBuilder().metricMeter(new OpenTelemetryMetricMeter(openTelemetry))`.
 */
public class OpenTelemetryMetricMeter(private val meter: Meter) : MetricMeter {
    /** Records with the meter `dev.temporalkt.opentelemetry` of [openTelemetry]. */
    public constructor(openTelemetry: OpenTelemetry) : this(openTelemetry.getMeter(TracingInterceptor.INSTRUMENTATION_NAME))

    private data class Instrument(val kind: String, val name: String, val description: String, val unit: String)

    private val instruments = ConcurrentHashMap<Instrument, Any>()

    override fun counter(name: String, description: String, unit: String): MetricCounter =
        instruments.computeIfAbsent(Instrument("counter", name, description, unit)) {
            val counter = meter.counterBuilder(checkName(name)).describe(description, unit).build()
            MetricCounter { value, attributes ->
                require(value >= 0) { "Counter $name only grows, got $value; use a gauge for values that go down" }
                counter.add(value, attributes.toOpenTelemetry())
            }
        } as MetricCounter

    override fun histogram(name: String, description: String, unit: String): MetricHistogram =
        instruments.computeIfAbsent(Instrument("histogram", name, description, unit)) {
            val histogram = meter.histogramBuilder(checkName(name)).describe(description, unit).build()
            MetricHistogram { value, attributes -> histogram.record(value, attributes.toOpenTelemetry()) }
        } as MetricHistogram

    override fun gauge(name: String, description: String, unit: String): MetricGauge =
        instruments.computeIfAbsent(Instrument("gauge", name, description, unit)) {
            val gauge = meter.gaugeBuilder(checkName(name)).describe(description, unit).build()
            MetricGauge { value, attributes -> gauge.set(value, attributes.toOpenTelemetry()) }
        } as MetricGauge

    override fun toString(): String = "OpenTelemetryMetricMeter($meter)"

    private fun checkName(name: String): String {
        require(name.isNotBlank()) { "A metric needs a name, got a blank one" }
        return name
    }

    private fun Map<String, String>.toOpenTelemetry(): Attributes {
        if (isEmpty()) return Attributes.empty()
        val builder: AttributesBuilder = Attributes.builder()
        forEach { (key, value) -> builder.put(key, value) }
        return builder.build()
    }
}

private fun <B : Any> B.describe(description: String, unit: String): B {
    // the three instrument builders share these setters without a common supertype
    when (this) {
        is io.opentelemetry.api.metrics.LongCounterBuilder -> { if (description.isNotEmpty()) setDescription(description); if (unit.isNotEmpty()) setUnit(unit) }
        is io.opentelemetry.api.metrics.DoubleHistogramBuilder -> { if (description.isNotEmpty()) setDescription(description); if (unit.isNotEmpty()) setUnit(unit) }
        is io.opentelemetry.api.metrics.DoubleGaugeBuilder -> { if (description.isNotEmpty()) setDescription(description); if (unit.isNotEmpty()) setUnit(unit) }
    }
    return this
}
