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
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class NoteActivities {
    @Activity
    suspend fun note(text: String): String = "noted $text"
}

@Workflow(name = "E2eEscapesToIo")
class EscapesToIoWorkflow {
    private var poked = false

    /** Switches to Dispatchers.IO; a signal the test sends afterwards makes sure another workflow task follows. */
    @WorkflowRun
    suspend fun run(): String = coroutineScope {
        launch { Workflow.waitCondition { poked } }
        withContext(Dispatchers.IO) {
            Thread.sleep(5) // reading a file, on an I/O thread: the workflow coroutine resumes from there
            "read from disk"
        }
    }

    @Signal
    fun poke() {
        poked = true
    }
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
    val workflows = listOf(EscapesToIoWorkflow::class, SleepsThreadWorkflow::class, NosyQueryWorkflow::class)

    for (server in e2eServers()) {
        test("${server.name}: a workflow that switches to Dispatchers.IO fails its workflow task, naming the escape") {
            server.withWorker(workflows) {
                // The clock is held from the start: the run waits for the test, which the embedded server would
                // otherwise skip past to the run's timeout.
                val (handle, failed) = userActs {
                    val handle = client.startWorkflow<String>("E2eEscapesToIo", options = options("escape"))
                    awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
                    handle.signal("poke")
                    val failed = awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                    handle.terminate("test over")
                    handle to failed
                }
                val message = failed.workflowTaskFailedEventAttributes.failure.message
                message shouldContain "A coroutine of workflow E2eEscapesToIo (id '${handle.id}') was resumed on thread"
                message shouldContain "outside the workflow's dispatcher"
                message shouldContain "do not switch to Dispatchers.IO"
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
