package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.WorkflowContinuedAsNewException
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.milliseconds

@Workflow(name = "E2eTally")
class TallyWorkflow {
    private var total = 0
    private var closed = false

    @WorkflowRun
    suspend fun run(start: Int): Int {
        Workflow.waitCondition { closed }
        return start + total
    }

    @Signal
    fun add(amount: Int) {
        total += amount
    }

    @Signal
    fun close() {
        closed = true
    }
}

@Workflow(name = "E2eTallyParent")
class TallyParentWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val child = Workflow.startChildWorkflow(
            TallyWorkflow::run, 10,
            options = ChildWorkflowOptions(workflowId = "${Workflow.info().workflowId}-tally"),
        )
        child.signal(TallyWorkflow::add, 5)
        child.signal("add", 7)
        child.signal(TallyWorkflow::close)
        return "${child.workflowId} = ${child.result()}"
    }
}

@Workflow(name = "E2eEntity")
class EntityWorkflow {
    /** Each run appends its number and continues as new with the list until [runs] runs have happened. */
    @WorkflowRun
    suspend fun run(seen: List<String>, runs: Int, pauseMillis: Long): List<String> {
        Workflow.sleep(pauseMillis.milliseconds)
        val now = seen + "run ${seen.size + 1} (continued from ${if (Workflow.info().continuedRunId == null) "nothing" else "a run"})"
        if (now.size < runs) Workflow.continueAsNew(now, runs, pauseMillis)
        return now
    }
}

/** Child workflows and continue-as-new, end to end on both servers, each history replayed afterwards. */
class ChildAndContinueAsNewSpec : FunSpec({
    val workflows = listOf(TallyWorkflow::class, TallyParentWorkflow::class, EntityWorkflow::class)

    for (server in e2eServers()) {
        test("${server.name}: a parent starts a child, signals it through its handle and returns its result") {
            server.withWorker(workflows) {
                val handle = client.startWorkflow<String>("E2eTallyParent", options = options("parent"))
                // The embedded server delivers the parent's signals off its workflow task; with the clock free it
                // could skip past the default execution timeout of the waiting runs meanwhile.
                userActs { handle.result() } shouldBe "${handle.id}-tally = 22"
                val types = eventTypes(handle)
                types.count { it == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED } shouldBe 1
                types.count { it == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED } shouldBe 1
                types.count { it == EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED } shouldBe 3
                types.count { it == EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED } shouldBe 3
                types.count { it == EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED } shouldBe 1
                replay(handle)
                val child = client.getWorkflowHandle<Int>("${handle.id}-tally")
                eventTypes(child).count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 3
                replay(child)
            }
        }

        test("${server.name}: an entity continues as new with its state; result() follows the chain to the last run") {
            server.withWorker(workflows) {
                val pause = if (timeSkipping) 3_600_000L else 10L
                val first = client.startWorkflow<List<String>>("E2eEntity", emptyList<String>(), 3, pause, options = options("entity"))
                first.result() shouldBe listOf(
                    "run 1 (continued from nothing)",
                    "run 2 (continued from a run)",
                    "run 3 (continued from a run)",
                )
                shouldThrow<WorkflowContinuedAsNewException> { first.result(followRuns = false) }

                // Walk the chain run by run: every run but the last ends continued-as-new, and each replays.
                var runId: String? = first.firstExecutionRunId
                val endings = mutableListOf<EventType>()
                while (runId != null) {
                    val run = client.getWorkflowHandle<List<String>>(first.id, runId)
                    val events = events(run)
                    endings += events.last().eventType
                    replay(run)
                    runId = events.last().takeIf { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW }
                        ?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId
                }
                endings shouldBe listOf(
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                )
            }
        }
    }
})
