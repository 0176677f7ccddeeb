package dev.temporalkt.opentelemetry.e2e

import io.opentelemetry.api.trace.Span
import io.opentelemetry.api.trace.Tracer
import io.opentelemetry.context.Context
import io.opentelemetry.context.Scope
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter
import io.opentelemetry.sdk.trace.SdkTracerProvider
import io.opentelemetry.sdk.trace.data.SpanData
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor
import kotlinx.coroutines.ThreadContextElement
import kotlinx.coroutines.withContext
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/** A tracer whose finished spans land in memory at once (a simple processor exports each span as it ends). */
class SpanRecorder : AutoCloseable {
    private val exporter = InMemorySpanExporter.create()
    private val provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()

    val tracer: Tracer = provider.get("e2e")

    /** The finished spans of trace [traceId]. */
    fun trace(traceId: String): List<SpanData> = exporter.finishedSpanItems.filter { it.traceId == traceId }

    /** Runs [block] with a new root span `test` current (across threads); returns the span and the block's result. */
    suspend fun <T> inRootSpan(block: suspend () -> T): Pair<Span, T> {
        val root = tracer.spanBuilder("test").setParent(Context.root()).startSpan()
        try {
            return root to withContext(CurrentContext(Context.root().with(root))) { block() }
        } finally {
            root.end()
        }
    }

    override fun close() = provider.close()

    private class CurrentContext(private val context: Context) : AbstractCoroutineContextElement(Key), ThreadContextElement<Scope> {
        companion object Key : CoroutineContext.Key<CurrentContext>

        override fun updateThreadContext(context: CoroutineContext): Scope = this.context.makeCurrent()

        override fun restoreThreadContext(context: CoroutineContext, oldState: Scope) = oldState.close()
    }
}

/** The spans as "name <- parent name" lines, sorted, for comparing a trace's shape. */
fun List<SpanData>.tree(): List<String> {
    val byId = associateBy { it.spanId }
    return map { span ->
        val parent = byId[span.parentSpanId]?.name ?: if (span.parentSpanContext.isValid) "?${span.parentSpanId}" else "(root)"
        "${span.name} <- $parent"
    }.sorted()
}
