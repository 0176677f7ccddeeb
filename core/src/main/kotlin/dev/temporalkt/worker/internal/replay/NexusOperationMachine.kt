@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelNexusOperationCommandAttributes
import dev.temporalkt.api.command.v1.ScheduleNexusOperationCommandAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.NexusOperationFailureInfo
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.NexusOperationCancellationType
import dev.temporalkt.worker.activation.NexusOperationResult
import dev.temporalkt.worker.activation.NexusOperationStartResolution
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * One Nexus operation, from its schedule command to its result.
 *
 * Scheduled (command queued) → (NexusOperationScheduled) → either NexusOperationStarted (asynchronous
 * operation: the start resolves with its operation token) followed by a closing event, or a closing event
 * straight away (a synchronous operation, or a start that failed). Closing events are Completed, Failed,
 * Canceled and TimedOut. A Completed without Started resolves the start as synchronous first; a failure
 * without Started resolves only the result, which the runtime also reports as the failure of the start.
 *
 * Cancellation, by [NexusOperationCancellationType]:
 * - before the schedule command was sent (same task): the command is dropped; the start resolves
 *   [NexusOperationStartResolution.CancelledBeforeStart] and the result Cancelled, whatever the type;
 * - ABANDON: no command; the result resolves Cancelled at once and later events are ignored;
 * - TRY_CANCEL: a request-cancel command is queued and the result resolves Cancelled at once;
 * - WAIT_CANCELLATION_REQUESTED: a request-cancel command is queued; the result resolves Cancelled when the
 *   handler accepted the request (NexusOperationCancelRequestCompleted), Failed when it rejected it
 *   (NexusOperationCancelRequestFailed), or with a closing event that comes first;
 * - WAIT_CANCELLATION_COMPLETED: a request-cancel command is queued; the result resolves with the closing event.
 *
 * Replay checks that the scheduled event names the same endpoint, service and operation as the command.
 */
