@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.enums.v1.ParentClosePolicy as ParentClosePolicyProto
import dev.temporalkt.api.enums.v1.StartChildWorkflowExecutionFailedCause as StartChildFailedCause
import dev.temporalkt.api.enums.v1.WorkflowIdReusePolicy as IdReuseProto
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowAlreadyStartedException
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.ChildWorkflowResult
import dev.temporalkt.worker.activation.ChildWorkflowStartResolution
import dev.temporalkt.worker.activation.LogicFlag
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.interceptor.SignalChildWorkflowInput
import dev.temporalkt.worker.interceptor.SignalExternalWorkflowInput
import dev.temporalkt.worker.interceptor.StartChildWorkflowInput
import dev.temporalkt.workflow.ChildWorkflowHandle
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.common.ParentClosePolicy
import dev.temporalkt.workflow.WorkflowIdReusePolicy
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlin.reflect.KType

/**
 * The child workflows of one run and its requests to other workflows (signals, cancel requests): records their
 * commands and applies the resolutions that answer them. A child's start and its result resolve separately; a signal
 * or cancel request resolves once delivered (or failed).
 */
internal class RunChildren(private val run: WorkflowInstance) {
    private var childSeq = 0
    private val children = HashMap<Int, Pair<ChildWorkflowHandleImpl<*>, KType>>()
    private var signalSeq = 0
    private val signals = HashMap<Int, CompletableDeferred<Unit>>()
    private var cancelSeq = 0
    private val cancels = HashMap<Int, CompletableDeferred<Unit>>()

    @Suppress("UNCHECKED_CAST")
    suspend fun <R> start(
        workflowType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ChildWorkflowOptions,
    ): ChildWorkflowHandle<R> {
        run.requireOwnDispatcher("Workflow.startChildWorkflow")
        run.requireMutable("Workflow.startChildWorkflow")
        return run.interceptorChain.outbound.startChildWorkflow(
            StartChildWorkflowInput(workflowType, args, argTypes, resultType, options),
        ) as ChildWorkflowHandle<R>
    }

    /** Records the StartChildWorkflowExecution command and waits for the start: the end of the outbound interceptor chain. */
    suspend fun <R> startCommand(
        workflowType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ChildWorkflowOptions,
        headers: Header,
    ): ChildWorkflowHandleImpl<R> {
        run.requireOwnDispatcher("Workflow.startChildWorkflow")
        run.requireMutable("Workflow.startChildWorkflow")
        require(args.size == argTypes.size) {
            "Child workflow '$workflowType' takes ${argTypes.size} argument(s) $argTypes but was given ${args.size}"
        }
        val seq = ++childSeq
        val workflowId = options.workflowId ?: run.random.uuid4().toString()
        run.emit(
            WorkflowCommand.StartChildWorkflowExecution(
                seq = seq,
                namespace = "",
                workflowId = workflowId,
                workflowType = workflowType,
                taskQueue = options.taskQueue ?: run.options.taskQueue,
                input = run.payloadConverter.toPayloads(args, argTypes),
                headers = headers,
                executionTimeout = options.executionTimeout,
                runTimeout = options.runTimeout,
                taskTimeout = options.taskTimeout,
                parentClosePolicy = when (options.parentClosePolicy) {
                    ParentClosePolicy.TERMINATE -> ParentClosePolicyProto.PARENT_CLOSE_POLICY_TERMINATE
                    ParentClosePolicy.ABANDON -> ParentClosePolicyProto.PARENT_CLOSE_POLICY_ABANDON
                    ParentClosePolicy.REQUEST_CANCEL -> ParentClosePolicyProto.PARENT_CLOSE_POLICY_REQUEST_CANCEL
                },
                workflowIdReusePolicy = when (options.idReusePolicy) {
                    WorkflowIdReusePolicy.ALLOW_DUPLICATE -> IdReuseProto.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
                    WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY -> IdReuseProto.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY
                    WorkflowIdReusePolicy.REJECT_DUPLICATE -> IdReuseProto.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
                },
                retryPolicy = options.retryPolicy?.toProto(),
                cronSchedule = options.cronSchedule ?: "",
                memo = options.memo?.let(run.properties::memoProto),
                searchAttributes = options.searchAttributes?.toProto(),
                cancellationType = options.cancellationType,
                summary = options.summary?.let(run::stringPayload),
            ),
        )
        val handle = ChildWorkflowHandleImpl<R>(this, seq, workflowId, workflowType)
        children[seq] = handle to resultType
        handle.awaitStart()
        return handle
    }

    fun cancel(handle: ChildWorkflowHandleImpl<*>) {
        run.requireMutable("ChildWorkflowHandle.cancel")
        if (!run.evicting) run.emit(WorkflowCommand.CancelChildWorkflowExecution(handle.seq))
    }

    fun resolveStart(job: ActivationJob.ResolveChildWorkflowExecutionStart) {
        val (handle, _) = children[job.seq] ?: return run.failTask(unknownResolution("child workflow", job.seq))
        val status = job.status
        if (status is ChildWorkflowStartResolution.Succeeded) {
            handle.started.complete(status.runId)
            return
        }
        val error = when (status) {
            is ChildWorkflowStartResolution.Succeeded -> error("handled above")
            is ChildWorkflowStartResolution.Failed ->
                if (status.cause == StartChildFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS) {
                    WorkflowAlreadyStartedException(status.workflowId, status.workflowType, null)
                } else {
                    ApplicationFailure(
                        "Child workflow ${status.workflowType} (id '${status.workflowId}') could not start: ${status.cause}",
                        type = status.cause.name,
                    )
                }
            is ChildWorkflowStartResolution.Cancelled -> run.toException(status.failure)
        }
        children.remove(job.seq)
        handle.started.completeExceptionally(error)
        handle.result.completeExceptionally(error)
    }

