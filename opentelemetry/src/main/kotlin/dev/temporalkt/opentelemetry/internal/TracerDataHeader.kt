package dev.temporalkt.opentelemetry.internal

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import io.opentelemetry.api.trace.Span
import io.opentelemetry.context.Context
import io.opentelemetry.context.propagation.TextMapGetter
import io.opentelemetry.context.propagation.TextMapPropagator
import io.opentelemetry.context.propagation.TextMapSetter
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive

/**
 * The trace context as the Temporal SDKs carry it in a header: the text map a [TextMapPropagator] writes (for W3C
 * trace context `{"traceparent": "00-…", "tracestate": "…"}`), as one `json/plain` payload under [key]. The Python
 * and TypeScript SDKs read and write the same payload, so a trace continues across SDKs.
 */
internal class TracerDataHeader(
    val key: String,
    private val propagator: TextMapPropagator,
) {
    /** The text map [propagator] writes for [context]; empty when the context holds nothing to propagate. */
    fun carrier(context: Context): Map<String, String> {
        val carrier = LinkedHashMap<String, String>()
        propagator.inject(context, carrier, MapSetter)
        return carrier
    }

    /** [headers] with [context] under [key]; [headers] unchanged when there is nothing to propagate. */
    fun inject(context: Context, headers: Map<String, Payload>): Map<String, Payload> {
        val carrier = carrier(context)
        return if (carrier.isEmpty()) headers else headers + (key to encode(carrier))
    }

    /**
     * The context carried in [headers], or `null` when there is none with a valid span. A header another system
     * wrote in a shape this cannot read counts as none: tracing never fails a call.
     */
    fun extract(headers: Map<String, Payload>): Context? = headers[key]?.let(::extract)

    /** The context carried in one `_tracer-data` [payload], or `null` (see [extract]). */
    fun extract(payload: Payload): Context? = decode(payload)?.let(::extractCarrier)

    /** The context a text map (for example Nexus headers) carries, or `null` when it has no valid span. */
    fun extractCarrier(carrier: Map<String, String>): Context? {
        val context = propagator.extract(Context.root(), carrier, MapGetter)
        return if (Span.fromContext(context).spanContext.isValid) context else null
    }

    companion object {
        private const val ENCODING = "json/plain"

        /** The carrier as a `json/plain` payload holding one JSON object of strings. */
        fun encode(carrier: Map<String, String>): Payload = Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8(ENCODING))
            .setData(ByteString.copyFromUtf8(JsonObject(carrier.mapValues { JsonPrimitive(it.value) }).toString()))
            .build()

        /** The carrier a payload holds, or `null` when it is not a `json/plain` JSON object. */
        fun decode(payload: Payload): Map<String, String>? {
            if (payload.metadataMap["encoding"]?.toStringUtf8() != ENCODING) return null
            val json = runCatching { Json.parseToJsonElement(payload.data.toStringUtf8()) }.getOrNull() as? JsonObject
                ?: return null
            return json.entries.mapNotNull { (name, value) ->
                (value as? JsonPrimitive)?.takeIf { it.isString }?.let { name to it.content }
            }.toMap()
        }
    }

    private object MapSetter : TextMapSetter<MutableMap<String, String>> {
        override fun set(carrier: MutableMap<String, String>?, key: String, value: String) {
            carrier?.put(key, value)
        }
    }

    private object MapGetter : TextMapGetter<Map<String, String>> {
        override fun keys(carrier: Map<String, String>): Iterable<String> = carrier.keys

        override fun get(carrier: Map<String, String>?, key: String): String? = carrier?.get(key)
    }
}
