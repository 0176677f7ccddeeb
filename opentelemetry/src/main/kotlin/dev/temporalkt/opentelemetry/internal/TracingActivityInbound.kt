package dev.temporalkt.opentelemetry.internal

import dev.temporalkt.worker.interceptor.ActivityInboundInterceptor
import dev.temporalkt.worker.interceptor.ExecuteActivityInput
import io.opentelemetry.api.trace.SpanKind
import io.opentelemetry.api.trace.Tracer
import io.opentelemetry.context.Context
import kotlinx.coroutines.withContext

/**
 * An activity attempt as a `SERVER` span `RunActivity:<type>` under the scheduling workflow's `StartActivity` span
 * (from the `_tracer-data` header), current ([Context.current]) while the activity runs, so the activity's own spans
 * and client calls nest under it.
 */
internal class TracingActivityInbound(
    next: ActivityInboundInterceptor,
    private val tracer: Tracer,
    private val header: TracerDataHeader,
) : ActivityInboundInterceptor(next) {
    override suspend fun executeActivity(input: ExecuteActivityInput): Any? {
        val info = input.info
        val parent = header.extract(input.headers) ?: Context.current()
        val builder = tracer.spanBuilder("RunActivity:${info.activityType}").setParent(parent).setSpanKind(SpanKind.SERVER)
            .setAttribute(SpanAttributes.ACTIVITY_ID, info.activityId)
        if (info.workflowId.isNotEmpty()) builder.setAttribute(SpanAttributes.WORKFLOW_ID, info.workflowId)
        if (info.workflowRunId.isNotEmpty()) builder.setAttribute(SpanAttributes.RUN_ID, info.workflowRunId)
        val span = builder.startSpan()
        return span.endAfter {
            withContext(OpenTelemetryContextElement(parent.with(span))) { super.executeActivity(input) }
        }
    }
}
