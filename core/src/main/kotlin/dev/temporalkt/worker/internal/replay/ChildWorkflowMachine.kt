@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelExternalWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.StartChildWorkflowExecutionCommandAttributes
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.ChildWorkflowCancellationType
import dev.temporalkt.worker.activation.ChildWorkflowResult
import dev.temporalkt.worker.activation.ChildWorkflowStartResolution
import dev.temporalkt.worker.activation.LogicFlag
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * One child workflow: start command → (StartChildWorkflowExecutionInitiated) → started or
 * start-failed (resolving the start) → completed / failed / canceled / timed out / terminated
 * (resolving the result).
 *
 * Cancellation, by [ChildWorkflowCancellationType]:
 * - before the start command was sent, whatever the type: the command is dropped and the start resolves Cancelled;
 * - once started: ABANDON resolves the result Cancelled at once without a command; TRY_CANCEL sends a child-only
 *   request-cancel command and resolves Cancelled at once; WAIT_CANCELLATION_REQUESTED resolves Cancelled when the
 *   server records the request; WAIT_CANCELLATION_COMPLETED resolves with however the child closes;
 * - after the start was initiated but before the child started (the server has not answered yet), the child will
 *   start all the same, so it is cancelled once it has: ABANDON resolves the start Cancelled at once and lets the
 *   child run; TRY_CANCEL resolves the start Cancelled at once and sends the request-cancel command when the child
 *   starts; the WAIT types wait for the start, resolve it, send the request-cancel command and resolve the result as
 *   for a started child. A child whose start fails is not cancelled. Histories recorded before this behaviour (without
 *   [LogicFlag.CANCEL_CHILD_ONCE_STARTED]) replay the earlier one: the start resolves Cancelled at once, nothing is
 *   sent, and the child's later events are ignored.
 *
 * The machine is final once its result is resolved and it has nothing left to send; it then stops listening for
 * events and calls [onFinal], so the engine forgets it.
 */
