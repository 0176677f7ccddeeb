package dev.temporalkt.opentelemetry.internal

import dev.temporalkt.nexus.NexusOperationHandle
import dev.temporalkt.worker.interceptor.ContinueAsNewInput
import dev.temporalkt.worker.interceptor.SignalChildWorkflowInput
import dev.temporalkt.worker.interceptor.SignalExternalWorkflowInput
import dev.temporalkt.worker.interceptor.StartActivityInput
import dev.temporalkt.worker.interceptor.StartChildWorkflowInput
import dev.temporalkt.worker.interceptor.StartLocalActivityInput
import dev.temporalkt.worker.interceptor.StartNexusOperationInput
import dev.temporalkt.worker.interceptor.WorkflowOutboundInterceptor
import dev.temporalkt.workflow.ActivityHandle
import dev.temporalkt.workflow.ChildWorkflowHandle
import io.opentelemetry.api.trace.SpanKind

/**
 * The calls out of one workflow run as `CLIENT` spans under the workflow context, each passing its span to the
 * callee: activities and child workflows and signalled workflows in the `_tracer-data` header, Nexus operations in
 * the Nexus request headers. During replay no span is recorded and the headers stay as they are (the commands of a
 * replayed task are not sent again). Continue-as-new hands the workflow context on to the next run.
 */
internal class TracingWorkflowOutbound(
    next: WorkflowOutboundInterceptor,
    private val spans: WorkflowSpans,
) : WorkflowOutboundInterceptor(next) {
    private val header get() = spans.header

    override fun startActivity(input: StartActivityInput): ActivityHandle<Any?> {
        val context = spans.record("StartActivity:${input.activityType}", SpanKind.CLIENT)
        return super.startActivity(if (context == null) input else input.copy(headers = header.inject(context, input.headers)))
    }

    override fun startLocalActivity(input: StartLocalActivityInput): ActivityHandle<Any?> {
        val context = spans.record("StartActivity:${input.activityType}", SpanKind.CLIENT)
        return super.startLocalActivity(if (context == null) input else input.copy(headers = header.inject(context, input.headers)))
    }

    override suspend fun startChildWorkflow(input: StartChildWorkflowInput): ChildWorkflowHandle<Any?> {
        val context = spans.record("StartChildWorkflow:${input.workflowType}", SpanKind.CLIENT)
        return super.startChildWorkflow(if (context == null) input else input.copy(headers = header.inject(context, input.headers)))
    }

    override suspend fun signalChildWorkflow(input: SignalChildWorkflowInput) {
        val context = spans.record("SignalChildWorkflow:${input.signalName}", SpanKind.CLIENT)
        super.signalChildWorkflow(if (context == null) input else input.copy(headers = header.inject(context, input.headers)))
    }

    override suspend fun signalExternalWorkflow(input: SignalExternalWorkflowInput) {
        val context = spans.record("SignalExternalWorkflow:${input.signalName}", SpanKind.CLIENT)
        super.signalExternalWorkflow(if (context == null) input else input.copy(headers = header.inject(context, input.headers)))
    }

    override suspend fun startNexusOperation(input: StartNexusOperationInput): NexusOperationHandle<Any?> {
        val context = spans.record("StartNexusOperation:${input.service}/${input.operation}", SpanKind.CLIENT)
        return super.startNexusOperation(if (context == null) input else input.copy(headers = input.headers + header.carrier(context)))
    }

    override fun continueAsNew(input: ContinueAsNewInput): Nothing {
        val context = spans.workflowContext
        super.continueAsNew(if (context == null) input else input.copy(headers = header.inject(context, input.headers)))
    }
}
