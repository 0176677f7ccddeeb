package dev.temporalkt.samples;

import com.sun.net.httpserver.HttpServer;
import dev.temporalkt.activity.Activity;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.java.workflow.ActivityOptions;
import dev.temporalkt.java.workflow.Workflow;
import dev.temporalkt.micrometer.MicrometerMetricMeter;
import dev.temporalkt.opentelemetry.TracingInterceptor;
import dev.temporalkt.testing.EmbeddedTestServer;
import dev.temporalkt.workflow.WorkflowInterface;
import dev.temporalkt.workflow.WorkflowRun;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The SDK's metrics in Prometheus and its spans in OpenTelemetry, from Java: a client and a worker record into a
 * Micrometer {@link PrometheusMeterRegistry} through {@link MicrometerMetricMeter}, the client carries a
 * {@link TracingInterceptor} over an OpenTelemetry SDK (so its worker is traced too), a workflow with an activity runs,
 * and the registry's scrape text is printed ({@link #main}, on the embedded test server) or returned ({@link #run}),
 * followed by the trace's spans ({@code StartWorkflow:ObservedOrderJava}, {@code RunWorkflow:ObservedOrderJava},
 * {@code StartActivity:reserve}, {@code RunActivity:reserve}: name, trace id, parent). With the environment variable
 * {@code METRICS_PORT} set, {@link #main} then serves the scrape on {@code http://localhost:$METRICS_PORT/metrics}.
 *
 * <p>Run with {@code mvn -B -q -pl samples-java exec:java -Dexec.mainClass=dev.temporalkt.samples.ObservabilitySampleJava}.
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

    /**
     * An OpenTelemetry {@link SpanExporter} that keeps the finished spans and writes each as one line:
     * {@code RunActivity:reserve  trace=4bf9...  parent=StartActivity:reserve} (the parent by name when it was
     * exported here too). A real application exports to a collector instead (OTLP, Zipkin, ...).
     */
    public static final class CompactSpanExporter implements SpanExporter {
        private final List<SpanData> finished = new CopyOnWriteArrayList<>();

        /** The spans exported so far, in the order they ended. */
        public List<SpanData> spans() { return List.copyOf(finished); }

        /** One line per span: name, trace id and parent. */
        public List<String> lines() {
            Map<String, String> names = finished.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName));
            return finished.stream().map(span -> {
                String parent = span.getParentSpanContext().isValid() ? names.getOrDefault(span.getParentSpanId(), span.getParentSpanId()) : "-";
                return String.format("%-36s trace=%s  parent=%s", span.getName(), span.getTraceId(), parent);
            }).collect(Collectors.toList());
        }

        @Override public CompletableResultCode export(Collection<SpanData> spans) {
            finished.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override public CompletableResultCode flush() { return CompletableResultCode.ofSuccess(); }

        @Override public CompletableResultCode shutdown() { return CompletableResultCode.ofSuccess(); }
    }

    /**
     * Runs the workflow against the server at {@code target}, recording metrics into {@code registry} and spans into
     * {@code spans}; returns the scrape.
     */
    public static String run(String target, PrometheusMeterRegistry registry, CompactSpanExporter spans) {
        MicrometerMetricMeter meter = new MicrometerMetricMeter(registry);
        // each span is handed to the exporter when it ends; a real application uses a BatchSpanProcessor
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
        // on the client, the interceptor traces the client's calls and every worker built on the client
        ClientOptions clientOptions = ClientOptions.newBuilder().addKotlinInterceptor(new TracingInterceptor(openTelemetry)).build();
        // the connection's meter gets the RPC metrics; the worker's own meter its task and workflow metrics
        TemporalClient client = TemporalClient.connect(ConnectionOptions.newBuilder().target(target).metricMeter(meter).build(), clientOptions).join();
        WorkerOptions workerOptions = WorkerOptions.newBuilder().metricMeter(meter).metricDurationsInSeconds(false).build();
        try (Worker worker = Worker.newBuilder(client, "observability-java").addWorkflowClass(ObservedOrderJava.class)
                .addActivities(new InventoryActivities()).options(workerOptions).build().start()) {
            WorkflowOptions options = WorkflowOptions.newBuilder().id("observed-order-java").taskQueue("observability-java").build();
            System.out.println("Result: " + client.executeWorkflow(ObservedOrderJava::run, "book", options).join());
        } finally {
            client.close();
            openTelemetry.close();
        }
        return registry.scrape();
    }

    public static void main(String[] args) throws IOException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompactSpanExporter spans = new CompactSpanExporter();
        try (EmbeddedTestServer server = EmbeddedTestServer.start()) {
            System.out.println(run(server.getTarget(), registry, spans));
        }
        System.out.println("Spans:");
        spans.lines().forEach(line -> System.out.println("  " + line));
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
