package dev.temporalkt.opentelemetry.internal

import dev.temporalkt.workflow.Workflow
import io.opentelemetry.api.trace.Span
import io.opentelemetry.api.trace.SpanKind
import io.opentelemetry.api.trace.Tracer
import io.opentelemetry.context.Context
import java.util.concurrent.TimeUnit

/**
 * The spans of one workflow run. Workflow code may run again on replay (after eviction from the cache, on another
 * worker), so a span is recorded only while the run does not replay, and it starts and ends at once, at workflow
 * time: a span that stayed open across workflow tasks would never end when the run is evicted. Nothing here flows
 * back into the workflow: span contexts only go out in the headers of the commands and calls the run makes.
 *
 * The parent of the run's spans is the *workflow context*: the span that started the run (the client's
 * `StartWorkflow`, a parent workflow's `StartChildWorkflow`), read from the start's `_tracer-data` header, which is
 * the same on every replay. Without it no workflow span is recorded unless [alwaysCreate] is set (they would be
 * roots of traces of their own).
 */
internal class WorkflowSpans(
    private val tracer: Tracer,
    val header: TracerDataHeader,
    private val alwaysCreate: Boolean,
) {
    private var workflowContextRead = false
    private var workflowContextValue: Context? = null

    /** The context of the span that started the run, or `null` when the start carried none. */
    val workflowContext: Context?
        get() {
            if (!workflowContextRead) {
                workflowContextValue = Workflow.info().headers[header.key]?.payload?.let(header::extract)
                workflowContextRead = true
            }
            return workflowContextValue
        }

    /**
     * Records a finished span [name] under [parent] (the workflow context when `null`) and returns the context with
     * it, or `null` when no span is recorded: during replay (unless [evenOnReplay]) or without a parent (unless
     * spans are always created).
     */
    fun record(
        name: String,
        kind: SpanKind,
        parent: Context? = null,
        evenOnReplay: Boolean = false,
        configure: (Span) -> Unit = {},
    ): Context? {
        if (!evenOnReplay && Workflow.isReplaying()) return null
        val workflowContext = workflowContext
        val parentContext = parent ?: workflowContext ?: if (alwaysCreate) Context.root() else return null
        val info = Workflow.info()
        val nanos = Workflow.now().let { TimeUnit.SECONDS.toNanos(it.epochSecond) + it.nano }
        val builder = tracer.spanBuilder(name).setParent(parentContext).setSpanKind(kind)
            .setStartTimestamp(nanos, TimeUnit.NANOSECONDS)
            .setAttribute(SpanAttributes.WORKFLOW_ID, info.workflowId)
            .setAttribute(SpanAttributes.RUN_ID, info.runId)
        if (parent != null && workflowContext != null) {
            // a call into the run from elsewhere (a signal, an update, a query): linked to the run's own trace
            builder.addLink(Span.fromContext(workflowContext).spanContext)
        }
        val span = builder.startSpan()
        configure(span)
        span.end(nanos, TimeUnit.NANOSECONDS)
        return parentContext.with(span)
    }
}
