package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.testing.EmbeddedTestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java observability sample's Prometheus scrape has the SDK's metrics of its workflow. */
@Timeout(120)
class ObservabilitySampleJavaTest {
    @Test
    void theScrapeCountsTheCompletedWorkflowByType() {
        String scrape;
        try (EmbeddedTestServer server = EmbeddedTestServer.start()) {
            scrape = ObservabilitySampleJava.run(server.getTarget(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
        String completed = "temporal_workflow_completed_total{namespace=\"default\",task_queue=\"observability-java\",workflow_type=\"ObservedOrderJava\"} 1.0";
        assertTrue(scrape.contains(completed), () -> "no line " + completed + " in\n" + scrape);
        String activity = "temporal_activity_execution_latency_count{activity_type=\"reserve\",namespace=\"default\",task_queue=\"observability-java\"} 1";
        assertTrue(scrape.contains(activity), () -> "no line " + activity + " in\n" + scrape);
        String custom = "orders_placed_total{item=\"book\",namespace=\"default\",task_queue=\"observability-java\",workflow_type=\"ObservedOrderJava\"} 1.0";
        assertTrue(scrape.contains(custom), () -> "no line " + custom + " in\n" + scrape);
    }
}
