package dev.temporalkt.opentelemetry.internal

import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.interceptor.HandleQueryInput
import dev.temporalkt.worker.interceptor.HandleSignalInput
import dev.temporalkt.worker.interceptor.HandleUpdateInput
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor
import dev.temporalkt.worker.interceptor.WorkflowOutboundInterceptor
import dev.temporalkt.workflow.Workflow
import io.opentelemetry.api.trace.SpanKind

/**
 * The calls into one workflow run as spans: `RunWorkflow` under the workflow context, `HandleSignal`,
 * `ValidateUpdate` and `HandleUpdate` under the sender's span (the workflow context when the call carried none),
 * `HandleQuery` under the querier's span (only when the query carried one; queries are never replayed, so their spans
 * are recorded whenever they run).
 */
internal class TracingWorkflowInbound(
    next: WorkflowInboundInterceptor,
    private val spans: WorkflowSpans,
) : WorkflowInboundInterceptor(next) {
    override fun init(outbound: WorkflowOutboundInterceptor) {
        super.init(TracingWorkflowOutbound(outbound, spans))
    }

    override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? {
        spans.record("RunWorkflow:${Workflow.info().workflowType}", SpanKind.SERVER)
        return super.executeWorkflow(input)
    }

    override suspend fun handleSignal(input: HandleSignalInput) {
        spans.record("HandleSignal:${input.signalName}", SpanKind.SERVER, spans.header.extract(input.headers))
        super.handleSignal(input)
    }

    override fun handleQuery(input: HandleQueryInput): Any? {
        val parent = spans.header.extract(input.headers)
        if (parent != null) spans.record("HandleQuery:${input.queryType}", SpanKind.SERVER, parent, evenOnReplay = true)
        return super.handleQuery(input)
    }

    override fun validateUpdate(input: HandleUpdateInput) {
        spans.record("ValidateUpdate:${input.updateName}", SpanKind.SERVER, spans.header.extract(input.headers)) {
            it.setAttribute(SpanAttributes.UPDATE_ID, input.updateId)
        }
        super.validateUpdate(input)
    }

    override suspend fun handleUpdate(input: HandleUpdateInput): Any? {
        spans.record("HandleUpdate:${input.updateName}", SpanKind.SERVER, spans.header.extract(input.headers)) {
            it.setAttribute(SpanAttributes.UPDATE_ID, input.updateId)
        }
        return super.handleUpdate(input)
    }
}
