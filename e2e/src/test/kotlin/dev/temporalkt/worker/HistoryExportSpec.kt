package dev.temporalkt.worker

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHistory
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.testing.SharedServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.UUID
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

@Workflow(name = "Exported")
class ExportedWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String =
        Workflow.executeActivity(GreetingActivities::greet, "Hello", name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
}

/**
 * Histories move between this SDK and Temporal's own tools: the JSON the Temporal CLI exports reads back into the
 * same history this SDK fetched, replays through the workflow code, and this SDK's JSON has the CLI's shape.
 */
class HistoryExportSpec : FunSpec({
    test("dev server only: the Temporal CLI's JSON export of a Kotlin workflow's history reads back, equals the fetched history and replays") {
        val server = SharedServers.devServer()
        val client = Client.connect(ConnectionOptions(target = server.target))
        val taskQueue = "export-${UUID.randomUUID()}"
        val workflowId = "export-${UUID.randomUUID()}"
        Worker(client, taskQueue, workflows = listOf(ExportedWorkflow::class), activities = listOf(GreetingActivities("."))).start().use {
            client.executeWorkflow(ExportedWorkflow::run, "Ada", options = WorkflowOptions(id = workflowId, taskQueue = taskQueue)) shouldBe "Hello, Ada."
        }
        val fetched = client.getWorkflowHandle<String>(workflowId).fetchHistory()
        client.connection.close()

        val process = ProcessBuilder(
            server.executable.toString(), "workflow", "show", "--address", server.target, "--namespace", server.namespace,
            "--workflow-id", workflowId, "--output", "json",
        ).redirectErrorStream(false).start()
        val cliJson = process.inputStream.bufferedReader().readText()
        process.waitFor(30, TimeUnit.SECONDS) shouldBe true
        process.exitValue() shouldBe 0

        val imported = WorkflowHistory.fromJson(workflowId, cliJson)
        imported.history shouldBe fetched.history
        WorkflowReplayer(listOf(ExportedWorkflow::class)).replay(imported.history)
        WorkflowHistory.fromJson(workflowId, fetched.toJson()).history shouldBe imported.history
        cliJson.contains("\"eventType\": \"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\"") shouldBe true
        fetched.toJson().contains("\"eventType\": \"EVENT_TYPE_WORKFLOW_EXECUTION_STARTED\"") shouldBe true
    }
})
