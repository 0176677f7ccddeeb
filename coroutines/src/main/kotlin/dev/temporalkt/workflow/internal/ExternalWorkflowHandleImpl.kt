@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.reflection.internal.FunctionReferences
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.workflow.ExternalWorkflowHandle
import dev.temporalkt.workflow.WorkflowNames
import kotlin.reflect.KFunction

/** Another workflow addressed by a run for signals and cancel requests. */
internal class ExternalWorkflowHandleImpl(
    private val children: RunChildren,
    private val namespace: String,
    override val workflowId: String,
    override val runId: String?,
) : ExternalWorkflowHandle {
    private val target get() = NamespacedExecution(namespace, workflowId, runId ?: "")

    override suspend fun signal(signalName: String, vararg args: Any?) {
        children.signal(SignalTarget.External(target), signalName, args.toList(), args.map { PlainKType.ANY })
    }

    override suspend fun signal(signal: KFunction<*>, vararg args: Any?) {
        val types = FunctionReferences.of(signal).parameterTypes
        children.signal(SignalTarget.External(target), WorkflowNames.of(signal), args.toList(), types)
    }

    override suspend fun cancel() {
        children.cancelExternal(target)
    }

    override fun toString(): String = "ExternalWorkflowHandle($workflowId, run=${runId ?: "current"})"
}
