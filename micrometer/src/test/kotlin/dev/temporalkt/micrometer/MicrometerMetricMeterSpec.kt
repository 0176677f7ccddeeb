package dev.temporalkt.micrometer

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.micrometer.core.instrument.Tags
import io.micrometer.core.instrument.simple.SimpleMeterRegistry
import io.micrometer.prometheusmetrics.PrometheusConfig
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry

class MicrometerMetricMeterSpec : FunSpec({
    test("counters, histograms and gauges land in the registry with the attributes as tags") {
        val registry = SimpleMeterRegistry()
        val meter = MicrometerMetricMeter(registry).withAttributes(mapOf("namespace" to "ns"))
        val counter = meter.counter("orders", "orders seen", "1")
        counter.add(2, mapOf("channel" to "web"))
        counter.add(3, mapOf("channel" to "web"))
        counter.add(1, mapOf("channel" to "shop"))
        meter.histogram("latency", unit = "ms").record(12.5, mapOf("stage" to "a"))
        meter.histogram("latency", unit = "ms").record(7.5, mapOf("stage" to "a"))
        meter.gauge("queue").set(3.0)
        meter.gauge("queue").set(4.0)

        registry.get("orders").tags(Tags.of("namespace", "ns", "channel", "web")).counter().count() shouldBe 5.0
        registry.get("orders").tags(Tags.of("namespace", "ns", "channel", "shop")).counter().count() shouldBe 1.0
        registry.get("orders").counter().id.description shouldBe "orders seen"
        val summary = registry.get("latency").tags(Tags.of("namespace", "ns", "stage", "a")).summary()
        summary.count() shouldBe 2L
        summary.totalAmount() shouldBe 20.0
        registry.get("queue").tags("namespace", "ns").gauge().value() shouldBe 4.0
    }

    test("a counter cannot go down") {
        val error = shouldThrow<IllegalArgumentException> { MicrometerMetricMeter(SimpleMeterRegistry()).counter("c").add(-1) }
        error.message shouldBe "Counter c cannot go down: add() was called with -1"
    }

    test("duration histograms publish buckets in their unit in a Prometheus scrape") {
        val registry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
        val meter = MicrometerMetricMeter(registry)
        meter.histogram("temporal_request_latency", unit = "ms").record(7.0, mapOf("operation" to "StartWorkflowExecution"))
        meter.histogram("temporal_long_request_latency", unit = "s").record(0.007, mapOf("operation" to "PollWorkflowTaskQueue"))
        meter.counter("temporal_request").add(1, mapOf("operation" to "StartWorkflowExecution"))
        val scrape = registry.scrape()
        scrape shouldContain "temporal_request_latency_bucket{operation=\"StartWorkflowExecution\",le=\"10.0\"} 1"
        scrape shouldContain "temporal_request_latency_bucket{operation=\"StartWorkflowExecution\",le=\"5.0\"} 0"
        scrape shouldContain "temporal_long_request_latency_seconds_bucket{operation=\"PollWorkflowTaskQueue\",le=\"0.01\"} 1"
        scrape shouldContain "temporal_long_request_latency_seconds_bucket{operation=\"PollWorkflowTaskQueue\",le=\"0.005\"} 0"
        scrape shouldContain "temporal_request_total{operation=\"StartWorkflowExecution\"} 1.0"
    }

    test("bucket bounds must be positive") {
        shouldThrow<IllegalArgumentException> { MicrometerMetricMeter(SimpleMeterRegistry(), listOf(0.0)) }
            .message shouldBe "Duration buckets must be positive, were [0.0]"
    }
})
