package dev.temporalkt.samples

import com.sun.net.httpserver.HttpServer
import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.micrometer.MicrometerMetricMeter
import dev.temporalkt.opentelemetry.TracingInterceptor
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.micrometer.prometheusmetrics.PrometheusConfig
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry
import io.opentelemetry.sdk.OpenTelemetrySdk
import io.opentelemetry.sdk.common.CompletableResultCode
import io.opentelemetry.sdk.trace.SdkTracerProvider
import io.opentelemetry.sdk.trace.data.SpanData
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor
import io.opentelemetry.sdk.trace.export.SpanExporter
import kotlinx.coroutines.runBlocking
import java.net.InetSocketAddress
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.seconds

/** The activity of [ObservedOrderWorkflow]. */
class ObservedOrderActivities {
    @Activity
    suspend fun reserve(item: String): String = "reserved $item"
}

/** Runs an activity and records a custom metric (not recorded again while the workflow replays). */
@Workflow
class ObservedOrderWorkflow {
    @WorkflowRun
    suspend fun run(item: String): String {
        Workflow.metricMeter.counter("orders_placed", "orders the workflow placed").add(1, mapOf("item" to item))
        return Workflow.executeActivity(ObservedOrderActivities::reserve, item, options = ActivityOptions(startToCloseTimeout = 10.seconds))
    }
}

/**
 * An OpenTelemetry [SpanExporter] that keeps the finished spans and writes each as one line:
 * `RunActivity:reserve  trace=4bf9...  parent=StartActivity:reserve` (the parent by name when it was exported here too).
 * A real application exports to a collector instead (OTLP, Zipkin, ...).
 */
class CompactSpanExporter : SpanExporter {
    private val finished = CopyOnWriteArrayList<SpanData>()

    /** The spans exported so far, in the order they ended. */
    val spans: List<SpanData> get() = finished.toList()

    /** One line per span: name, trace id and parent. */
    fun lines(): List<String> {
        val names = finished.associate { it.spanId to it.name }
        return finished.map { span ->
            val parent = if (span.parentSpanContext.isValid) names[span.parentSpanId] ?: span.parentSpanId else "-"
            "${span.name.padEnd(36)} trace=${span.traceId}  parent=$parent"
        }
    }

    override fun export(spans: Collection<SpanData>): CompletableResultCode {
        finished += spans
        return CompletableResultCode.ofSuccess()
    }

    override fun flush(): CompletableResultCode = CompletableResultCode.ofSuccess()

    override fun shutdown(): CompletableResultCode = CompletableResultCode.ofSuccess()
}

/**
 * Runs [ObservedOrderWorkflow] against the server at [target] with the SDK's metrics recorded into a Prometheus
 * registry and its spans traced with OpenTelemetry, and returns the registry's scrape text
 * (`temporal_workflow_completed_total{...} 1.0`, the RPC and task latencies, `orders_placed_total`, ...). The spans
 * land in [spans]: `StartWorkflow:ObservedOrderWorkflow` (the client), `RunWorkflow:ObservedOrderWorkflow` and
 * `StartActivity:reserve` (the workflow), `RunActivity:reserve` (the activity), all in one trace.
 *
 * The meter is given to the connection: its RPC metrics and the metrics of every worker built on it (workers without
 * a meter of their own) go there. `metricDurationsInSeconds = true` would record latencies in seconds. The
 * [TracingInterceptor] is set on the client, so the client's calls and every worker built on it are traced.
 */
suspend fun runObservabilitySample(
    target: String,
    registry: PrometheusMeterRegistry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
    spans: CompactSpanExporter = CompactSpanExporter(),
): String {
    val meter = MicrometerMetricMeter(registry)
    // each span is handed to the exporter when it ends; a real application uses a BatchSpanProcessor
    val tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build()
    val openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build()
    val tracing = TracingInterceptor(openTelemetry)
    val client = Client.connect(ConnectionOptions(target = target, metricMeter = meter), ClientOptions(interceptors = listOf(tracing)))
    try {
        // the worker could also get a meter of its own: WorkerOptions(metricMeter = meter)
        Worker(client, "observability", listOf(ObservedOrderWorkflow::class), listOf(ObservedOrderActivities()), WorkerOptions()).start().use {
            val result = client.startWorkflow<String>("ObservedOrderWorkflow", "book", options = WorkflowOptions(id = "observed-order", taskQueue = "observability")).result()
            println("Result: $result")
        }
    } finally {
        client.connection.close()
        openTelemetry.close()
    }
    return registry.scrape()
}

/**
 * Runs the sample on the embedded test server and prints the Prometheus scrape, then the spans (name, trace id,
 * parent) of the workflow's trace. With the environment variable
 * `METRICS_PORT` set, it then serves the scrape on `http://localhost:$METRICS_PORT/metrics` until stopped, for a
 * Prometheus server to collect.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.ObservabilitySampleKt`.
 */
fun main(): Unit = runBlocking {
    val registry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
    val spans = CompactSpanExporter()
    EmbeddedTestServer.start().use { server -> println(runObservabilitySample(server.target, registry, spans)) }
    println("Spans:")
    spans.lines().forEach { println("  $it") }
    val port = System.getenv("METRICS_PORT")?.toIntOrNull() ?: return@runBlocking
    val http = HttpServer.create(InetSocketAddress(port), 0)
    http.createContext("/metrics") { exchange ->
        val body = registry.scrape().toByteArray()
        exchange.responseHeaders.add("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        exchange.sendResponseHeaders(200, body.size.toLong())
        exchange.responseBody.use { it.write(body) }
    }
    http.start()
    println("Serving metrics on http://localhost:$port/metrics; stop with Ctrl-C")
}
