@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.reflection.internal.FunctionReferences
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.workflow.ChildWorkflowHandle
import dev.temporalkt.workflow.WorkflowNames
import kotlinx.coroutines.CompletableDeferred
import kotlin.reflect.KFunction

/**
 * A child workflow started by a run: [started] is resolved by ResolveChildWorkflowExecutionStart and [result]
 * by ResolveChildWorkflowExecution with the same [seq].
 */
internal class ChildWorkflowHandleImpl<R>(
    private val children: RunChildren,
    val seq: Int,
    override val workflowId: String,
    val workflowType: String,
) : ChildWorkflowHandle<R> {
    val started = CompletableDeferred<String>()
    val result = CompletableDeferred<Any?>()
    private var cancelRequested = false

    @OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
    override val firstExecutionRunId: String
        get() = if (started.isCompleted && started.getCompletionExceptionOrNull() == null) started.getCompleted() else ""

    suspend fun awaitStart(): String = started.awaitResolution(::cancel)

    @Suppress("UNCHECKED_CAST")
    override suspend fun result(): R = result.awaitResolution(::cancel) as R

    override suspend fun signal(signalName: String, vararg args: Any?) {
        children.signal(SignalTarget.Child(workflowId), signalName, args.toList(), args.map { PlainKType.ANY })
    }

    override suspend fun signal(signal: KFunction<*>, vararg args: Any?) {
        val types = FunctionReferences.of(signal).parameterTypes
        children.signal(SignalTarget.Child(workflowId), WorkflowNames.of(signal), args.toList(), types)
    }

    override fun cancel() {
        if (cancelRequested || result.isCompleted) return
        children.cancel(this)
        cancelRequested = true
    }

    override fun toString(): String = "ChildWorkflowHandle($workflowType, id=$workflowId, seq=$seq)"
}
