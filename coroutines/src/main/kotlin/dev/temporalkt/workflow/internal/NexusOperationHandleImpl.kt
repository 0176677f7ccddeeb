@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.nexus.NexusOperationHandle
import kotlinx.coroutines.CompletableDeferred
import kotlin.reflect.KType

/**
 * A Nexus operation scheduled by a run: [started] is resolved by ResolveNexusOperationStart (or, for operations
 * that end before starting, by ResolveNexusOperation) and [result] by ResolveNexusOperation with the same [seq].
 */
internal class NexusOperationHandleImpl<R>(
    private val operations: WorkflowNexusOperations,
    val seq: Int,
    val service: String,
    val operation: String,
    val resultType: KType,
) : NexusOperationHandle<R> {
    /** Completes with the operation token, or `null` for a synchronous operation. */
    val started = CompletableDeferred<String?>()
    val result = CompletableDeferred<Any?>()
    private var cancelRequested = false

    @OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
    override val operationToken: String?
        get() = if (started.isCompleted && started.getCompletionExceptionOrNull() == null) started.getCompleted() else null

    suspend fun awaitStart() {
        started.awaitResolution(::cancel)
    }

    @Suppress("UNCHECKED_CAST")
    override suspend fun result(): R = result.awaitResolution(::cancel) as R

    override fun cancel() {
        if (cancelRequested || result.isCompleted) return
        operations.requestCancel(this)
        cancelRequested = true
    }

    override fun toString(): String = "NexusOperationHandle($service/$operation, seq=$seq)"
}