internal class ChildWorkflowMachine(
    private val ctx: MachineContext,
    private val cmd: WorkflowCommand.StartChildWorkflowExecution,
    private val namespace: String,
    private val defaultTaskQueue: String,
    private val onFinal: (ChildWorkflowMachine) -> Unit,
) {
    private enum class State { CREATED, INITIATED, STARTED, DONE }

    private var state = State.CREATED
    private var startResolved = false
    private var resultResolved = false
    private lateinit var startCommand: PendingCommand
    private var initiatedEventId = 0L
    private var startedEventId = 0L
    private var childRunId = ""
    private var cancelRequestedEventId = 0L
    /** Cancelled after its start was initiated: the request-cancel command goes out when the child starts. */
    private var cancelOnceStarted = false
    private var pendingCancelDescription: String? = null

    /** Sequence number of the child in its run. */
    val seq: Int get() = cmd.seq

    private val childNamespace get() = cmd.namespace.ifEmpty { namespace }

    fun start(description: String) {
        val a = StartChildWorkflowExecutionCommandAttributes.newBuilder()
            .setNamespace(childNamespace)
            .setWorkflowId(cmd.workflowId)
            .setWorkflowType(WorkflowType.newBuilder().setName(cmd.workflowType))
            .setTaskQueue(TaskQueue.newBuilder().setName(cmd.taskQueue.ifEmpty { defaultTaskQueue }))
            .setInput(cmd.input)
            .setParentClosePolicy(cmd.parentClosePolicy)
            .setWorkflowIdReusePolicy(cmd.workflowIdReusePolicy)
            .setCronSchedule(cmd.cronSchedule)
        if (cmd.headers.fieldsCount > 0) a.setHeader(cmd.headers)
        cmd.executionTimeout?.let { a.setWorkflowExecutionTimeout(ProtoConversions.toProto(it)) }
        cmd.runTimeout?.let { a.setWorkflowRunTimeout(ProtoConversions.toProto(it)) }
        cmd.taskTimeout?.let { a.setWorkflowTaskTimeout(ProtoConversions.toProto(it)) }
        cmd.retryPolicy?.let { a.setRetryPolicy(it) }
        cmd.memo?.let { a.setMemo(it) }
        cmd.searchAttributes?.let { a.setSearchAttributes(it) }
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION)
            .setStartChildWorkflowExecutionCommandAttributes(a)
        if (cmd.summary != null) command.setUserMetadata(UserMetadata.newBuilder().setSummary(cmd.summary))
        startCommand = ctx.enqueueListening(
            command.build(), description, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            matches = {
                val i = it.startChildWorkflowExecutionInitiatedEventAttributes
                i.workflowId == cmd.workflowId && i.workflowType.name == cmd.workflowType
            },
            onRecorded = { e ->
                initiatedEventId = e.eventId
                if (state == State.CREATED) state = State.INITIATED
            },
            onEvent = { onEvent(it) },
        )
    }

    fun cancel(description: String) {
        when (state) {
            State.CREATED -> if (ctx.dropQueued(startCommand)) {
                state = State.DONE
                resolveStart(null, ChildWorkflowStartResolution.Cancelled(cancelledFailure()))
                resultResolved = true // the runtime fails the result together with the start
                finishIfDone()
            }
            State.INITIATED -> cancelBeforeStarted(description)
            State.STARTED -> cancelStarted(description)
            State.DONE -> Unit
        }
    }

    private fun cancelBeforeStarted(description: String) {
        if (cancelOnceStarted) return
        val abandon = cmd.cancellationType == ChildWorkflowCancellationType.ABANDON
        if (abandon || !ctx.tryUse(LogicFlag.CANCEL_CHILD_ONCE_STARTED)) {
            // the child runs on without a cancel request; its later events are ignored
            state = State.DONE
            resolveStart(null, ChildWorkflowStartResolution.Cancelled(cancelledFailure()))
            resultResolved = true
            finishIfDone()
            return
        }
        cancelOnceStarted = true
        pendingCancelDescription = description
        if (cmd.cancellationType == ChildWorkflowCancellationType.TRY_CANCEL) {
            resolveStart(null, ChildWorkflowStartResolution.Cancelled(cancelledFailure()))
            resultResolved = true
        }
    }

    private fun cancelStarted(description: String) {
        when (cmd.cancellationType) {
            ChildWorkflowCancellationType.ABANDON -> resolveCancelled(null)
            ChildWorkflowCancellationType.TRY_CANCEL -> {
                queueCancel(description)
                resolveCancelled(null)
            }
            ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED,
            ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED -> queueCancel(description)
        }
        finishIfDone()
    }

    private fun queueCancel(description: String) {
        val attrs = RequestCancelExternalWorkflowExecutionCommandAttributes.newBuilder()
            .setNamespace(childNamespace).setWorkflowId(cmd.workflowId).setRunId(childRunId).setChildWorkflowOnly(true)
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION)
            .setRequestCancelExternalWorkflowExecutionCommandAttributes(attrs).build()
        ctx.enqueue(
            PendingCommand(
                command, description, EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, ctx.replaying,
                matches = { it.requestCancelExternalWorkflowExecutionInitiatedEventAttributes.workflowExecution.workflowId == cmd.workflowId },
                onRecorded = { e ->
                    if (cmd.cancellationType == ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED && !resultResolved) {
                        cancelRequestedEventId = e.eventId
                        ctx.route(e.eventId) { onCancelRequestEvent(it) }
                    }
                },
            ),
        )
    }

    private fun onCancelRequestEvent(e: HistoryEvent) {
        if (e.eventType == EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED ||
            e.eventType == EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED
        ) {
            // a failed request means the child already closed: its own closing event resolves the result
            if (e.eventType == EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED) resolveCancelled(e.eventId)
            ctx.unroute(cancelRequestedEventId)
            cancelRequestedEventId = 0L
            finishIfDone()
        }
    }

    /** Releases the machine once its result is resolved and nothing is left to send or wait for. */
    private fun finishIfDone() {
        if (!resultResolved || cancelOnceStarted || cancelRequestedEventId != 0L) return
        state = State.DONE
        if (initiatedEventId != 0L) ctx.unroute(initiatedEventId)
        onFinal(this)
    }

    private fun onEvent(e: HistoryEvent) {
        when (e.eventType) {
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> {
                val a = e.startChildWorkflowExecutionFailedEventAttributes
                state = State.DONE
                cancelOnceStarted = false
                resolveStart(e.eventId, ChildWorkflowStartResolution.Failed(a.workflowId, a.workflowType.name, a.cause))
                resultResolved = true // the runtime fails the result together with the start
                finishIfDone()
            }
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
                if (state != State.INITIATED) return
                state = State.STARTED
                startedEventId = e.eventId
                childRunId = e.childWorkflowExecutionStartedEventAttributes.workflowExecution.runId
                resolveStart(e.eventId, ChildWorkflowStartResolution.Succeeded(childRunId))
                if (cancelOnceStarted) {
                    cancelOnceStarted = false
                    val description = pendingCancelDescription ?: "CancelChildWorkflowExecution(seq ${cmd.seq})"
                    pendingCancelDescription = null
                    if (cmd.cancellationType == ChildWorkflowCancellationType.TRY_CANCEL) queueCancel(description) else cancelStarted(description)
                    finishIfDone()
                }
            }
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> finish(e) {
                ChildWorkflowResult.Completed(e.childWorkflowExecutionCompletedEventAttributes.result.payloadsList.firstOrNull())
            }
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> finish(e) {
                val a = e.childWorkflowExecutionFailedEventAttributes
                ChildWorkflowResult.Failed(ChildWorkflowFailures.failed(info(a.retryState), a.failure))
            }
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED -> finish(e) {
                val a = e.childWorkflowExecutionCanceledEventAttributes
                ChildWorkflowResult.Cancelled(ChildWorkflowFailures.cancelled(info(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE), if (a.hasDetails()) a.details else null))
            }
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT -> finish(e) {
                ChildWorkflowResult.Failed(ChildWorkflowFailures.timedOut(info(e.childWorkflowExecutionTimedOutEventAttributes.retryState)))
            }
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED -> finish(e) {
                ChildWorkflowResult.Failed(ChildWorkflowFailures.terminated(info(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE)))
            }
            else -> Unit
        }
    }

    private fun info(retryState: RetryState) = ChildWorkflowFailures.info(
        childNamespace, cmd.workflowId, childRunId, cmd.workflowType, initiatedEventId, startedEventId, retryState,
    )

    private fun cancelledFailure() = ChildWorkflowFailures.cancelled(info(RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE), null)

    private inline fun finish(e: HistoryEvent, result: () -> ChildWorkflowResult) {
        state = State.DONE
        if (!resultResolved) {
            resultResolved = true
            ctx.resolve(ActivationJob.ResolveChildWorkflowExecution(cmd.seq, result()), e.eventId)
        }
        if (cancelRequestedEventId != 0L) {
            ctx.unroute(cancelRequestedEventId)
            cancelRequestedEventId = 0L
        }
        finishIfDone()
    }

    private fun resolveCancelled(eventId: Long?) {
        if (resultResolved) return
        resultResolved = true
        ctx.resolve(
            ActivationJob.ResolveChildWorkflowExecution(cmd.seq, ChildWorkflowResult.Cancelled(cancelledFailure())),
            eventId ?: Long.MAX_VALUE,
        )
    }

    private fun resolveStart(eventId: Long?, status: ChildWorkflowStartResolution) {
        if (startResolved) return
        startResolved = true
        ctx.resolve(ActivationJob.ResolveChildWorkflowExecutionStart(cmd.seq, status), eventId ?: Long.MAX_VALUE)
    }
}
