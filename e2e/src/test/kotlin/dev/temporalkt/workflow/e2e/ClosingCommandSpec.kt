package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.WorkflowUpdateStage
import dev.temporalkt.client.signal
import dev.temporalkt.client.startUpdate
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.ApprovalRaceWorkflow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * The run's closing command goes out after the commands handlers issue in the same workflow task, so the server
 * accepts the completion: the run completes, an update's caller gets its result, and the history replays. The workflow
 * is the one of the runtime's own `ClosingCommandSpec`, where the run function and handlers wait for the same approval.
 */
class ClosingCommandSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: an update woken together with the run function completes before the run, and its caller gets the result") {
            server.withWorker(listOf(ApprovalRaceWorkflow::class)) {
                val handle = userActs {
                    val handle = client.startWorkflow<String>("ApprovalRaceWorkflow", options = options("race-update"))
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
                    val handle = client.startWorkflow<String>("ApprovalRaceWorkflow", options = options("race-timer"))
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
