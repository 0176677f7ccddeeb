package dev.temporalkt.opentelemetry.internal

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.QueryWorkflowInput
import dev.temporalkt.client.SignalWorkflowInput
import dev.temporalkt.client.StartUpdateWithStartInput
import dev.temporalkt.client.StartWorkflowInput
import dev.temporalkt.client.StartWorkflowUpdateInput
import dev.temporalkt.client.UpdateWithStartResult
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowUpdateHandle
import io.opentelemetry.api.trace.Span
import io.opentelemetry.api.trace.SpanKind
import io.opentelemetry.api.trace.Tracer
import io.opentelemetry.context.Context

/**
 * Client calls as `CLIENT` spans, children of the caller's current span ([Context.current]), whose context goes to
 * the workflow in the call's `_tracer-data` header.
 */
internal class TracingClientOutbound(
    next: ClientOutboundInterceptor,
    private val tracer: Tracer,
    private val header: TracerDataHeader,
) : ClientOutboundInterceptor(next) {
    override suspend fun startWorkflow(input: StartWorkflowInput): WorkflowHandle<Any?> {
        val prefix = if (input.startSignal == null) "StartWorkflow" else "SignalWithStartWorkflow"
        return traced("$prefix:${input.workflowType}", input.options.id, input.headers) { headers ->
            super.startWorkflow(input.copy(headers = headers))
        }
    }

    override suspend fun signalWorkflow(input: SignalWorkflowInput) {
        traced("SignalWorkflow:${input.signalName}", input.workflowId, input.headers) { headers ->
            super.signalWorkflow(input.copy(headers = headers))
        }
    }

    override suspend fun queryWorkflow(input: QueryWorkflowInput): Any? =
        traced("QueryWorkflow:${input.queryType}", input.workflowId, input.headers) { headers ->
            super.queryWorkflow(input.copy(headers = headers))
        }

    override suspend fun startWorkflowUpdate(input: StartWorkflowUpdateInput): WorkflowUpdateHandle<Any?> =
        traced("StartWorkflowUpdate:${input.updateName}", input.workflowId, input.headers, input.updateId) { headers ->
            super.startWorkflowUpdate(input.copy(headers = headers))
        }

    override suspend fun startUpdateWithStartWorkflow(input: StartUpdateWithStartInput): UpdateWithStartResult {
        val start = input.start
        return traced("UpdateWithStartWorkflow:${start.workflowType}", start.options.id, start.headers, input.update.updateId) { headers ->
            val traceHeader = headers[header.key]
            val updateHeaders = if (traceHeader == null) input.update.headers else input.update.headers + (header.key to traceHeader)
            super.startUpdateWithStartWorkflow(
                StartUpdateWithStartInput(start.copy(headers = headers), input.update.copy(headers = updateHeaders)),
            )
        }
    }

    private inline fun <T> traced(
        name: String,
        workflowId: String,
        headers: Map<String, Payload>,
        updateId: String? = null,
        call: (Map<String, Payload>) -> T,
    ): T {
        val parent = Context.current()
        val builder = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.CLIENT)
            .setAttribute(SpanAttributes.WORKFLOW_ID, workflowId)
        if (updateId != null) builder.setAttribute(SpanAttributes.UPDATE_ID, updateId)
        val span: Span = builder.startSpan()
        return span.endAfter { call(header.inject(parent.with(span), headers)) }
    }
}
