@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.nexus.NexusOperationHandle
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.worker.interceptor.ContinueAsNewInput
import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.interceptor.HandleQueryInput
import dev.temporalkt.worker.interceptor.HandleSignalInput
import dev.temporalkt.worker.interceptor.HandleUpdateInput
import dev.temporalkt.worker.interceptor.SignalChildWorkflowInput
import dev.temporalkt.worker.interceptor.SignalExternalWorkflowInput
import dev.temporalkt.worker.interceptor.StartActivityInput
import dev.temporalkt.worker.interceptor.StartChildWorkflowInput
import dev.temporalkt.worker.interceptor.StartLocalActivityInput
import dev.temporalkt.worker.interceptor.StartNexusOperationInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor
import dev.temporalkt.worker.interceptor.WorkflowOutboundInterceptor
import dev.temporalkt.workflow.ActivityHandle
import dev.temporalkt.workflow.ChildWorkflowHandle

/**
 * The interceptor chains of one workflow run: [inbound] calls into the run's code through the interceptors of
 * [interceptors] (first one outermost) and ends in the run; [outbound] is what the run's calls out go through, as
 * the interceptors' `init` built it, ending in the run's command recording.
 */
internal class WorkflowInterceptorChain(instance: WorkflowInstance, interceptors: List<WorkerInterceptor>) {
    private val root = RootInbound(instance)

    val inbound: WorkflowInboundInterceptor =
        interceptors.foldRight(root as WorkflowInboundInterceptor) { interceptor, next -> interceptor.interceptWorkflow(next) }

    val outbound: WorkflowOutboundInterceptor

    init {
        inbound.init(RootOutbound(instance))
        outbound = root.outbound ?: throw IllegalStateException(
            "A workflow inbound interceptor did not pass init() on to the next interceptor; call super.init(outbound) " +
                "(with your own WorkflowOutboundInterceptor wrapping it, if you intercept outbound calls)",
        )
    }

    private class RootInbound(private val instance: WorkflowInstance) : WorkflowInboundInterceptor(null) {
        var outbound: WorkflowOutboundInterceptor? = null

        override fun init(outbound: WorkflowOutboundInterceptor) {
            this.outbound = outbound
        }

        override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? = instance.runMainFunction(input.args)

        override suspend fun handleSignal(input: HandleSignalInput): Unit = instance.handlers.runSignalHandler(input)

        override fun handleQuery(input: HandleQueryInput): Any? = instance.handlers.runQueryHandler(input)

        override fun validateUpdate(input: HandleUpdateInput): Unit = instance.handlers.runUpdateValidator(input)

        override suspend fun handleUpdate(input: HandleUpdateInput): Any? = instance.handlers.runUpdateHandler(input)
    }

    private class RootOutbound(private val instance: WorkflowInstance) : WorkflowOutboundInterceptor(null) {
        override fun startActivity(input: StartActivityInput): ActivityHandle<Any?> = instance.activities.scheduleCommand(
            input.activityType, input.args, input.argTypes, input.resultType, input.options, headerOf(input.headers),
        )

        override fun startLocalActivity(input: StartLocalActivityInput): ActivityHandle<Any?> = instance.activities.scheduleLocalCommand(
            input.activityType, input.args, input.argTypes, input.resultType, input.options, headerOf(input.headers),
        )

        override suspend fun startChildWorkflow(input: StartChildWorkflowInput): ChildWorkflowHandle<Any?> = instance.children.startCommand(
            input.workflowType, input.args, input.argTypes, input.resultType, input.options, headerOf(input.headers),
        )

        override suspend fun signalChildWorkflow(input: SignalChildWorkflowInput): Unit = instance.children.signalCommand(
            SignalTarget.Child(input.childWorkflowId), input.signalName, input.args, input.argTypes, headerOf(input.headers),
        )

        override suspend fun signalExternalWorkflow(input: SignalExternalWorkflowInput): Unit = instance.children.signalCommand(
            SignalTarget.External(NamespacedExecution(input.namespace, input.workflowId, input.runId ?: "")),
            input.signalName, input.args, input.argTypes, headerOf(input.headers),
        )

        override suspend fun startNexusOperation(input: StartNexusOperationInput): NexusOperationHandle<Any?> =
            instance.nexusOperations.scheduleCommand(
                input.endpoint, input.service, input.operation, input.argument, input.argumentType, input.resultType,
                input.options, input.headers,
            )

        override fun continueAsNew(input: ContinueAsNewInput): Nothing = instance.continueAsNewCommand(
            input.workflowType, input.args, input.argTypes, input.options, headerOf(input.headers),
        )
    }

    companion object {
        fun headerOf(headers: Map<String, Payload>): Header =
            if (headers.isEmpty()) Header.getDefaultInstance() else Header.newBuilder().putAllFields(headers).build()
    }
}