internal class NexusOperationMachine(
    private val ctx: MachineContext,
    private val cmd: WorkflowCommand.ScheduleNexusOperation,
    private val onFinal: (NexusOperationMachine) -> Unit,
) {
    /** Sequence number of the operation in its run. */
    val seq: Int get() = cmd.seq
    private var cancelRequestedEventId = 0L

    private enum class State { CREATED, SCHEDULED, STARTED, DONE }

    private var state = State.CREATED
    private var startResolved = false
    private var resultResolved = false
    private var cancelRequested = false
    private lateinit var scheduleCommand: PendingCommand
    private var scheduledEventId = 0L
    private var operationToken = ""

    fun schedule(description: String) {
        val a = ScheduleNexusOperationCommandAttributes.newBuilder()
            .setEndpoint(cmd.endpoint)
            .setService(cmd.service)
            .setOperation(cmd.operation)
            .putAllNexusHeader(cmd.headers)
        cmd.input?.let { a.setInput(it) }
        cmd.scheduleToCloseTimeout?.let { a.setScheduleToCloseTimeout(ProtoConversions.toProto(it)) }
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION)
            .setScheduleNexusOperationCommandAttributes(a)
        if (cmd.summary != null) command.setUserMetadata(UserMetadata.newBuilder().setSummary(cmd.summary))
        scheduleCommand = ctx.enqueueListening(
            command.build(), description, EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
            matches = {
                val s = it.nexusOperationScheduledEventAttributes
                s.endpoint == cmd.endpoint && s.service == cmd.service && s.operation == cmd.operation
            },
            onRecorded = { e ->
                scheduledEventId = e.eventId
                if (state == State.CREATED) state = State.SCHEDULED
            },
            onEvent = { onEvent(it) },
        )
    }

    fun requestCancel(description: String) {
        when (state) {
            State.CREATED -> if (ctx.dropQueued(scheduleCommand)) {
                state = State.DONE
                val failure = cancelledFailure("Nexus operation cancelled before it was scheduled")
                startResolved = true
                ctx.resolve(ActivationJob.ResolveNexusOperationStart(cmd.seq, NexusOperationStartResolution.CancelledBeforeStart(failure)))
                resolveResult(NexusOperationResult.Cancelled(failure), Long.MAX_VALUE)
            }
            State.SCHEDULED, State.STARTED -> {
                if (cancelRequested) return
                cancelRequested = true
                if (cmd.cancellationType != NexusOperationCancellationType.ABANDON) queueCancelCommand(description)
                if (cmd.cancellationType == NexusOperationCancellationType.ABANDON ||
                    cmd.cancellationType == NexusOperationCancellationType.TRY_CANCEL
                ) {
                    resolveResult(NexusOperationResult.Cancelled(cancelledFailure("Nexus operation cancelled")), Long.MAX_VALUE)
                }
            }
            State.DONE -> Unit
        }
    }

    private fun queueCancelCommand(description: String) {
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION)
            .setRequestCancelNexusOperationCommandAttributes(
                RequestCancelNexusOperationCommandAttributes.newBuilder().setScheduledEventId(scheduledEventId),
            ).build()
        ctx.enqueue(
            PendingCommand(
                command, description, EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED, ctx.replaying,
                matches = { it.nexusOperationCancelRequestedEventAttributes.scheduledEventId == scheduledEventId },
                // older servers name only the cancel-requested event in the request's outcome events
                onRecorded = { e ->
                    if (!resultResolved) {
                        cancelRequestedEventId = e.eventId
                        ctx.route(e.eventId) { onEvent(it) }
                    }
                },
            ),
        )
    }

    /** Applies a non-command event of this operation. */
    private fun onEvent(e: HistoryEvent) {
        when (e.eventType) {
            EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED -> {
                if (state != State.SCHEDULED) return
                state = State.STARTED
                operationToken = e.nexusOperationStartedEventAttributes.operationToken
                    .ifEmpty { e.nexusOperationStartedEventAttributes.operationId }
                if (!startResolved && !resultResolved) {
                    startResolved = true
                    ctx.resolve(
                        ActivationJob.ResolveNexusOperationStart(cmd.seq, NexusOperationStartResolution.StartedAsync(operationToken)),
                        e.eventId,
                    )
                }
            }
            EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED -> {
                state = State.DONE
                if (!startResolved && !resultResolved) {
                    startResolved = true
                    ctx.resolve(ActivationJob.ResolveNexusOperationStart(cmd.seq, NexusOperationStartResolution.StartedSync), e.eventId)
                }
                val a = e.nexusOperationCompletedEventAttributes
                resolveResult(NexusOperationResult.Completed(if (a.hasResult()) a.result else null), e.eventId)
            }
            EventType.EVENT_TYPE_NEXUS_OPERATION_FAILED -> {
                state = State.DONE
                val a = e.nexusOperationFailedEventAttributes
                resolveResult(NexusOperationResult.Failed(eventFailure(a.hasFailure(), a.failure, "failed")), e.eventId)
            }
            EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED -> {
                state = State.DONE
                val a = e.nexusOperationCanceledEventAttributes
                resolveResult(NexusOperationResult.Cancelled(eventFailure(a.hasFailure(), a.failure, "was cancelled")), e.eventId)
            }
            EventType.EVENT_TYPE_NEXUS_OPERATION_TIMED_OUT -> {
                state = State.DONE
                val a = e.nexusOperationTimedOutEventAttributes
                resolveResult(NexusOperationResult.TimedOut(eventFailure(a.hasFailure(), a.failure, "timed out")), e.eventId)
            }
            EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED ->
                if (cmd.cancellationType == NexusOperationCancellationType.WAIT_CANCELLATION_REQUESTED) {
                    resolveResult(NexusOperationResult.Cancelled(cancelledFailure("Nexus operation cancellation request completed")), e.eventId)
                }
            EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_FAILED ->
                if (cmd.cancellationType == NexusOperationCancellationType.WAIT_CANCELLATION_REQUESTED) {
                    val a = e.nexusOperationCancelRequestFailedEventAttributes
                    val cause = if (a.hasFailure()) a.failure else null
                    resolveResult(NexusOperationResult.Failed(operationFailure("Nexus operation cancellation request failed", cause)), e.eventId)
                }
            else -> Unit
        }
    }

    /**
     * Resolves the result, once. The machine is then final: later events of the operation change nothing, so it stops
     * listening for them and calls [onFinal] (a request-cancel command still queued is matched on its own).
     */
    private fun resolveResult(result: NexusOperationResult, eventId: Long) {
        if (resultResolved) return
        resultResolved = true
        ctx.resolve(ActivationJob.ResolveNexusOperation(cmd.seq, result), eventId)
        if (scheduledEventId != 0L) ctx.unroute(scheduledEventId)
        if (cancelRequestedEventId != 0L) ctx.unroute(cancelRequestedEventId)
        onFinal(this)
    }

    /** The failure recorded by the server, which already carries the operation's failure info and cause. */
    private fun eventFailure(present: Boolean, failure: Failure, what: String): Failure =
        if (present) failure else operationFailure("Nexus operation $what", null)

    private fun cancelledFailure(message: String): Failure = operationFailure(
        message,
        Failure.newBuilder().setMessage("operation canceled").setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance()).build(),
    )

    private fun operationFailure(message: String, cause: Failure?): Failure {
        val b = Failure.newBuilder().setMessage(message).setNexusOperationExecutionFailureInfo(
            NexusOperationFailureInfo.newBuilder()
                .setScheduledEventId(scheduledEventId)
                .setEndpoint(cmd.endpoint)
                .setService(cmd.service)
                .setOperation(cmd.operation)
                .setOperationToken(operationToken),
        )
        if (cause != null) b.setCause(cause)
        return b.build()
    }
}
