package dev.temporalkt.opentelemetry

import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.opentelemetry.internal.TracerDataHeader
import dev.temporalkt.opentelemetry.internal.TracingActivityInbound
import dev.temporalkt.opentelemetry.internal.TracingClientOutbound
import dev.temporalkt.opentelemetry.internal.TracingWorkflowInbound
import dev.temporalkt.opentelemetry.internal.WorkflowSpans
import dev.temporalkt.worker.interceptor.ActivityInboundInterceptor
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor
import io.opentelemetry.api.OpenTelemetry
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator
import io.opentelemetry.api.trace.Tracer
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator
import io.opentelemetry.context.propagation.TextMapPropagator

/**
 * OpenTelemetry tracing of client calls, workflows and activities, in one trace per workflow execution that
 * continues across processes and SDKs. Set it on the client; workers created with that client use it too (or set
 * it in [dev.temporalkt.worker.WorkerOptions.interceptors] for a worker alone).
 *
 * Spans (names as the Python and TypeScript SDKs give them):
 * - client: `StartWorkflow:<type>`, `SignalWithStartWorkflow:<type>`, `UpdateWithStartWorkflow:<type>`,
 *   `SignalWorkflow:<signal>`, `QueryWorkflow:<query>`, `StartWorkflowUpdate:<update>`, children of the caller's
 *   current span;
 * - workflow: `RunWorkflow:<type>`, and for the calls it makes `StartActivity:<type>` (local activities too),
 *   `StartChildWorkflow:<type>`, `SignalChildWorkflow:<signal>`, `SignalExternalWorkflow:<signal>`,
 *   `StartNexusOperation:<service>/<operation>`, all children of the span that started the workflow;
 *   `HandleSignal:<signal>`, `ValidateUpdate:<update>`, `HandleUpdate:<update>`, `HandleQuery:<query>` children of
 *   the sender's span;
 * - activity: `RunActivity:<type>`, child of the workflow's `StartActivity` span and current while the activity runs.
 *
 * The span context travels in the `_tracer-data` header as a `json/plain` payload of the [propagator]'s text map
 * (`{"traceparent":"00-…-…-01"}`), which the Python and TypeScript SDKs' OpenTelemetry interceptors read and write,
 * so spans of workers and clients in those SDKs join the same trace.
 *
 * Workflow spans are replay-safe: they are recorded only while the workflow does not replay (no duplicates after a
 * worker evicts and replays a run), they start and end at once at workflow time, and nothing about them reaches
 * workflow state. Workflows started without a span (from the CLI, a schedule, a client without this interceptor)
 * get no workflow spans unless [alwaysCreateWorkflowSpans] is set.
 *
 * ```kotlin
 * val tracing = TracingInterceptor(openTelemetry)
 * val client = Client.connect(ConnectionOptions(target = "localhost:7233"), ClientOptions(interceptors = listOf(tracing)))
 * Worker(client, "orders", workflows, activities).start()   // traced too
 * ```
 *
 * From Java: `ClientOptions.newBuilder().addKotlinInterceptor(new TracingInterceptor(openTelemetry))`.
 *
 * @param tracer the tracer that records the spans.
 * @param propagator writes and reads the header's text map; W3C trace context and baggage by default (the
 *   propagators of an `OpenTelemetry` instance are not used: they are often left unset).
 * @param alwaysCreateWorkflowSpans records workflow spans even when the workflow was started without a span; each
 *   then roots a trace of its own.
 */
public class TracingInterceptor @JvmOverloads constructor(
    private val tracer: Tracer,
    private val propagator: TextMapPropagator = DEFAULT_PROPAGATOR,
    private val alwaysCreateWorkflowSpans: Boolean = false,
) : ClientInterceptor, WorkerInterceptor {
    /** Records spans with the tracer `dev.temporalkt.opentelemetry` of [openTelemetry]. */
    public constructor(openTelemetry: OpenTelemetry) : this(openTelemetry.getTracer(INSTRUMENTATION_NAME))

    private val header = TracerDataHeader(HEADER_KEY, propagator)

    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor =
        TracingClientOutbound(next, tracer, header)

    override fun interceptWorkflow(next: WorkflowInboundInterceptor): WorkflowInboundInterceptor =
        TracingWorkflowInbound(next, WorkflowSpans(tracer, header, alwaysCreateWorkflowSpans))

    override fun interceptActivity(next: ActivityInboundInterceptor): ActivityInboundInterceptor =
        TracingActivityInbound(next, tracer, header)

    override fun toString(): String = "TracingInterceptor(propagator=$propagator, alwaysCreateWorkflowSpans=$alwaysCreateWorkflowSpans)"

    public companion object {
        /** The header the span context travels in, the same in every Temporal SDK. */
        public const val HEADER_KEY: String = "_tracer-data"

        /** The instrumentation scope name of the tracer the [OpenTelemetry] constructor uses. */
        public const val INSTRUMENTATION_NAME: String = "dev.temporalkt.opentelemetry"

        /** W3C trace context and W3C baggage, as the other SDKs propagate by default. */
        @JvmField
        public val DEFAULT_PROPAGATOR: TextMapPropagator =
            TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())
    }
}
