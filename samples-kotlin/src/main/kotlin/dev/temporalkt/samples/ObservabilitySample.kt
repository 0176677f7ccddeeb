package dev.temporalkt.samples

import com.sun.net.httpserver.HttpServer
import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.micrometer.MicrometerMetricMeter
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.micrometer.prometheusmetrics.PrometheusConfig
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry
import kotlinx.coroutines.runBlocking
import java.net.InetSocketAddress
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
 * Runs [ObservedOrderWorkflow] against the server at [target] with the SDK's metrics recorded into a Prometheus
 * registry, and returns the registry's scrape text (`temporal_workflow_completed_total{...} 1.0`, the RPC and task
 * latencies, `orders_placed_total`, ...).
 *
 * The meter is given to the connection: its RPC metrics and the metrics of every worker built on it (workers without
 * a meter of their own) go there. `metricDurationsInSeconds = true` would record latencies in seconds.
 */
suspend fun runObservabilitySample(target: String, registry: PrometheusMeterRegistry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT)): String {
    val meter = MicrometerMetricMeter(registry)
    val client = Client.connect(ConnectionOptions(target = target, metricMeter = meter))
    try {
        // the worker could also get a meter of its own: WorkerOptions(metricMeter = meter)
        Worker(client, "observability", listOf(ObservedOrderWorkflow::class), listOf(ObservedOrderActivities()), WorkerOptions()).start().use {
            val result = client.startWorkflow<String>("ObservedOrderWorkflow", "book", options = WorkflowOptions(id = "observed-order", taskQueue = "observability")).result()
            println("Result: $result")
        }
    } finally {
        client.connection.close()
    }
    return registry.scrape()
}

/**
 * Runs the sample on the embedded test server and prints the Prometheus scrape. With the environment variable
 * `METRICS_PORT` set, it then serves the scrape on `http://localhost:$METRICS_PORT/metrics` until stopped, for a
 * Prometheus server to collect.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.ObservabilitySampleKt`.
 */
fun main(): Unit = runBlocking {
    val registry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
    EmbeddedTestServer.start().use { server -> println(runObservabilitySample(server.target, registry)) }
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
