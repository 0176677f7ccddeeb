package dev.temporalkt.metrics

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs

/** A meter that writes each recorded value as one line. */
private class LinesMeter : MetricMeter {
    val lines = mutableListOf<String>()

    override fun counter(name: String, description: String, unit: String) =
        MetricCounter { value, attributes -> lines += "counter $name ($description, $unit) $value $attributes" }

    override fun histogram(name: String, description: String, unit: String) =
        MetricHistogram { value, attributes -> lines += "histogram $name ($description, $unit) $value $attributes" }

    override fun gauge(name: String, description: String, unit: String) =
        MetricGauge { value, attributes -> lines += "gauge $name ($description, $unit) $value $attributes" }
}

class MetricMeterSpec : FunSpec({
    test("NOOP instruments accept values and record nothing; its withAttributes is itself") {
        MetricMeter.NOOP.counter("c").add(1)
        MetricMeter.NOOP.histogram("h").record(1.5, mapOf("k" to "v"))
        MetricMeter.NOOP.gauge("g").set(2.0)
        MetricMeter.NOOP.withAttributes(mapOf("k" to "v")) shouldBeSameInstanceAs MetricMeter.NOOP
        MetricMeter.NOOP.toString() shouldBe "MetricMeter.NOOP"
    }

    test("withAttributes adds its attributes to every value; attributes given when recording win; nesting merges") {
        val lines = LinesMeter()
        val meter = lines.withAttributes(mapOf("region" to "eu", "tier" to "gold"))
        meter.counter("orders", "orders seen", "1").add(3)
        meter.histogram("latency", unit = "ms").record(12.5, mapOf("tier" to "silver"))
        meter.withAttributes(mapOf("stage" to "late")).gauge("queue").set(4.0, mapOf("region" to "us"))
        lines.withAttributes(emptyMap()) shouldBeSameInstanceAs lines
        lines.lines shouldBe listOf(
            "counter orders (orders seen, 1) 3 {region=eu, tier=gold}",
            "histogram latency (, ms) 12.5 {region=eu, tier=silver}",
            "gauge queue (, ) 4.0 {region=us, tier=gold, stage=late}",
        )
    }
})
