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
import dev.temporalkt.worker.activation.ChildWorkflowCancellationType
import dev.temporalkt.worker.activation.ChildWorkflowResult
import dev.temporalkt.worker.activation.ChildWorkflowStartResolution
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * One child workflow: start command → (StartChildWorkflowExecutionInitiated) → started or
 * start-failed (resolving the start) → completed / failed / canceled / timed out / terminated
 * (resolving the result).
 *
 * Cancellation: before the start command was sent, the command is dropped and the start resolves
 * Cancelled; after initiation but before the child started, the start resolves Cancelled and later
 * child events are ignored; once started, by [ChildWorkflowCancellationType]: ABANDON resolves the
 * result Cancelled at once without a command; TRY_CANCEL sends a child-only request-cancel command
 * and resolves Cancelled at once; WAIT_CANCELLATION_REQUESTED resolves Cancelled when the server
 * records the request; WAIT_CANCELLATION_COMPLETED resolves with however the child closes.
 */
internal class ChildWorkflowMachine(
    private val ctx: MachineContext,
    private val cmd: WorkflowCommand.StartChildWorkflowExecution,
    private val namespace: String,
    private val defaultTaskQueue: String,
) {
    private enum class State { CREATED, INITIATED, STARTED, DONE }

    private var state = State.CREATED
    private var startResolved = false
    private var resultResolved = false
    private lateinit var startCommand: PendingCommand
    private var initiatedEventId = 0L
    private var startedEventId = 0L
    private var childRunId = ""

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
        startCommand = PendingCommand(
            command.build(), description, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, ctx.replaying,
            matches = {
                val i = it.startChildWorkflowExecutionInitiatedEventAttributes
                i.workflowId == cmd.workflowId && i.workflowType.name == cmd.workflowType
            },
            onRecorded = { e ->
                initiatedEventId = e.eventId
                if (state == State.CREATED) state = State.INITIATED
                ctx.route(e.eventId) { onEvent(it) }
            },
        )
        ctx.enqueue(startCommand)
    }

    fun cancel(description: String) {
        when (state) {
            State.CREATED -> if (ctx.dropQueued(startCommand)) {
                state = State.DONE
                resolveStart(null, ChildWorkflowStartResolution.Cancelled(cancelledFailure()))
            }
            State.INITIATED -> {
                state = State.DONE
                resolveStart(null, ChildWorkflowStartResolution.Cancelled(cancelledFailure()))
            }
            State.STARTED -> when (cmd.cancellationType) {
                ChildWorkflowCancellationType.ABANDON -> resolveCancelled(null)
                ChildWorkflowCancellationType.TRY_CANCEL -> {
                    queueCancel(description)
                    resolveCancelled(null)
                }
                ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED,
                ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED -> queueCancel(description)
            }
            State.DONE -> Unit
        }
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
                onRecorded = { e -> ctx.route(e.eventId) { onCancelRequestEvent(it) } },
            ),
        )
    }

    private fun onCancelRequestEvent(e: HistoryEvent) {
        if (e.eventType == EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED &&
            cmd.cancellationType == ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED
        ) {
            resolveCancelled(e.eventId)
        }
    }

    private fun onEvent(e: HistoryEvent) {
        when (e.eventType) {
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED -> {
                val a = e.startChildWorkflowExecutionFailedEventAttributes
                state = State.DONE
                resolveStart(e.eventId, ChildWorkflowStartResolution.Failed(a.workflowId, a.workflowType.name, a.cause))
            }
            EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED -> {
                if (state != State.INITIATED) return
                state = State.STARTED
                startedEventId = e.eventId
                childRunId = e.childWorkflowExecutionStartedEventAttributes.workflowExecution.runId
                resolveStart(e.eventId, ChildWorkflowStartResolution.Succeeded(childRunId))
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
        if (resultResolved) return
        resultResolved = true
        ctx.resolve(ActivationJob.ResolveChildWorkflowExecution(cmd.seq, result()), e.eventId)
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
