@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import com.google.protobuf.Any
import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.ProtocolMessageCommandAttributes
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.update.v1.Acceptance
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.api.update.v1.Rejection
import dev.temporalkt.api.update.v1.Request
import dev.temporalkt.api.update.v1.Response
import dev.temporalkt.worker.activation.UpdateOutcome

/**
 * One workflow update, driven by protocol messages as the server expects them:
 * - accepted: an Acceptance message `<request message id>/accept` plus a protocol-message command
 *   naming it, recorded as WorkflowExecutionUpdateAccepted;
 * - rejected before acceptance: a Rejection message `<id>/reject` only (no command, no event);
 * - completed or failed after acceptance: a Response message `<id>/complete` plus a protocol-message
 *   command, recorded as WorkflowExecutionUpdateCompleted. Completing right away sends both.
 * On replay the commands match the recorded events and no message is sent.
 */
internal class UpdateMachine(
    private val ctx: MachineContext,
    private val instanceId: String,
    private val requestMessageId: String,
    private val sequencingEventId: Long,
    private val request: Request,
    private val sendMessage: (Message) -> Unit,
) {
    private enum class State { REQUESTED, ACCEPTED, REJECTED, COMPLETED }

    private var state = State.REQUESTED
    val updateId: String get() = request.meta.updateId
    val isRejected: Boolean get() = state == State.REJECTED

    /** Rejected or completed: nothing more happens to the update in this run (its last command matches on its own). */
    val isFinal: Boolean get() = state == State.REJECTED || state == State.COMPLETED

    fun respond(outcome: UpdateOutcome, description: String) {
        when (outcome) {
            UpdateOutcome.Accepted -> {
                requireState(State.REQUESTED, outcome)
                accept(description)
            }
            is UpdateOutcome.Rejected -> if (state == State.REQUESTED) {
                state = State.REJECTED
                if (!ctx.replaying) {
                    val body = Rejection.newBuilder().setRejectedRequestMessageId(requestMessageId)
                        .setRejectedRequestSequencingEventId(sequencingEventId).setRejectedRequest(request)
                        .setFailure(outcome.failure).build()
                    sendMessage(message("$requestMessageId/reject", Any.pack(body, "type.googleapis.com")))
                }
            } else {
                requireState(State.ACCEPTED, outcome)
                complete(Outcome.newBuilder().setFailure(outcome.failure).build(), description)
            }
            is UpdateOutcome.Completed -> {
                if (state == State.REQUESTED) accept(description)
                requireState(State.ACCEPTED, outcome)
                val payloads = Payloads.newBuilder()
                outcome.result?.let { payloads.addPayloads(it) }
                complete(Outcome.newBuilder().setSuccess(payloads).build(), description)
            }
        }
    }

    private fun requireState(expected: State, outcome: UpdateOutcome) {
        check(state == expected) {
            "Update '$updateId' cannot take ${outcome::class.simpleName} now: it is ${state.name.lowercase()}. " +
                "Accept or reject an update once, then complete it once."
        }
    }

    private fun accept(description: String) {
        state = State.ACCEPTED
        val body = Acceptance.newBuilder().setAcceptedRequestMessageId(requestMessageId)
            .setAcceptedRequestSequencingEventId(sequencingEventId).setAcceptedRequest(request).build()
        val id = "$requestMessageId/accept"
        ctx.enqueue(
            PendingCommand(
                protocolCommand(id), description, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, ctx.replaying,
                matches = { it.workflowExecutionUpdateAcceptedEventAttributes.protocolInstanceId == instanceId },
                message = message(id, Any.pack(body, "type.googleapis.com")),
            ),
        )
    }

    private fun complete(outcome: Outcome, description: String) {
        state = State.COMPLETED
        val body = Response.newBuilder().setMeta(request.meta).setOutcome(outcome).build()
        val id = "$requestMessageId/complete"
        ctx.enqueue(
            PendingCommand(
                protocolCommand(id), description, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, ctx.replaying,
                matches = { it.workflowExecutionUpdateCompletedEventAttributes.meta.updateId == updateId },
                message = message(id, Any.pack(body, "type.googleapis.com")),
            ),
        )
    }

    private fun protocolCommand(messageId: String): Command =
        Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE)
            .setProtocolMessageCommandAttributes(ProtocolMessageCommandAttributes.newBuilder().setMessageId(messageId))
            .build()

    private fun message(id: String, body: Any): Message =
        Message.newBuilder().setId(id).setProtocolInstanceId(instanceId).setBody(body).build()

}
