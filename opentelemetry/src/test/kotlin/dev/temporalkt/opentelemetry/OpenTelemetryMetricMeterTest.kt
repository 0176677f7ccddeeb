package dev.temporalkt.opentelemetry

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.opentelemetry.api.common.AttributeKey
import io.opentelemetry.api.common.Attributes
import io.opentelemetry.sdk.metrics.SdkMeterProvider
import io.opentelemetry.sdk.metrics.data.MetricDataType
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader

/** [OpenTelemetryMetricMeter] records into an OpenTelemetry SDK meter, read back with an in-memory reader. */
class OpenTelemetryMetricMeterTest : FunSpec({
    val reader = InMemoryMetricReader.create()
    val provider = SdkMeterProvider.builder().registerMetricReader(reader).build()
    afterSpec { provider.close() }
    val meter = OpenTelemetryMetricMeter(provider.get("test"))

    test("counters, histograms and gauges record their values with attributes, the meter's attributes included") {
        meter.counter("orders_shipped", "orders shipped", "{order}").add(2, mapOf("carrier" to "ups"))
        meter.counter("orders_shipped", "orders shipped", "{order}").add(3, mapOf("carrier" to "ups"))
        meter.withAttributes(mapOf("region" to "eu")).histogram("latency", unit = "ms").record(12.5, mapOf("step" to "pack"))
        meter.gauge("queue_length").set(4.0)
        meter.gauge("queue_length").set(7.0)

        val metrics = reader.collectAllMetrics().associateBy { it.name }
        metrics.keys shouldBe setOf("orders_shipped", "latency", "queue_length")

        val counter = metrics.getValue("orders_shipped")
        counter.type shouldBe MetricDataType.LONG_SUM
        counter.description shouldBe "orders shipped"
        counter.unit shouldBe "{order}"
        counter.longSumData.points.single().let {
            it.value shouldBe 5
            it.attributes shouldBe Attributes.of(AttributeKey.stringKey("carrier"), "ups")
        }

        val histogram = metrics.getValue("latency")
        histogram.unit shouldBe "ms"
        histogram.histogramData.points.single().let {
            it.count shouldBe 1
            it.sum shouldBe 12.5
            it.attributes shouldBe Attributes.of(AttributeKey.stringKey("region"), "eu", AttributeKey.stringKey("step"), "pack")
        }

        metrics.getValue("queue_length").type shouldBe MetricDataType.DOUBLE_GAUGE
        metrics.getValue("queue_length").doubleGaugeData.points.single().value shouldBe 7.0
    }

    test("a counter refuses to go down and a metric needs a name") {
        shouldThrow<IllegalArgumentException> { meter.counter("c").add(-1) }.message shouldBe
            "Counter c only grows, got -1; use a gauge for values that go down"
        shouldThrow<IllegalArgumentException> { meter.gauge(" ") }.message shouldBe "A metric needs a name, got a blank one"
    }
})
