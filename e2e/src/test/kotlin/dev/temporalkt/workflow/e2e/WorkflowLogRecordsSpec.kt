package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.logging.LogCapture
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

class RecordedActivities {
    @Activity
    suspend fun label(order: String): String {
        activityContext().logger.info("labelling {}", order)
        return "label for $order"
    }
}

@Workflow(name = "E2eLogRecords")
class LogRecordsWorkflow {
    /** Logs in its first and last workflow task (the last through the fluent API), around an activity that logs. */
    @WorkflowRun
    suspend fun run(order: String): String {
        Workflow.logger.info("order {} received", order)
        val label = Workflow.executeActivity(RecordedActivities::label, order, options = ActivityOptions(startToCloseTimeout = 10.seconds))
        Workflow.logger.atInfo().addKeyValue("label", label).log("order {} labelled", order)
        return label
    }
}

/**
 * The records a real logback appender gets from workflow and activity loggers, on both servers. The worker caches no
 * run, so each workflow task replays the ones before it (whose log calls must stay silent); the WorkflowReplayer
 * replaying the whole history afterwards logs nothing either.
 */
class WorkflowLogRecordsSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: one record per log call with the run's identity in the MDC, none while replaying") {
            LogCapture.start().use { capture ->
                val options = WorkerOptions(maxCachedWorkflows = 0)
                server.withWorker(listOf(LogRecordsWorkflow::class), listOf(RecordedActivities()), options) {
                    val handle = client.startWorkflow<String>("E2eLogRecords", "order-9", options = options("log-records"))
                    handle.result() shouldBe "label for order-9"
                    val runId = handle.describe().runId
                    val workflowMdc = mapOf(
                        "temporalWorkflowId" to handle.id,
                        "temporalRunId" to runId,
                        "temporalWorkflowType" to "E2eLogRecords",
                        "temporalTaskQueue" to taskQueue,
                        "temporalNamespace" to "default",
                        "temporalAttempt" to "1",
                    )
                    val activityMdc = mapOf(
                        "temporal.activityId" to "1",
                        "temporal.activityType" to "label",
                        "temporal.attempt" to "1",
                        "temporal.workflowId" to handle.id,
                        "temporal.workflowRunId" to runId,
                        "temporal.workflowType" to "E2eLogRecords",
                        "temporal.taskQueue" to taskQueue,
                        "temporal.namespace" to "default",
                    )
                    fun workflowRecords() = capture.lines.filter { it.logger == LogRecordsWorkflow::class.java.name }
                    val activityRecords = capture.lines.filter { it.logger == RecordedActivities::class.java.name }
                    workflowRecords().map { it.message } shouldBe listOf("order order-9 received", "order order-9 labelled")
                    workflowRecords().map { it.mdc.filterKeys { k -> k.startsWith("temporal") } } shouldBe listOf(workflowMdc, workflowMdc)
                    workflowRecords().map { it.keyValues } shouldBe listOf(emptyMap(), workflowMdc + ("label" to "label for order-9"))
                    activityRecords.map { it.message } shouldBe listOf("labelling order-9")
                    activityRecords.single().mdc.filterKeys { it.startsWith("temporal") } shouldBe activityMdc

                    replay(handle)
                    workflowRecords().size shouldBe 2
                }
            }
        }
    }
})
