package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.WorkflowUpdateStage
import dev.temporalkt.client.signal
import dev.temporalkt.client.startUpdate
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

/** The run function and handlers wait for the same approval, so they wake in the same activation. */
@Workflow(name = "E2eApprovalRace")
class ApprovalRaceWorkflow {
    private var approved = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { approved }
        return "approved"
    }

    @Signal
    fun approve() {
        approved = true
    }

    @Update
    suspend fun awaitApproval(): String {
        Workflow.waitCondition { approved }
        return "seen"
    }

    @Signal
    suspend fun approveThenPause() {
        Workflow.waitCondition { approved }
        Workflow.sleep(1.seconds)
    }
}

/**
 * The run's closing command goes out after the commands handlers issue in the same workflow task, so the server
 * accepts the completion: the run completes, an update's caller gets its result, and the history replays.
 */
class ClosingCommandSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: an update woken together with the run function completes before the run, and its caller gets the result") {
            server.withWorker(listOf(ApprovalRaceWorkflow::class)) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("E2eApprovalRace", options = options("race-update"))
                    val update = handle.startUpdate<String>("awaitApproval", waitForStage = WorkflowUpdateStage.ACCEPTED)
                    handle.signal("approve")
                    update.result() shouldBe "seen"
                    handle
                }
                handle.result() shouldBe "approved"
                val types = eventTypes(handle)
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED } shouldBe 0
                // the last task: the update's completion, then the run's
                types.takeLast(3) shouldBe listOf(
                    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                )
                replay(handle)
            }
        }

        test("${server.name}: a timer a signal handler starts after the run function returned goes before the completion") {
            server.withWorker(listOf(ApprovalRaceWorkflow::class)) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("E2eApprovalRace", options = options("race-timer"))
                    handle.signal("approveThenPause")
                    handle.signal("approve")
                    handle
                }
                handle.result() shouldBe "approved"
                val types = eventTypes(handle)
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED } shouldBe 0
                types.takeLast(3) shouldBe listOf(
                    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_TIMER_STARTED,
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                )
                replay(handle)
            }
        }
    }
})
