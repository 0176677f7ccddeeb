package dev.temporalkt.interop

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.opentelemetry.TracingInterceptor
import dev.temporalkt.opentelemetry.e2e.SpanRecorder
import dev.temporalkt.testing.interop.NodeProcess
import dev.temporalkt.testing.interop.TypeScriptProject
import dev.temporalkt.testing.interop.TypeScriptWorker
import dev.temporalkt.worker.Worker
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.util.UUID

class RelayActivities {
    @Activity
    fun greet(name: String): String = "hello $name from Kotlin"
}

/** A span as the traced TypeScript worker prints it (`otel span: {...}`). */
private data class PrintedSpan(val name: String, val traceId: String, val spanId: String, val parentSpanId: String?)

private const val SPAN_PREFIX = "otel span: "

private fun printedSpans(output: String): List<PrintedSpan> = output.lines().filter { it.startsWith(SPAN_PREFIX) }.map { line ->
    val json = Json.parseToJsonElement(line.removePrefix(SPAN_PREFIX)).jsonObject
    fun field(name: String) = json.getValue(name).jsonPrimitive.let { if (it.isString) it.content else null }
    PrintedSpan(field("name")!!, field("traceId")!!, field("spanId")!!, field("parentSpanId"))
}

/**
 * Tracing across SDKs: the Kotlin client (with [TracingInterceptor]) starts a workflow on a TypeScript SDK worker
 * traced by `@temporalio/interceptors-opentelemetry` (test resources `interop/ts/src/otel-worker.js`), whose
 * workflow runs an activity of a Kotlin worker. The `_tracer-data` header goes Kotlin -> TypeScript -> Kotlin, and
 * all spans form one trace: `StartWorkflow` (Kotlin) -> `RunWorkflow` (TypeScript) -> `StartActivity` (TypeScript)
 * -> `RunActivity` (Kotlin).
 */
class TypeScriptTracingInteropSpec : FunSpec({
    val recorder = SpanRecorder()
    val started = mutableListOf<NodeProcess>()
    afterSpec {
        started.forEach { it.close() }
        recorder.close()
    }
    val tracing = TracingInterceptor(recorder.tracer)

    for (server in interopServers()) {
        test("${server.name}: Kotlin client -> TypeScript workflow -> Kotlin activity is one trace with the right parents") {
            val tsQueue = "ts-otel-${UUID.randomUUID()}"
            val kotlinQueue = "kt-otel-${UUID.randomUUID()}"
            val tsWorker = NodeProcess(TypeScriptProject.directory(), "src/otel-worker.js", listOf(server.target, server.namespace, tsQueue))
                .also { started += it }
            tsWorker.awaitLine(120) { it.startsWith(TypeScriptWorker.READY_PREFIX) }

            val client = Client.connect(
                ConnectionOptions(target = server.target, namespace = server.namespace),
                ClientOptions(interceptors = listOf(tracing)),
            )
            client.connection.use {
                Worker(client, kotlinQueue, activities = listOf(RelayActivities())).start().use {
                    val (root, result) = recorder.inRootSpan {
                        client.startWorkflow<String>(
                            "tracedRelay", kotlinQueue, "Ada",
                            options = WorkflowOptions(id = "ts-otel-${UUID.randomUUID()}", taskQueue = tsQueue),
                        ).result()
                    }
                    result shouldBe "hello Ada from Kotlin"
                    val traceId = root.spanContext.traceId
                    // the TypeScript worker exports the workflow's span when the run ends
                    tsWorker.awaitLine(30) { it.startsWith(SPAN_PREFIX) && "\"RunWorkflow:tracedRelay\"" in it && traceId in it }

                    val ours = recorder.trace(traceId)
                    val theirs = printedSpans(tsWorker.output).filter { it.traceId == traceId }
                    val names = ours.associate { it.spanId to it.name } + theirs.associate { it.spanId to it.name }
                    val parents = ours.map { it.name to names[it.parentSpanId] } + theirs.map { it.name to names[it.parentSpanId] }
                    parents shouldContainExactlyInAnyOrder listOf(
                        "test" to null,
                        "StartWorkflow:tracedRelay" to "test",
                        "RunWorkflow:tracedRelay" to "StartWorkflow:tracedRelay",
                        "StartActivity:greet" to "RunWorkflow:tracedRelay",
                        "RunActivity:greet" to "StartActivity:greet",
                    )
                    theirs.map { it.name }.toSet() shouldBe setOf("RunWorkflow:tracedRelay", "StartActivity:greet")
                }
            }
        }
    }
})
