package dev.temporalkt.java.e2e;

import static dev.temporalkt.java.e2e.JavaE2e.join;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.worker.Worker;
import dev.temporalkt.java.worker.WorkerOptions;
import dev.temporalkt.opentelemetry.TracingInterceptor;
import dev.temporalkt.opentelemetry.e2e.TracedActivities;
import dev.temporalkt.opentelemetry.e2e.TracedGreetingWorkflow;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TracingInterceptor} set up from Java: on the Java client through its builder (a Kotlin client interceptor)
 * and on a worker built from Java through its options builder (a worker interceptor). The Java caller's current span,
 * the client's span and the worker's spans form one trace.
 */
@Timeout(90)
class JavaTracingTest extends OnJavaE2eServers {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterAll
  void closeProvider() {
    provider.close();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servers")
  void clientAndWorkerBuildersTakeTheTracingInterceptor(JavaE2e.Server server) throws Exception {
    TracingInterceptor tracing = new TracingInterceptor(provider.get("java-e2e"));
    String taskQueue = "java-tracing-" + UUID.randomUUID();
    try (TemporalClient client =
            JavaE2e.connect(server.target().get(), ClientOptions.newBuilder().addKotlinInterceptor(tracing).build());
        // the worker's client has no interceptor: the worker is traced through its own options
        TemporalClient workerClient = JavaE2e.connect(server.target().get());
        Worker worker =
            Worker.newBuilder(workerClient, taskQueue)
                .addWorkflowClass(TracedGreetingWorkflow.class)
                .addActivities(new TracedActivities())
                .options(WorkerOptions.newBuilder().addInterceptor(tracing).build())
                .build()
                .start()) {
      WorkflowOptions options =
          WorkflowOptions.newBuilder().id("java-traced-" + UUID.randomUUID()).taskQueue(taskQueue).build();
      // the caller's current span is the parent of the client's span
      Span caller = provider.get("java-e2e").spanBuilder("java caller").startSpan();
      try (Scope ignored = caller.makeCurrent()) {
        assertEquals("hello ada", join(client.executeWorkflow("TracedGreeting", String.class, options, "ada")));
      } finally {
        caller.end();
      }
    }

    SpanData start =
        exporter.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals("StartWorkflow:TracedGreeting"))
            .reduce((first, second) -> second)
            .orElseThrow();
    List<SpanData> trace =
        exporter.getFinishedSpanItems().stream()
            .filter(span -> span.getTraceId().equals(start.getTraceId()))
            .collect(Collectors.toList());
    Map<String, String> names = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName));
    Function<SpanData, String> edge =
        span -> span.getName() + " <- " + names.getOrDefault(span.getParentSpanId(), "(root)");
    assertEquals(
        new TreeSet<>(
            List.of(
                "java caller <- (root)",
                "StartWorkflow:TracedGreeting <- java caller",
                "RunWorkflow:TracedGreeting <- StartWorkflow:TracedGreeting",
                "StartActivity:greet <- StartWorkflow:TracedGreeting",
                "RunActivity:greet <- StartActivity:greet")),
        trace.stream().map(edge).collect(Collectors.toCollection(TreeSet::new)));
    assertEquals(5, trace.size());
  }
}
