package dev.temporalkt.micrometer

import dev.temporalkt.metrics.MetricCounter
import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.metrics.MetricHistogram
import dev.temporalkt.metrics.MetricMeter
import io.micrometer.core.instrument.Counter
import io.micrometer.core.instrument.DistributionSummary
import io.micrometer.core.instrument.Gauge
import io.micrometer.core.instrument.MeterRegistry
import io.micrometer.core.instrument.Tag
import io.micrometer.core.instrument.Tags
import io.micrometer.core.instrument.Timer
import java.time.Duration
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong

/**
 * A [MetricMeter] that records into a Micrometer [registry]: counters as [Counter]s, histograms as
 * [DistributionSummary]s and gauges as [Gauge]s, every attribute as a tag. Give it to the connection options (RPC
 * metrics, and the workers' metrics when they have no meter of their own) and/or the worker options (the worker's
 * metrics and the custom metrics of its workflows and activities).
 *
 * ```kotlin
 * val registry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
 * val meter = MicrometerMetricMeter(registry)
 * val client = Client.connect(ConnectionOptions(target = "localhost:7233", metricMeter = meter))
 * Worker(client, "orders", workflows, activities).start() // records through the connection's meter
 * println(registry.scrape())
 * ```
 *
 * ```java
 * MicrometerMetricMeter meter = new MicrometerMetricMeter(registry);
 * ConnectionOptions options = ConnectionOptions.newBuilder().metricMeter(meter).build();
 * ```
 *
 * Names are used as given (Micrometer's naming convention of the registry then applies: Prometheus adds `_total` to
 * counters). Histograms in milliseconds (unit `ms`, the SDK's default for latencies) are [DistributionSummary]s with
 * the buckets [durationBucketsMillis] (Micrometer counts a value in the bucket of the whole number of milliseconds at
 * or above it; the sum is exact); histograms in seconds (unit `s`) are [Timer]s with the same buckets, which a
 * Prometheus registry exposes in seconds with the suffix `_seconds`; other histograms publish count, sum and maximum. Gauges keep the last value set for each set of attributes.
 *
 * Micrometer needs the same tag keys on every meter of one name; the SDK's metrics keep to that, and so should custom
 * metrics.
 *
 * @property registry where the meters are registered.
 * @property durationBucketsMillis the histogram bucket bounds of duration histograms, in milliseconds.
 */
public class MicrometerMetricMeter @JvmOverloads constructor(
    public val registry: MeterRegistry,
    public val durationBucketsMillis: List<Double> = DEFAULT_DURATION_BUCKETS_MILLIS,
) : MetricMeter {
    init {
        require(durationBucketsMillis.all { it > 0 }) { "Duration buckets must be positive, were $durationBucketsMillis" }
    }

    /** Gauge values by name and tags; the registry holds the gauges, which read these. */
    private val gaugeValues = ConcurrentHashMap<Pair<String, Tags>, AtomicLong>()

    override fun counter(name: String, description: String, unit: String): MetricCounter {
        val counters = ConcurrentHashMap<Map<String, String>, Counter>()
        return MetricCounter { value, attributes ->
            require(value >= 0) { "Counter $name cannot go down: add() was called with $value" }
            counters.computeIfAbsent(attributes) {
                Counter.builder(name).description(description.ifEmpty { null }).tags(tags(it)).register(registry)
            }.increment(value.toDouble())
        }
    }

    override fun histogram(name: String, description: String, unit: String): MetricHistogram =
        if (unit == "s") secondsHistogram(name, description) else summaryHistogram(name, description, unit)

    /** Durations in seconds as a [Timer], which keeps sub-second values apart in its buckets. */
    private fun secondsHistogram(name: String, description: String): MetricHistogram {
        val buckets = durationBucketsMillis.map { Duration.ofNanos((it * 1_000_000).toLong()) }.toTypedArray()
        val timers = ConcurrentHashMap<Map<String, String>, Timer>()
        return MetricHistogram { value, attributes ->
            timers.computeIfAbsent(attributes) {
                Timer.builder(name).description(description.ifEmpty { null }).tags(tags(it))
                    .serviceLevelObjectives(*buckets).minimumExpectedValue(buckets.first()).maximumExpectedValue(buckets.last())
                    .register(registry)
            }.record((value * 1e9).toLong().coerceAtLeast(0), TimeUnit.NANOSECONDS)
        }
    }

    private fun summaryHistogram(name: String, description: String, unit: String): MetricHistogram {
        val buckets = if (unit == "ms") durationBucketsMillis.toDoubleArray() else null
        val summaries = ConcurrentHashMap<Map<String, String>, DistributionSummary>()
        return MetricHistogram { value, attributes ->
            summaries.computeIfAbsent(attributes) {
                DistributionSummary.builder(name)
                    .description(description.ifEmpty { null })
                    .tags(tags(it))
                    .apply { if (buckets != null) serviceLevelObjectives(*buckets).maximumExpectedValue(buckets.max()) }
                    .register(registry)
            }.record(value)
        }
    }

    override fun gauge(name: String, description: String, unit: String): MetricGauge = MetricGauge { value, attributes ->
        val tags = tags(attributes)
        gaugeValues.computeIfAbsent(name to tags) { key ->
            val holder = AtomicLong(0.0.toRawBits())
            Gauge.builder(name, holder) { Double.fromBits(it.get()) }
                .description(description.ifEmpty { null })
                .tags(key.second)
                .strongReference(true)
                .register(registry)
            holder
        }.set(value.toRawBits())
    }

    override fun toString(): String = "MicrometerMetricMeter(${registry.javaClass.simpleName})"

    private fun tags(attributes: Map<String, String>): Tags = Tags.of(attributes.map { (key, value) -> Tag.of(key, value) })

    public companion object {
        /** Bucket bounds of duration histograms: 1 ms to 1 minute. */
        @JvmField
        public val DEFAULT_DURATION_BUCKETS_MILLIS: List<Double> =
            listOf(1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0, 30000.0, 60000.0)
    }
}
