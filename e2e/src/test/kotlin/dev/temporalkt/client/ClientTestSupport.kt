package dev.temporalkt.client

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.ContinueAsNewWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.FailWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.CancelWorkflowExecutionCommandAttributes
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import io.kotest.core.spec.style.FunSpec
import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest
import kotlinx.coroutines.runBlocking
import java.util.UUID

/**
 * The servers a client spec runs on: a private embedded server (workflows are left pending) and the dev server.
 * The embedded server's time skipping is locked: it would otherwise jump to the default run timeout as soon as a
 * scripted workflow is idle between steps and time the workflow out.
 */
fun FunSpec.clientTestServers(): List<Pair<String, () -> String>> {
    val embedded = lazy {
        EmbeddedTestServer.start().also { server ->
            runBlocking {
                Connection.connect(ConnectionOptions(target = server.target)).use {
                    it.testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
                }
            }
        }
    }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    return listOf(
        "embedded test server" to { embedded.value.target },
        "dev server" to { SharedServers.devServer().target },
    )
}

/** Connects a client to [target], runs [block] and closes the connection. */
suspend fun <T> withClient(target: String, options: ClientOptions = ClientOptions(), block: suspend (Client) -> T): T {
    val client = Client.connect(ConnectionOptions(target = target), options)
    return client.connection.use { block(client) }
}

/** A fresh id with a readable [prefix]. */
fun uniqueId(prefix: String): String = "$prefix-${UUID.randomUUID()}"

/** The workflow side of a fresh task queue, plus the options to start a workflow on it. */
class ScriptedWorkflow(client: Client, prefix: String) {
    val taskQueue: String = uniqueId("$prefix-queue")
    val workflowId: String = uniqueId(prefix)
    val tasks: ScriptedWorkflowTasks = ScriptedWorkflowTasks(client.connection, taskQueue)
    val options: WorkflowOptions = WorkflowOptions(id = workflowId, taskQueue = taskQueue)
}

fun failCommand(failure: Failure): Command = Command.newBuilder()
    .setCommandType(CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION)
    .setFailWorkflowExecutionCommandAttributes(FailWorkflowExecutionCommandAttributes.newBuilder().setFailure(failure))
    .build()

fun cancelCommand(): Command = Command.newBuilder()
    .setCommandType(CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION)
    .setCancelWorkflowExecutionCommandAttributes(CancelWorkflowExecutionCommandAttributes.getDefaultInstance())
    .build()

fun continueAsNewCommand(workflowType: String, taskQueue: String, input: Payloads): Command = Command.newBuilder()
    .setCommandType(CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
    .setContinueAsNewWorkflowExecutionCommandAttributes(
        ContinueAsNewWorkflowExecutionCommandAttributes.newBuilder()
            .setWorkflowType(WorkflowType.newBuilder().setName(workflowType))
            .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
            .setInput(input),
    )
    .build()
