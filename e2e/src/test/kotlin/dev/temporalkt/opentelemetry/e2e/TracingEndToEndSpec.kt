package dev.temporalkt.opentelemetry.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.opentelemetry.TracingInterceptor
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.workflow.e2e.e2eServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.opentelemetry.api.trace.SpanKind
import kotlin.time.Duration.Companion.seconds

class TracedActivities {
    @Activity
    fun greet(name: String): String = "hello $name"
}

/** Greets ada, runs a child, waits for the signal `proceed`, greets the name the update `rename` set. */
@Workflow(name = "TracedParent")
class TracedParentWorkflow {
    private var name = "ada"
    private var proceed = false
    private val steps = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        val options = ActivityOptions(startToCloseTimeout = 10.seconds)
        steps += Workflow.executeActivity<String>("greet", "ada", options = options)
        steps += Workflow.executeChildWorkflow<String>("TracedChild", "grace")
        Workflow.waitCondition { proceed }
        steps += Workflow.executeActivity<String>("greet", name, options = options)
        return steps
    }

    @Signal
    fun proceed() {
        proceed = true
    }

    @Update
    fun rename(newName: String): String = name.also { name = newName }

    @Query
    fun steps(): List<String> = steps.toList()
}

/** Greets [name] with the activity `greet`. */
@Workflow(name = "TracedGreeting")
class TracedGreetingWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String =
        Workflow.executeActivity("greet", name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
}

@Workflow(name = "TracedChild")
class TracedChildWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String = "child of $name"
}

/**
 * [TracingInterceptor] on the client (and through it on the worker): one trace from the client's calls through the
 * workflow, its activities, child workflow, signal, update and query, with each span under the right parent. The
 * worker caches no run, so every workflow task replays the run from history: the exact span counts show that
 * replayed code records nothing again.
 */
class TracingEndToEndSpec : FunSpec({
    val recorder = SpanRecorder()
    afterSpec { recorder.close() }
    val tracing = TracingInterceptor(recorder.tracer)

    for (server in e2eServers()) {
        test("${server.name}: one trace with the spans of client, workflow, child, activities, signal, update and query, none twice after replays") {
            server.withWorker(
                listOf(TracedParentWorkflow::class, TracedChildWorkflow::class),
                listOf(TracedActivities()),
                options = WorkerOptions(maxCachedWorkflows = 0),
                clientOptions = ClientOptions(interceptors = listOf(tracing)),
            ) {
                val (root, handle) = recorder.inRootSpan {
                    userActs {
                        val handle = client.startWorkflow<List<String>>("TracedParent", options = options("traced"))
                        handle.executeUpdate<String>("rename", "bob") shouldBe "ada"
                        handle.signal("proceed")
                        handle.result() shouldBe listOf("hello ada", "child of grace", "hello bob")
                        // a query of the closed run: the worker replays the whole history to answer it
                        handle.query<List<String>>("steps") shouldBe listOf("hello ada", "child of grace", "hello bob")
                        handle
                    }
                }
                // with no cache, every workflow task after the first replayed the run from history before going on
                eventTypes(handle).count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED } shouldBeGreaterThan 3

                val spans = recorder.trace(root.spanContext.traceId)
                spans.tree() shouldContainExactlyInAnyOrder listOf(
                    "test <- (root)",
                    "StartWorkflow:TracedParent <- test",
                    "RunWorkflow:TracedParent <- StartWorkflow:TracedParent",
                    "StartActivity:greet <- StartWorkflow:TracedParent",
                    "RunActivity:greet <- StartActivity:greet",
                    "StartChildWorkflow:TracedChild <- StartWorkflow:TracedParent",
                    "RunWorkflow:TracedChild <- StartChildWorkflow:TracedChild",
                    "StartWorkflowUpdate:rename <- test",
                    "ValidateUpdate:rename <- StartWorkflowUpdate:rename",
                    "HandleUpdate:rename <- StartWorkflowUpdate:rename",
                    "SignalWorkflow:proceed <- test",
                    // the embedded server does not pass a signal's headers on: the handler's span is then under the
                    // span that started the run
                    if (server.timeSkipping) "HandleSignal:proceed <- StartWorkflow:TracedParent" else "HandleSignal:proceed <- SignalWorkflow:proceed",
                    "StartActivity:greet <- StartWorkflow:TracedParent",
                    "RunActivity:greet <- StartActivity:greet",
                    "QueryWorkflow:steps <- test",
                    "HandleQuery:steps <- QueryWorkflow:steps",
                )
                // each RunActivity under its own StartActivity
                val starts = spans.filter { it.name == "StartActivity:greet" }.map { it.spanId }.toSet()
                spans.filter { it.name == "RunActivity:greet" }.map { it.parentSpanId }.toSet() shouldBe starts
                val byName = spans.groupBy { it.name }
                byName.getValue("StartWorkflow:TracedParent").single().kind shouldBe SpanKind.CLIENT
                byName.getValue("RunWorkflow:TracedParent").single().kind shouldBe SpanKind.SERVER
                byName.getValue("RunWorkflow:TracedParent").single().attributes.asMap().mapKeys { it.key.key } shouldBe mapOf(
                    "temporalWorkflowID" to handle.id,
                    "temporalRunID" to handle.firstExecutionRunId,
                )
                // a handler's span under the sender's span links to the span that started the run
                val startSpanId = byName.getValue("StartWorkflow:TracedParent").single().spanId
                byName.getValue("HandleUpdate:rename").single().links.map { it.spanContext.spanId } shouldBe listOf(startSpanId)
                if (!server.timeSkipping) {
                    byName.getValue("HandleSignal:proceed").single().links.map { it.spanContext.spanId } shouldBe listOf(startSpanId)
                }
                replay(handle)
            }
        }
    }
})
