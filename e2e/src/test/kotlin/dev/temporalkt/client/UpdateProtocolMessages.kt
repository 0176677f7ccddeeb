package dev.temporalkt.client

import com.google.protobuf.Any as ProtoAny
import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.ProtocolMessageCommandAttributes
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.update.v1.Acceptance
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.api.update.v1.Rejection
import dev.temporalkt.api.update.v1.Request
import dev.temporalkt.api.update.v1.Response
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks

// The workflow side of the update protocol, played by hand in scripted workflow tasks.

/** The update requests delivered with [task]. */
fun updateRequests(task: PollWorkflowTaskQueueResponse): List<Pair<Message, Request>> =
    task.messagesList.filter { it.body.`is`(Request::class.java) }.map { it to it.body.unpack(Request::class.java) }

/** The command that sends the protocol message [messageId] of the same task. */
fun protocolCommand(messageId: String): Command = Command.newBuilder()
    .setCommandType(CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE)
    .setProtocolMessageCommandAttributes(ProtocolMessageCommandAttributes.newBuilder().setMessageId(messageId))
    .build()

/** Accepts the update [request] delivered in [message]. */
fun acceptUpdate(message: Message, request: Request): Message = Message.newBuilder()
    .setId("${message.protocolInstanceId}/accept")
    .setProtocolInstanceId(message.protocolInstanceId)
    .setBody(
        ProtoAny.pack(
            Acceptance.newBuilder().setAcceptedRequestMessageId(message.id)
                .setAcceptedRequestSequencingEventId(message.eventId).setAcceptedRequest(request).build(),
        ),
    )
    .build()

/** Completes the update [request] delivered in [message] with [outcome]. */
fun completeUpdate(message: Message, request: Request, outcome: Outcome): Message = Message.newBuilder()
    .setId("${message.protocolInstanceId}/complete")
    .setProtocolInstanceId(message.protocolInstanceId)
    .setBody(ProtoAny.pack(Response.newBuilder().setMeta(request.meta).setOutcome(outcome).build()))
    .build()

/** Rejects the update [request] delivered in [message] with [failure]. */
fun rejectUpdate(message: Message, request: Request, failure: Failure): Message = Message.newBuilder()
    .setId("${message.protocolInstanceId}/reject")
    .setProtocolInstanceId(message.protocolInstanceId)
    .setBody(
        ProtoAny.pack(
            Rejection.newBuilder().setRejectedRequestMessageId(message.id)
                .setRejectedRequestSequencingEventId(message.eventId).setRejectedRequest(request).setFailure(failure).build(),
        ),
    )
    .build()

/** Answers every update request of [task] by accepting it and completing it with [result]. */
suspend fun ScriptedWorkflowTasks.acceptAndComplete(task: PollWorkflowTaskQueueResponse, result: suspend (Request) -> Payloads) {
    val messages = updateRequests(task).flatMap { (message, request) ->
        listOf(acceptUpdate(message, request), completeUpdate(message, request, Outcome.newBuilder().setSuccess(result(request)).build()))
    }
    respond(task, messages.map { protocolCommand(it.id) }, messages)
}
