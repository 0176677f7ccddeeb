@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.worker.activation.ActivationJob

/**
 * The two kinds of request to another workflow, told apart by their events and by how their outcome reaches
 * workflow code; [ExternalWorkflowRequest] runs both the same way.
 *
 * @property initiated the event the server records for the command.
 * @property delivered the event saying the target workflow got the request.
 * @property failed the event saying it could not be delivered.
 * @property verb what the request does, for the failure message.
 * @property failureType the application failure type workflow code sees when delivery failed.
 */
internal enum class ExternalRequestKind(
    val initiated: EventType,
    val delivered: EventType,
    val failed: EventType,
    val verb: String,
    val failureType: String,
) {
    SIGNAL(
        EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED,
        EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, "signal", "SignalExternalWorkflowExecutionFailed",
    ),
    CANCEL(
        EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
        EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED, "cancel", "CancelExternalWorkflowExecutionFailed",
    ),
    ;

    /** The workflow id the [initiated] event [e] names. */
    fun initiatedWorkflowId(e: HistoryEvent): String = when (this) {
        SIGNAL -> e.signalExternalWorkflowExecutionInitiatedEventAttributes.workflowExecution.workflowId
        CANCEL -> e.requestCancelExternalWorkflowExecutionInitiatedEventAttributes.workflowExecution.workflowId
    }

    /** The cause the [failed] event [e] records, e.g. `EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND`. */
    fun failureCause(e: HistoryEvent): String = when (this) {
        SIGNAL -> e.signalExternalWorkflowExecutionFailedEventAttributes.cause.name
        CANCEL -> e.requestCancelExternalWorkflowExecutionFailedEventAttributes.cause.name
    }

    /** The job resolving request [seq]: without failure when delivered, with it when not. */
    fun resolution(seq: Int, failure: Failure?): ActivationJob = when (this) {
        SIGNAL -> ActivationJob.ResolveSignalExternalWorkflow(seq, failure)
        CANCEL -> ActivationJob.ResolveRequestCancelExternalWorkflow(seq, failure)
    }
}

/**
 * A request to another workflow: command → initiated event → delivered (resolves without failure) or failed
 * (resolves with an application failure naming the target and the cause). [SignalExternalMachine] and
 * [CancelExternalMachine] build the command; this queues it and turns its outcome into a resolution.
 *
 * [withdraw] (the sender stopped waiting) drops the command while it has not been recorded (it has not gone to the
 * server either: a task's commands are recorded before its next activation), so nothing is sent; a request already
 * recorded is delivered all the same, but its outcome is no longer resolved. The request is final once resolved or
 * withdrawn: it stops listening for events and calls [onFinal].
 *
 * @param targetWorkflowId the workflow the request is for; the initiated event must name it.
 * @param matches further checks on the initiated event (e.g. the signal name).
 */
internal class ExternalWorkflowRequest(
    private val ctx: MachineContext,
    private val kind: ExternalRequestKind,
    val seq: Int,
    private val targetWorkflowId: String,
    private val matches: (HistoryEvent) -> Boolean = { true },
    private val onFinal: (ExternalWorkflowRequest) -> Unit = {},
) {
    private var command: PendingCommand? = null
    private var initiatedEventId = 0L

    fun start(command: Command, description: String) {
        this.command = ctx.enqueueListening(
            command, description, kind.initiated,
            matches = { kind.initiatedWorkflowId(it) == targetWorkflowId && matches(it) },
            onRecorded = { initiated ->
                this.command = null
                initiatedEventId = initiated.eventId
            },
            onEvent = ::onOutcome,
        )
    }

    fun withdraw() {
        val unsent = command
        if (unsent != null) {
            ctx.dropQueued(unsent)
            command = null
        }
        finish()
    }

    private fun onOutcome(e: HistoryEvent) {
        when (e.eventType) {
            kind.delivered -> ctx.resolve(kind.resolution(seq, null), e.eventId)
            kind.failed -> {
                val failure = Failure.newBuilder()
                    .setMessage("Unable to ${kind.verb} external workflow '$targetWorkflowId': ${kind.failureCause(e)}")
                    .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType(kind.failureType))
                    .build()
                ctx.resolve(kind.resolution(seq, failure), e.eventId)
            }
            else -> return
        }
        finish()
    }

    private fun finish() {
        if (initiatedEventId != 0L) ctx.unroute(initiatedEventId)
        onFinal(this)
    }
}
