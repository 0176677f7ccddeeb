package dev.temporalkt.benchmarks

import dev.temporalkt.client.ClientOptions
import dev.temporalkt.opentelemetry.TracingInterceptor
import io.opentelemetry.sdk.OpenTelemetrySdk
import io.opentelemetry.sdk.common.CompletableResultCode
import io.opentelemetry.sdk.trace.SdkTracerProvider
import io.opentelemetry.sdk.trace.data.SpanData
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor
import io.opentelemetry.sdk.trace.export.SpanExporter
import java.util.concurrent.atomic.AtomicLong

/**
 * The `-Dbenchmarks.tracing=true` switch: with it, the clients that start the benchmark's workflows and the `kt`
 * worker's client carry a [TracingInterceptor] over an OpenTelemetry SDK, a tracer provider whose batch span
 * processor hands the spans to an exporter that only counts them, to measure what tracing costs. Set on the harness
 * (`mvn ... -Dbenchmarks.tracing=true`), it is passed on to the JVM workers ([workerJvmArgs]), so a workflow's spans
 * form one trace; set on the workers alone (`--worker-jvm-arg -Dbenchmarks.tracing=true`), only activities are
 * traced (workflows started without a span get no workflow spans).
 */
object BenchmarkTracing {
    /** The system property of the switch. */
    const val PROPERTY: String = "benchmarks.tracing"

    /** Whether this JVM traces. */
    val enabled: Boolean get() = System.getProperty(PROPERTY).toBoolean()

    private val exported = AtomicLong()

    private val openTelemetry: OpenTelemetrySdk by lazy {
        val exporter = object : SpanExporter {
            override fun export(spans: Collection<SpanData>): CompletableResultCode {
                exported.addAndGet(spans.size.toLong())
                return CompletableResultCode.ofSuccess()
            }

            override fun flush(): CompletableResultCode = CompletableResultCode.ofSuccess()

            override fun shutdown(): CompletableResultCode = CompletableResultCode.ofSuccess()
        }
        val tracerProvider = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build()
        OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build()
    }

    private val tracing: TracingInterceptor by lazy { TracingInterceptor(openTelemetry) }

    /** Client options with the [TracingInterceptor] when the switch is on, the defaults otherwise. */
    fun clientOptions(): ClientOptions = if (enabled) ClientOptions(interceptors = listOf(tracing)) else ClientOptions()

    /** The flag that passes the switch on to a worker JVM, when it is on here. */
    fun workerJvmArgs(): List<String> = if (enabled) listOf("-D$PROPERTY=true") else emptyList()

    /** The spans exported so far in this JVM (after the batch processor handed them over). */
    fun exportedSpans(): Long = exported.get()
}