    fun resolve(job: ActivationJob.ResolveChildWorkflowExecution) {
        val (handle, resultType) = children.remove(job.seq) ?: return run.failTask(unknownResolution("child workflow", job.seq))
        when (val outcome = job.result) {
            is ChildWorkflowResult.Completed -> try {
                handle.result.complete(run.decodeResult(outcome.result, resultType))
            } catch (e: Exception) {
                handle.result.completeExceptionally(e)
            }
            is ChildWorkflowResult.Failed -> handle.result.completeExceptionally(run.toException(outcome.failure))
            is ChildWorkflowResult.Cancelled -> handle.result.completeExceptionally(run.toException(outcome.failure))
        }
    }

    suspend fun signal(target: SignalTarget, signalName: String, args: List<Any?>, argTypes: List<KType>) {
        run.requireMutable("signalling another workflow")
        val outbound = run.interceptorChain.outbound
        when (target) {
            is SignalTarget.Child -> outbound.signalChildWorkflow(SignalChildWorkflowInput(target.workflowId, signalName, args, argTypes))
            is SignalTarget.External -> outbound.signalExternalWorkflow(
                SignalExternalWorkflowInput(
                    target.execution.namespace, target.execution.workflowId, target.execution.runId.ifEmpty { null },
                    signalName, args, argTypes,
                ),
            )
        }
    }

    /** Records the SignalExternalWorkflowExecution command and waits for delivery: the end of the outbound interceptor chain. */
    suspend fun signalCommand(target: SignalTarget, signalName: String, args: List<Any?>, argTypes: List<KType>, headers: Header) {
        run.requireMutable("signalling another workflow")
        require(args.size == argTypes.size) {
            "Signal '$signalName' takes ${argTypes.size} argument(s) $argTypes but was given ${args.size}"
        }
        val seq = ++signalSeq
        run.emit(WorkflowCommand.SignalExternalWorkflowExecution(seq, target, signalName, run.payloadConverter.toPayloads(args, argTypes), headers))
        awaitDelivery(signals, seq) { WorkflowCommand.CancelSignalExternalWorkflow(seq) }
    }

    suspend fun cancelExternal(target: NamespacedExecution) {
        run.requireMutable("ExternalWorkflowHandle.cancel")
        val seq = ++cancelSeq
        run.emit(WorkflowCommand.RequestCancelExternalWorkflowExecution(seq, target))
        awaitDelivery(cancels, seq) { WorkflowCommand.CancelRequestCancelExternalWorkflow(seq) }
    }

    /**
     * Waits for the delivery of the signal or cancel request [seq] to another workflow. When the waiting coroutine is
     * cancelled first, it stops waiting at once, and the request is withdrawn ([withdraw]): a command not sent yet is
     * dropped, one already sent is delivered all the same but its outcome no longer resolves anything (runs recorded
     * before [LogicFlag.WITHDRAW_EXTERNAL_REQUESTS] keep sending the command and resolving).
     */
    private suspend fun awaitDelivery(pending: HashMap<Int, CompletableDeferred<Unit>>, seq: Int, withdraw: () -> WorkflowCommand) {
        val delivered = CompletableDeferred<Unit>()
        pending[seq] = delivered
        try {
            delivered.await()
        } catch (e: CancellationException) {
            if (!delivered.isCompleted && !run.evicting && run.tryUseFlag(LogicFlag.WITHDRAW_EXTERNAL_REQUESTS)) {
                pending.remove(seq)
                run.emit(withdraw())
            }
            throw e
        }
    }

    fun resolveSignal(job: ActivationJob.ResolveSignalExternalWorkflow) = resolveDelivery(signals, job.seq, job.failure, "signal")

    fun resolveCancel(job: ActivationJob.ResolveRequestCancelExternalWorkflow) =
        resolveDelivery(cancels, job.seq, job.failure, "cancel request")

    private fun resolveDelivery(pending: HashMap<Int, CompletableDeferred<Unit>>, seq: Int, failure: Failure?, what: String) {
        val deferred = pending.remove(seq) ?: return run.failTask(unknownResolution("external $what", seq))
        if (failure == null) deferred.complete(Unit) else deferred.completeExceptionally(run.toException(failure))
    }

    /** What is still waited for, for the stack trace query. */
    fun describePending(): List<String> = buildList {
        children.forEach { (seq, p) -> add("child workflow $seq '${p.first.workflowType}' (id ${p.first.workflowId})") }
        signals.keys.forEach { add("delivery of external signal $it") }
        cancels.keys.forEach { add("delivery of external cancel request $it") }
    }

    /** Whether no child, signal or cancel request waits for a resolution. */
    val isEmpty: Boolean get() = children.isEmpty() && signals.isEmpty() && cancels.isEmpty()

    /** The run is torn down: every coroutine waiting for a child or a delivery resumes with [error]. */
    fun failAll(error: Throwable) {
        children.values.forEach { (handle, _) ->
            handle.started.completeExceptionally(error)
            handle.result.completeExceptionally(error)
        }
        children.clear()
        signals.values.forEach { it.completeExceptionally(error) }
        signals.clear()
        cancels.values.forEach { it.completeExceptionally(error) }
        cancels.clear()
    }
}
