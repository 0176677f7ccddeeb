@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.FailureConverter
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.nexus.NexusOperationOptions
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.NexusOperationResult
import dev.temporalkt.worker.activation.NexusOperationStartResolution
import dev.temporalkt.worker.activation.WorkflowCommand
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * The Nexus operations of one workflow run, on the workflow side: turns calls into ScheduleNexusOperation and
 * RequestCancelNexusOperation commands and applies the resolutions the replay core sends back.
 *
 * An operation that ends before it started (a failed start, a synchronous failure, a timeout, a cancellation
 * before start) completes the start with the same outcome, so `startOperation` throws the failure and a
 * synchronous success starts with a `null` token.
 */
internal class WorkflowNexusOperations(
    private val instance: WorkflowInstance,
    private val payloadConverter: PayloadConverter,
    private val failureConverter: FailureConverter,
    private val emit: (WorkflowCommand) -> Unit,
) {
    private var seq = 0
    private val pending = HashMap<Int, NexusOperationHandleImpl<*>>()

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

    fun <R> schedule(
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
        val payload = if (inputType.classifier == Unit::class) null else payloadConverter.toPayload(input, inputType)
        emit(
            WorkflowCommand.ScheduleNexusOperation(
                seq = s,
                endpoint = endpoint,
                service = service,
                operation = operation,
                input = payload,
                scheduleToCloseTimeout = options.scheduleToCloseTimeout,
                headers = headers,
                cancellationType = options.cancellationType,
                summary = options.summary?.let { payloadConverter.toPayload(it, typeOf<String>()) },
            ),
        )
        val handle = NexusOperationHandleImpl<R>(instance, s, service, operation, resultType)
        pending[s] = handle
        return handle
    }

    fun requestCancel(handle: NexusOperationHandleImpl<*>) {
        emit(WorkflowCommand.RequestCancelNexusOperation(handle.seq))
    }

    /** Applies a start resolution; returns an error when the run waits for no such operation. */
    fun resolveStart(job: ActivationJob.ResolveNexusOperationStart): Throwable? {
        val handle = pending[job.seq] ?: return unknown(job.seq)
        when (val status = job.status) {
            is NexusOperationStartResolution.StartedAsync -> handle.started.complete(status.operationToken)
            is NexusOperationStartResolution.StartedSync -> handle.started.complete(null)
            is NexusOperationStartResolution.CancelledBeforeStart ->
                handle.started.completeExceptionally(failureConverter.toException(status.failure, payloadConverter))
        }
        return null
    }

    /** Applies a result; returns an error when the run waits for no such operation. */
    fun resolve(job: ActivationJob.ResolveNexusOperation): Throwable? {
        val handle = pending.remove(job.seq) ?: return unknown(job.seq)
        val failure = when (val r = job.result) {
            is NexusOperationResult.Completed -> null
            is NexusOperationResult.Failed -> r.failure
            is NexusOperationResult.Cancelled -> r.failure
            is NexusOperationResult.TimedOut -> r.failure
        }
        if (failure == null) {
            val payload: Payload? = (job.result as NexusOperationResult.Completed).result
            try {
                handle.result.complete(decode(payload, handle.resultType))
            } catch (e: Exception) {
                handle.result.completeExceptionally(e)
            }
            handle.started.complete(null)
        } else {
            val error = failureConverter.toException(failure, payloadConverter)
            handle.started.completeExceptionally(error)
            handle.result.completeExceptionally(error)
        }
        return null
    }

    private fun decode(payload: Payload?, type: KType): Any? = when {
        type.classifier == Unit::class -> Unit
        payload == null -> null
        else -> payloadConverter.fromPayload(payload, type)
    }

    private fun unknown(seq: Int) = IllegalStateException(
        "Resolution for Nexus operation $seq, which this run is not waiting for; the workflow code is probably not deterministic",
    )
}
