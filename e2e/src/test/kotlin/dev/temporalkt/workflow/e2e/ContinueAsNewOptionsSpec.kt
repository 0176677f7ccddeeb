package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.workflow.ContinueAsNewOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

@Workflow(name = "E2eCanFirst")
class CanFirstWorkflow {
    @WorkflowRun
    suspend fun run(nextQueue: String): String = Workflow.continueAsNew(
        CanSecondWorkflow::run, "from the first run",
        options = ContinueAsNewOptions(
            taskQueue = nextQueue,
            runTimeout = 5.minutes,
            taskTimeout = 9.seconds,
            memo = mapOf("stage" to "second"),
            retryPolicy = RetryPolicy(initialInterval = 3.seconds, maximumAttempts = 2),
        ),
    )
}

@Workflow(name = "E2eCanSecond")
class CanSecondWorkflow {
    /** What the new run sees of the options it was continued with. */
    @WorkflowRun
    suspend fun run(note: String): String {
        val info = Workflow.info()
        return "$note: ${info.workflowType} on ${info.taskQueue}, run ${info.runTimeout}, task ${info.taskTimeout}, " +
            "continued from ${info.continuedRunId}, memo ${Workflow.memoValue<String>("stage")}"
    }
}

/** Continue-as-new with another workflow type and options, as recorded by the server and seen by the next run. */
class ContinueAsNewOptionsSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: continue-as-new options reach the continued-as-new event and the next run") {
            server.withWorker(listOf(CanFirstWorkflow::class)) {
                val nextQueue = "$taskQueue-next"
                Worker(client, nextQueue, workflows = listOf(CanSecondWorkflow::class)).start().use {
                    val handle = client.startWorkflow<String>("E2eCanFirst", nextQueue, options = options("can-options"))
                    val firstRunId = handle.resultRunId!!
                    handle.result() shouldBe "from the first run: E2eCanSecond on $nextQueue, run 5m, task 9s, " +
                        "continued from $firstRunId, memo second"

                    val first = client.getWorkflowHandle<String>(handle.id, firstRunId)
                    val last = events(first).last()
                    last.eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
                    val continued = last.workflowExecutionContinuedAsNewEventAttributes
                    continued.workflowType.name shouldBe "E2eCanSecond"
                    continued.taskQueue.name shouldBe nextQueue
                    continued.workflowRunTimeout.seconds shouldBe 300
                    continued.workflowTaskTimeout.seconds shouldBe 9
                    continued.memo.fieldsMap.getValue("stage").data.toStringUtf8() shouldBe "\"second\""
                    continued.input.payloadsList.map { it.data.toStringUtf8() } shouldBe listOf("\"from the first run\"")

                    val second = client.getWorkflowHandle<String>(handle.id, continued.newExecutionRunId)
                    val started = events(second).first().workflowExecutionStartedEventAttributes
                    started.workflowType.name shouldBe "E2eCanSecond"
                    started.continuedExecutionRunId shouldBe firstRunId
                    started.retryPolicy.initialInterval.seconds shouldBe 3
                    started.retryPolicy.maximumAttempts shouldBe 2
                    second.describe().workflowType shouldBe "E2eCanSecond"

                    replay(first)
                    WorkflowReplayer(listOf(CanSecondWorkflow::class)).replay(second.fetchHistory().history, second.id)
                }
            }
        }
    }
})
