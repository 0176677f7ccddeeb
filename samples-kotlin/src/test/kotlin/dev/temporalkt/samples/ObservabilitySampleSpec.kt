package dev.temporalkt.samples

import dev.temporalkt.testing.EmbeddedTestServer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.string.shouldContain

class ObservabilitySampleSpec : FunSpec({
    test("the observability sample's Prometheus scrape has the SDK's metrics of its workflow") {
        val scrape = EmbeddedTestServer.start().use { server -> runObservabilitySample(server.target) }
        scrape shouldContain "temporal_workflow_completed_total{namespace=\"default\",task_queue=\"observability\",workflow_type=\"ObservedOrderWorkflow\"} 1.0"
        scrape shouldContain "temporal_activity_execution_latency_count{activity_type=\"reserve\",namespace=\"default\",task_queue=\"observability\"} 1"
        scrape shouldContain "temporal_request_total{namespace=\"default\",operation=\"StartWorkflowExecution\"} 1.0"
        scrape shouldContain "orders_placed_total{item=\"book\",namespace=\"default\",task_queue=\"observability\",workflow_type=\"ObservedOrderWorkflow\"} 1.0"
    }
})
