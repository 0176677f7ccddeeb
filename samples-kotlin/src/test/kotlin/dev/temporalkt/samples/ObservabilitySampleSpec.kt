package dev.temporalkt.samples

import dev.temporalkt.testing.EmbeddedTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

class ObservabilitySampleSpec : FunSpec({
    test("the observability sample's Prometheus scrape has the SDK's metrics of its workflow and its spans form one trace") {
        val spans = CompactSpanExporter()
        val scrape = EmbeddedTestServer.start().use { server -> runObservabilitySample(server.target, spans = spans) }
        scrape shouldContain "temporal_workflow_completed_total{namespace=\"default\",task_queue=\"observability\",workflow_type=\"ObservedOrderWorkflow\"} 1.0"
        scrape shouldContain "temporal_activity_execution_latency_count{activity_type=\"reserve\",namespace=\"default\",task_queue=\"observability\"} 1"
        scrape shouldContain "temporal_request_total{namespace=\"default\",operation=\"StartWorkflowExecution\"} 1.0"
        scrape shouldContain "orders_placed_total{item=\"book\",namespace=\"default\",task_queue=\"observability\",workflow_type=\"ObservedOrderWorkflow\"} 1.0"

        val finished = spans.spans
        finished.map { it.name } shouldContainExactlyInAnyOrder listOf(
            "StartWorkflow:ObservedOrderWorkflow", "RunWorkflow:ObservedOrderWorkflow", "StartActivity:reserve", "RunActivity:reserve",
        )
        finished.map { it.traceId }.toSet() shouldHaveSize 1
        val byName = finished.associateBy { it.name }
        val start = byName.getValue("StartWorkflow:ObservedOrderWorkflow")
        start.parentSpanContext.isValid shouldBe false
        byName.getValue("RunWorkflow:ObservedOrderWorkflow").parentSpanId shouldBe start.spanId
        byName.getValue("StartActivity:reserve").parentSpanId shouldBe start.spanId
        byName.getValue("RunActivity:reserve").parentSpanId shouldBe byName.getValue("StartActivity:reserve").spanId
        spans.lines().first { it.startsWith("RunActivity:reserve") } shouldContain "trace=${start.traceId}  parent=StartActivity:reserve"
    }
})
