package dev.temporalkt.opentelemetry

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.opentelemetry.internal.TracerDataHeader
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.opentelemetry.api.trace.Span
import io.opentelemetry.api.trace.SpanContext
import io.opentelemetry.api.trace.TraceFlags
import io.opentelemetry.api.trace.TraceState
import io.opentelemetry.context.Context

private fun jsonPayload(json: String, encoding: String = "json/plain"): Payload = Payload.newBuilder()
    .putMetadata("encoding", ByteString.copyFromUtf8(encoding))
    .setData(ByteString.copyFromUtf8(json))
    .build()

/** The `_tracer-data` header in the shape the Python and TypeScript SDKs write and read. */
class TracerDataHeaderTest : FunSpec({
    val header = TracerDataHeader(TracingInterceptor.HEADER_KEY, TracingInterceptor.DEFAULT_PROPAGATOR)
    val traceId = "4bf92f3577b34da6a3ce929d0e0e4736"
    val spanId = "00f067aa0ba902b7"
    val spanContext = SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault())

    test("a span context goes out as a json/plain payload of the W3C text map, added to the other headers") {
        val other = jsonPayload("\"acme\"")
        val headers = header.inject(Context.root().with(Span.wrap(spanContext)), mapOf("tenant" to other))
        headers.keys shouldBe setOf("tenant", "_tracer-data")
        headers.getValue("tenant") shouldBe other
        val payload = headers.getValue("_tracer-data")
        payload.metadataMap.mapValues { it.value.toStringUtf8() } shouldBe mapOf("encoding" to "json/plain")
        payload.data.toStringUtf8() shouldBe """{"traceparent":"00-$traceId-$spanId-01"}"""
    }

    test("a context without a span leaves the headers as they are") {
        header.inject(Context.root(), emptyMap()) shouldBe emptyMap()
    }

    test("the header the TypeScript SDK writes (with trace state and baggage) is read back with its span context") {
        val payload = jsonPayload("""{"traceparent":"00-$traceId-$spanId-01","tracestate":"vendor=1","baggage":"user=ada"}""")
        val read = Span.fromContext(header.extract(mapOf("_tracer-data" to payload))!!).spanContext
        read.traceId shouldBe traceId
        read.spanId shouldBe spanId
        read.isRemote shouldBe true
        read.isSampled shouldBe true
        read.traceState.get("vendor") shouldBe "1"
    }

    test("missing, foreign or unreadable headers carry no context") {
        header.extract(emptyMap()).shouldBeNull()
        header.extract(mapOf("_tracer-data" to jsonPayload("{}"))).shouldBeNull()
        header.extract(mapOf("_tracer-data" to jsonPayload("not json"))).shouldBeNull()
        header.extract(mapOf("_tracer-data" to jsonPayload("""["00-$traceId-$spanId-01"]"""))).shouldBeNull()
        header.extract(mapOf("_tracer-data" to jsonPayload("""{"traceparent":"00-$traceId-$spanId-01"}""", encoding = "binary/plain"))).shouldBeNull()
        header.extract(mapOf("_tracer-data" to jsonPayload("""{"traceparent":"garbage"}"""))).shouldBeNull()
    }
})
