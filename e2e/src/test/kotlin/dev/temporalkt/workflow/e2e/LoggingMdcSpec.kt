package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.slf4j.MDC
import java.util.concurrent.CopyOnWriteArrayList
import kotlin.time.Duration.Companion.seconds

/** A log argument that notes, when the logger formats the message, what it was about and the thread's MDC. */
class MdcNote(private val what: String) {
    override fun toString(): String {
        seen += what to MDC.getCopyOfContextMap().orEmpty().toSortedMap()
        return what
    }

    companion object {
        val seen = CopyOnWriteArrayList<Pair<String, Map<String, String>>>()
    }
}

class LabelActivities {
    @Activity
    suspend fun label(order: String): String {
        activityContext().logger.info("labelling {}", MdcNote("activity"))
        return "label for $order"
    }
}

@Workflow(name = "E2eLogging")
class LoggingWorkflow {
    /** Logs in its first and last workflow task, around an activity that logs too. */
    @WorkflowRun
    suspend fun run(order: String): String {
        Workflow.logger.info("order {} received: {}", order, MdcNote("workflow start"))
        val label = Workflow.executeActivity(LabelActivities::label, order, options = ActivityOptions(startToCloseTimeout = 10.seconds))
        Workflow.logger.info("done: {}", MdcNote("workflow end"))
        return label
    }
}

/**
 * The MDC of workflow and activity log calls, end to end on both servers. Without a cache, the second workflow task
 * replays the first, whose log call must stay silent.
 */
class LoggingMdcSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: workflow and activity log calls carry the run's identity in the MDC, once each") {
            MdcNote.seen.clear()
            val options = WorkerOptions(maxCachedWorkflows = 0)
            server.withWorker(listOf(LoggingWorkflow::class), listOf(LabelActivities()), options) {
                val handle = client.startWorkflow<String>("E2eLogging", "order-7", options = options("logging"))
                handle.result() shouldBe "label for order-7"
                val runId = handle.describe().runId
                val workflowMdc = sortedMapOf(
                    "temporalAttempt" to "1",
                    "temporalNamespace" to "default",
                    "temporalRunId" to runId,
                    "temporalTaskQueue" to taskQueue,
                    "temporalWorkflowId" to handle.id,
                    "temporalWorkflowType" to "E2eLogging",
                )
                val activityMdc = sortedMapOf(
                    "temporal.activityId" to "1",
                    "temporal.activityType" to "label",
                    "temporal.attempt" to "1",
                    "temporal.namespace" to "default",
                    "temporal.taskQueue" to taskQueue,
                    "temporal.workflowType" to "E2eLogging",
                    "temporal.workflowId" to handle.id,
                    "temporal.workflowRunId" to runId,
                )
                MdcNote.seen.toList() shouldBe listOf(
                    "workflow start" to workflowMdc,
                    "activity" to activityMdc,
                    "workflow end" to workflowMdc,
                )
                replay(handle)
                MdcNote.seen.size shouldBe 3
            }
        }
    }
})
