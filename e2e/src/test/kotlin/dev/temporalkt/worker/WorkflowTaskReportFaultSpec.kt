package dev.temporalkt.worker

import ch.qos.logback.classic.Level
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.RpcRetryOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.logging.LogCapture
import dev.temporalkt.testing.net.RefusingGrpcForwarder
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.withTimeoutOrNull
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

@Workflow(name = "E2eReportFault")
class ReportFaultWorkflow {
    @WorkflowRun
    suspend fun run(text: String): String = "done $text"
}

/**
 * A workflow task that ran fine but whose completion did not get through to the server: one WARN line without a stack
 * trace, no RespondWorkflowTaskFailed, and the server's retry of the task after its timeout completes the workflow.
 */
class WorkflowTaskReportFaultSpec : FunSpec({
    test("a completed workflow task whose report fails in the network is one WARN, not an ERROR") {
        val server = SharedServers.devServer()
        val completedPath = "/temporal.api.workflowservice.v1.WorkflowService/RespondWorkflowTaskCompleted"
        RefusingGrpcForwarder(server.target, refusedPath = completedPath, refuseFirst = 1).use { forwarder ->
            // the worker's calls go through the forwarder, without the connection's RPC retries: the refused report
            // is the one call the worker makes, not the first of several attempts
            val workerClient = Client.connect(ConnectionOptions(target = forwarder.target, retry = RpcRetryOptions.NONE))
            val client = Client.connect(ConnectionOptions(target = server.target))
            val taskQueue = "report-fault-${UUID.randomUUID()}"
            try {
                LogCapture.start("dev.temporalkt.worker.internal.workflow.WorkflowTaskProcessor" to Level.DEBUG).use { capture ->
                    Worker(workerClient, taskQueue, workflows = listOf(ReportFaultWorkflow::class)).start().use {
                        val handle = client.startWorkflow<String>(
                            "E2eReportFault", "parcel",
                            options = WorkflowOptions(id = "report-fault-${UUID.randomUUID()}", taskQueue = taskQueue, taskTimeout = 2.seconds),
                        )
                        val result = withTimeoutOrNull(60.seconds) { handle.result() }
                        forwarder.failure?.let { throw AssertionError("the forwarder failed", it) }
                        result shouldBe "done parcel"
                        val runId = handle.firstExecutionRunId!!
                        forwarder.refused shouldBe 1

                        val events = handle.fetchHistory().events.map { it.eventType }
                        withClue(events.joinToString()) {
                            events.count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT } shouldBe 1
                            events.count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED } shouldBe 0
                            events.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                        }
                        forwarder.paths.count { it == completedPath } shouldBe 2
                        forwarder.paths.filter { it.endsWith("/RespondWorkflowTaskFailed") }.shouldBeEmpty()

                        val sdkLines = capture.lines.filter { it.logger.startsWith("dev.temporalkt.") && !it.logger.startsWith("dev.temporalkt.testing") }
                        val shown = sdkLines.filter { it.level.isGreaterOrEqual(Level.INFO) }
                        withClue(shown.joinToString("\n")) {
                            shown.filter { it.level == Level.ERROR }.shouldBeEmpty()
                            shown.filter { it.stackTrace != null }.shouldBeEmpty()
                            val warns = shown.filter { it.level == Level.WARN }
                            warns.size shouldBe 1
                            warns.single().message shouldStartWith
                                "Could not report the completed workflow task of run $runId (workflow ${handle.id}): UNAVAILABLE"
                            warns.single().message shouldContain "; the server retries the task after its timeout"
                        }
                        // the trace is there for whoever turns DEBUG on
                        val debug = sdkLines.filter { it.level == Level.DEBUG && it.message == "Reporting the completed workflow task of run $runId failed" }
                        debug.size shouldBe 1
                        debug.single().stackTrace!! shouldContain "io.grpc.StatusException: UNAVAILABLE"
                    }
                }
            } finally {
                workerClient.connection.close()
                client.connection.close()
            }
        }
    }
})
