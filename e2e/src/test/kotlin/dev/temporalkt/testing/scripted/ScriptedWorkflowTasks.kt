package dev.temporalkt.testing.scripted

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.CompleteWorkflowExecutionCommandAttributes
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import dev.temporalkt.client.Connection

/**
 * Plays the workflow side of a task queue by hand through the raw API, for tests of parts that need a workflow
 * to exist and act (activities, clients) without depending on the workflow runtime: poll a workflow task, look at
 * its new events, answer with explicit commands.
 *
 * ```kotlin
 * val tasks = ScriptedWorkflowTasks(connection, "my-queue")
 * val first = tasks.poll()
 * tasks.respond(first, listOf(scheduleActivity(...)))
 * val second = tasks.poll()   // carries ActivityTaskCompleted
 * tasks.respond(second, listOf(ScriptedWorkflowTasks.complete(result)))
 * ```
 */
class ScriptedWorkflowTasks(private val connection: Connection, val taskQueue: String) {
    /** Long-polls the queue until a workflow task arrives; fails if none comes within the poll timeout. */
    suspend fun poll(): PollWorkflowTaskQueueResponse {
        val response = connection.workflowService.pollWorkflowTaskQueue(
            PollWorkflowTaskQueueRequest.newBuilder()
                .setNamespace(connection.namespace)
                .setIdentity(connection.identity)
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .build(),
        )
        check(response.taskToken.size() > 0) { "no workflow task arrived on $taskQueue within the long-poll timeout" }
        return response
    }

    /** Completes [task] with [commands] (and update protocol [messages]). */
    suspend fun respond(task: PollWorkflowTaskQueueResponse, commands: List<Command>, messages: List<Message> = emptyList()) {
        connection.workflowService.respondWorkflowTaskCompleted(
            RespondWorkflowTaskCompletedRequest.newBuilder()
                .setNamespace(connection.namespace)
                .setIdentity(connection.identity)
                .setTaskToken(task.taskToken)
                .addAllCommands(commands)
                .addAllMessages(messages)
                .build(),
        )
    }

    companion object {
        /** The events of [task] after its previous workflow task started, i.e. what is new to the workflow. */
        fun newEvents(task: PollWorkflowTaskQueueResponse): List<HistoryEvent> =
            task.history.eventsList.filter { it.eventId > task.previousStartedEventId }

        /** A command completing the workflow with [result]. */
        fun complete(result: Payloads = Payloads.getDefaultInstance()): Command = Command.newBuilder()
            .setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
            .setCompleteWorkflowExecutionCommandAttributes(CompleteWorkflowExecutionCommandAttributes.newBuilder().setResult(result))
            .build()
    }
}
