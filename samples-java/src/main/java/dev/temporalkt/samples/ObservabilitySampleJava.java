package dev.temporalkt.samples;

import com.sun.net.httpserver.HttpServer;
import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.micrometer.MicrometerMetricMeter;
import dev.temporalkt.testing.EmbeddedTestServer;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's metrics in Prometheus, from Java: a client and a worker record into a Micrometer
 * {@link PrometheusMeterRegistry} through {@link MicrometerMetricMeter}, a workflow with an activity runs, and the
 * registry's scrape text is printed ({@link #main}, on the embedded test server) or returned ({@link #run}). With the
 * environment variable {@code METRICS_PORT} set, {@link #main} then serves the scrape on
 * {@code http://localhost:$METRICS_PORT/metrics}.
 */
public final class ObservabilitySampleJava {
    private ObservabilitySampleJava() {
    }

    public static class InventoryActivities {
        @Activity public String reserve(String item) { return "reserved " + item; }
    }

    @WorkflowInterface
    public static class ObservedOrderJava {
        @WorkflowRun public CompletableFuture<String> run(String item) {
            // a custom metric; nothing is recorded while the workflow replays
            Workflow.getMetricMeter().counter("orders_placed", "orders the workflow placed", "1").add(1, Map.of("item", item));
            ActivityOptions options = ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(10)).build();
            return Workflow.executeActivity(InventoryActivities::reserve, item, options);
        }
    }

    /** Runs the workflow against the server at {@code target}, recording into {@code registry}; returns the scrape. */
    public static String run(String target, PrometheusMeterRegistry registry) {
        MicrometerMetricMeter meter = new MicrometerMetricMeter(registry);
        // the connection's meter gets the RPC metrics; the worker's own meter its task and workflow metrics
        TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(target).metricMeter(meter).build()).join();
        WorkerOptions workerOptions = WorkerOptions.newBuilder().metricMeter(meter).metricDurationsInSeconds(false).build();
        try (Worker worker = Worker.newBuilder(client, "observability-java").addWorkflowClass(ObservedOrderJava.class)
                .addActivities(new InventoryActivities()).options(workerOptions).build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder().id("observed-order-java").taskQueue("observability-java").build();
            System.out.println("Result: " + client.executeWorkflow(ObservedOrderJava::run, "book", options).join());
        } finally {
            client.close();
        }
        return registry.scrape();
    }

    public static void main(String[] args) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (EmbeddedTestServer server = EmbeddedTestServer.start()) {
            System.out.println(run(server.getTarget(), registry));
        }
        String port = System.getenv("METRICS_PORT");
        if (port == null) {
            return;
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(Integer.parseInt(port)), 0);
        http.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        System.out.println("Serving metrics on http://localhost:" + port + "/metrics; stop with Ctrl-C");
    }
}
