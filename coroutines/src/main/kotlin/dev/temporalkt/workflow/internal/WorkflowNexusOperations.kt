@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.nexus.NexusOperationOptions
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.NexusOperationResult
import dev.temporalkt.worker.activation.NexusOperationStartResolution
import dev.temporalkt.worker.activation.WorkflowCommand
import kotlin.reflect.KType

/**
 * The Nexus operations of one workflow run, on the workflow side: turns calls into ScheduleNexusOperation and
 * RequestCancelNexusOperation commands and applies the resolutions the replay core sends back.
 *
 * An operation that ends before it started (a failed start, a synchronous failure, a timeout, a cancellation
 * before start) completes the start with the same outcome, so `startOperation` throws the failure and a
 * synchronous success starts with a `null` token.
 */
internal class WorkflowNexusOperations(private val run: WorkflowInstance) {
    private var seq = 0
    private val pending = HashMap<Int, NexusOperationHandleImpl<*>>()

    /** Whether no operation waits for its start or result. */
    val isEmpty: Boolean get() = pending.isEmpty()

    /** The run is torn down: every coroutine waiting for an operation's start or result resumes with [error]. */
    fun failAll(error: Throwable) {
        for (handle in pending.values) {
            handle.started.completeExceptionally(error)
            handle.result.completeExceptionally(error)
        }
        pending.clear()
    }

    /** Operations still waiting for a result, for the stack trace query. */
    fun describePending(): List<String> =
        pending.values.sortedBy { it.seq }.map { "Nexus operation ${it.seq} '${it.service}/${it.operation}'" }

    /** Records the ScheduleNexusOperation command and waits for the start: the end of the outbound interceptor chain. */
    suspend fun scheduleCommand(
        endpoint: String,
        service: String,
        operation: String,
        input: Any?,
        inputType: KType,
        resultType: KType,
        options: NexusOperationOptions,
        headers: Map<String, String>,
    ): NexusOperationHandleImpl<Any?> {
        run.requireOwnDispatcher("NexusClient.startOperation")
        run.requireMutable("NexusClient.startOperation")
        val handle = schedule<Any?>(endpoint, service, operation, input, inputType, resultType, options, headers)
        handle.awaitStart()
        return handle
    }

    private fun <R> schedule(
        endpoint: String,
        service: String,
        operation: String,
        input: Any?,
        inputType: KType,
        resultType: KType,
        options: NexusOperationOptions,
        headers: Map<String, String>,
    ): NexusOperationHandleImpl<R> {
        val s = ++seq
        val payload = if (inputType.classifier == Unit::class) null else run.payloadConverter.toPayload(input, inputType)
        run.emit(
            WorkflowCommand.ScheduleNexusOperation(
                seq = s,
                endpoint = endpoint,
                service = service,
                operation = operation,
                input = payload,
                scheduleToCloseTimeout = options.scheduleToCloseTimeout,
                headers = headers,
                cancellationType = options.cancellationType,
                summary = options.summary?.let { run.payloadConverter.toPayload(it, PlainKType.STRING) },
            ),
        )
        val handle = NexusOperationHandleImpl<R>(this, s, service, operation, resultType)
        pending[s] = handle
        return handle
    }

    fun requestCancel(handle: NexusOperationHandleImpl<*>) {
        run.requireMutable("NexusOperationHandle.cancel")
        if (!run.evicting) run.emit(WorkflowCommand.RequestCancelNexusOperation(handle.seq))
    }

    /** Applies a start resolution; returns an error when the run waits for no such operation. */
    fun resolveStart(job: ActivationJob.ResolveNexusOperationStart): Throwable? {
        val handle = pending[job.seq] ?: return unknownResolution("Nexus operation", job.seq)
        when (val status = job.status) {
            is NexusOperationStartResolution.StartedAsync -> handle.started.complete(status.operationToken)
            is NexusOperationStartResolution.StartedSync -> handle.started.complete(null)
            is NexusOperationStartResolution.CancelledBeforeStart ->
                handle.started.completeExceptionally(run.toException(status.failure))
        }
        return null
    }

    /** Applies a result; returns an error when the run waits for no such operation. */
    fun resolve(job: ActivationJob.ResolveNexusOperation): Throwable? {
        val handle = pending.remove(job.seq) ?: return unknownResolution("Nexus operation", job.seq)
        val failure = when (val r = job.result) {
            is NexusOperationResult.Completed -> null
            is NexusOperationResult.Failed -> r.failure
            is NexusOperationResult.Cancelled -> r.failure
            is NexusOperationResult.TimedOut -> r.failure
        }
        if (failure == null) {
            val payload: Payload? = (job.result as NexusOperationResult.Completed).result
            try {
                handle.result.complete(run.decodeResult(payload, handle.resultType))
            } catch (e: Exception) {
                handle.result.completeExceptionally(e)
            }
            handle.started.complete(null)
        } else {
            val error = run.toException(failure)
            handle.started.completeExceptionally(error)
            handle.result.completeExceptionally(error)
        }
        return null
    }

}
