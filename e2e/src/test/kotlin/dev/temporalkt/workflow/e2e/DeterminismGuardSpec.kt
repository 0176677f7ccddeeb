package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.WorkflowQueryFailedException
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class NoteActivities {
    @Activity
    suspend fun note(text: String): String = "noted $text"
}

@Workflow(name = "E2eEscapesToIo")
class EscapesToIoWorkflow {
    /** Switches to Dispatchers.IO to read a file, which the workflow coroutine must not do. */
    @WorkflowRun
    suspend fun run(): String = withContext(Dispatchers.IO) {
        Thread.sleep(5) // reading a file, on an I/O thread
        "read from disk"
    }
}

@Workflow(name = "E2eQuickDefaultBlock")
class QuickDefaultBlockWorkflow {
    /** A block on Dispatchers.Default that may well return before the workflow coroutine has to suspend. */
    @WorkflowRun
    suspend fun run(): Int = withContext(Dispatchers.Default) { 6 * 7 }
}

@Workflow(name = "E2eSleepsThread")
class SleepsThreadWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        Thread.sleep(5_000)
        return "woke up"
    }
}

@Workflow(name = "E2eNosyQuery")
class NosyQueryWorkflow {
    private var finished = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { finished }
        return "finished"
    }

    @Query
    fun peek(): String {
        Workflow.startActivity(NoteActivities::note, "from a query", options = ActivityOptions(startToCloseTimeout = 10.seconds))
        return "started an activity"
    }

    @Signal
    fun finish() {
        finished = true
    }
}

/** Workflow code that breaks the rules fails the way the runtime documents, end to end on both servers. */
class DeterminismGuardSpec : FunSpec({
    val workflows = listOf(
        EscapesToIoWorkflow::class, QuickDefaultBlockWorkflow::class, SleepsThreadWorkflow::class, NosyQueryWorkflow::class,
    )

    for (server in e2eServers()) {
        for ((type, dispatcher) in listOf("E2eEscapesToIo" to "Dispatchers.IO", "E2eQuickDefaultBlock" to "Dispatchers.Default")) {
            test("${server.name}: workflow $type switches to $dispatcher and fails its first workflow task, naming the escape") {
                server.withWorker(workflows) {
                    // The clock is held: the failing task is retried, which the embedded server would otherwise skip
                    // past to the run's timeout.
                    val (handle, failed) = userActs {
                        val handle = client.startWorkflow<Any>(type, options = options("escape"))
                        val failed = awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                        handle.terminate("test over")
                        handle to failed
                    }
                    val message = failed.workflowTaskFailedEventAttributes.failure.message
                    message shouldContain "A coroutine of workflow $type (id '${handle.id}') "
                    message shouldContain dispatcher
                    message shouldContain "outside the workflow's dispatcher"
                    message shouldContain "do not switch to Dispatchers.IO or Dispatchers.Default with withContext"
                    // Nothing the task did was recorded: the escape failed the very task in which it happened.
                    val types = eventTypes(handle)
                    types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
                    types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                }
            }
        }

        test("${server.name}: a workflow that blocks its thread fails its workflow task as a potential deadlock with the stack") {
            server.withWorker(workflows, options = WorkerOptions(deadlockTimeout = 300.milliseconds)) {
                val handle = client.startWorkflow<String>("E2eSleepsThread", options = options("deadlock"))
                val failed = awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                val message = failed.workflowTaskFailedEventAttributes.failure.message
                message shouldContain "Potential deadlock detected: workflow E2eSleepsThread (id '${handle.id}') ran for more than 300ms"
                message shouldContain "no Thread.sleep"
                message shouldContain "java.lang.Thread.sleep(Native Method)"
                message shouldContain "dev.temporalkt.workflow.e2e.SleepsThreadWorkflow.run(DeterminismGuardSpec.kt:"
                handle.terminate("test over")
            }
        }

        test("${server.name}: a query handler that starts an activity fails the query and leaves the run untouched") {
            server.withWorker(workflows, activities = listOf(NoteActivities())) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("E2eNosyQuery", options = options("nosy"))
                    val error = shouldThrow<WorkflowQueryFailedException> { handle.query<String>("peek") }
                    error.message shouldContain "Workflow.startActivity cannot be used in a query handler: queries and " +
                        "update validators are read-only"
                    handle.signal("finish")
                    handle
                }
                handle.result() shouldBe "finished"
                val types = eventTypes(handle)
                types shouldNotContain EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
                types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                replay(handle)
            }
        }
    }
})
