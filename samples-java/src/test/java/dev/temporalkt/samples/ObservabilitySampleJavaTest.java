package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.testing.EmbeddedTestServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Java observability sample's Prometheus scrape has the SDK's metrics of its workflow, and its spans one trace. */
@Timeout(120)
class ObservabilitySampleJavaTest {
    @Test
    void theScrapeCountsTheCompletedWorkflowByTypeAndTheSpansFormOneTrace() {
        String scrape;
        ObservabilitySampleJava.CompactSpanExporter spans = new ObservabilitySampleJava.CompactSpanExporter();
        try (EmbeddedTestServer server = EmbeddedTestServer.start()) {
            scrape = ObservabilitySampleJava.run(server.getTarget(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), spans);
        }
        String completed = "temporal_workflow_completed_total{namespace=\"default\",task_queue=\"observability-java\",workflow_type=\"ObservedOrderJava\"} 1.0";
        assertTrue(scrape.contains(completed), () -> "no line " + completed + " in\n" + scrape);
        String activity = "temporal_activity_execution_latency_count{activity_type=\"reserve\",namespace=\"default\",task_queue=\"observability-java\"} 1";
        assertTrue(scrape.contains(activity), () -> "no line " + activity + " in\n" + scrape);
        String custom = "orders_placed_total{item=\"book\",namespace=\"default\",task_queue=\"observability-java\",workflow_type=\"ObservedOrderJava\"} 1.0";
        assertTrue(scrape.contains(custom), () -> "no line " + custom + " in\n" + scrape);

        List<SpanData> finished = spans.spans();
        assertEquals(
                Set.of("StartWorkflow:ObservedOrderJava", "RunWorkflow:ObservedOrderJava", "StartActivity:reserve", "RunActivity:reserve"),
                finished.stream().map(SpanData::getName).collect(Collectors.toSet()));
        assertEquals(4, finished.size(), () -> String.join("\n", spans.lines()));
        assertEquals(1, finished.stream().map(SpanData::getTraceId).distinct().count(), () -> String.join("\n", spans.lines()));
        Map<String, SpanData> byName = finished.stream().collect(Collectors.toMap(SpanData::getName, Function.identity()));
        SpanData start = byName.get("StartWorkflow:ObservedOrderJava");
        assertFalse(start.getParentSpanContext().isValid());
        assertEquals(start.getSpanId(), byName.get("RunWorkflow:ObservedOrderJava").getParentSpanId());
        assertEquals(start.getSpanId(), byName.get("StartActivity:reserve").getParentSpanId());
        assertEquals(byName.get("StartActivity:reserve").getSpanId(), byName.get("RunActivity:reserve").getParentSpanId());
    }
}
