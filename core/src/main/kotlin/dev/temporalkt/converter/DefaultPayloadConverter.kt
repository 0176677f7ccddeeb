package dev.temporalkt.converter

import com.fasterxml.jackson.databind.ObjectMapper
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConversionException.Direction
import dev.temporalkt.converter.internal.encodingOrNull
import kotlinx.serialization.json.Json
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * The standard [PayloadConverter]: a list of [EncodingPayloadConverter]s, one per encoding, compatible with
 * the other Temporal SDKs.
 *
 * **Encoding** asks each converter in order and keeps the first payload returned. The default order is
 * - `binary/null` ([BinaryNullPayloadConverter]) for `null` and `Unit`,
 * - `binary/plain` ([BinaryPlainPayloadConverter]) for `ByteArray`,
 * - `json/protobuf` ([JsonProtobufPayloadConverter]) for protobuf messages,
 * - `binary/protobuf` ([BinaryProtobufPayloadConverter]), which never wins when encoding because
 *   `json/protobuf` takes every message first, but decodes binary protobuf payloads from other SDKs
 *   (the Python, Java and Go SDKs have the same default list),
 * - `json/plain` ([JsonPlainPayloadConverter]) for everything else.
 *
 * **Decoding** picks the converter named by the payload's `encoding` metadata. A payload without that
 * metadata, or with an encoding no converter handles (often: a codec-encoded payload that was not decoded
 * first), fails with [PayloadConversionException] listing the known encodings.
 *
 * ```kotlin
 * val converter = DefaultPayloadConverter()
 * val payload = converter.toPayload(listOf(Order("a", 2)))         // json/plain: [{"name":"a","qty":2}]
 * val orders: List<Order> = converter.fromPayload(payload)
 *
 * // Custom encodings go before the JSON fall-back:
 * val custom = DefaultPayloadConverter(listOf(Ipv4Converter()) + DefaultPayloadConverter.defaultEncodingConverters())
 * ```
 *
 * @param converters the encoding converters, tried in this order; encodings must be distinct.
 */
public class DefaultPayloadConverter(converters: List<EncodingPayloadConverter>) : PayloadConverter {

    /** Creates the default converter list (see [defaultEncodingConverters]). */
    public constructor() : this(defaultEncodingConverters())

    /** The encoding converters, in the order they are tried when encoding. */
    public val converters: List<EncodingPayloadConverter> = converters.toList()

    /** The encodings this converter can decode, in [converters] order. */
    public val encodings: List<String> = this.converters.map { it.encoding }

    private val byEncoding: Map<String, EncodingPayloadConverter> = this.converters.associateBy { it.encoding }

    init {
        require(this.converters.isNotEmpty()) { "DefaultPayloadConverter needs at least one encoding converter" }
        val duplicates = encodings.groupingBy { it }.eachCount().filterValues { it > 1 }.keys
        require(duplicates.isEmpty()) {
            "Encoding converters must have distinct encodings, but these appear more than once: $duplicates"
        }
    }

    override fun toPayload(value: Any?, type: KType): Payload =
        encode(value, { type.toString() }) { it.toPayload(value, type) }

    override fun toPayload(value: Any?, type: Type): Payload =
        encode(value, { type.typeName }) { it.toPayload(value, type) }

    override fun fromPayload(payload: Payload, type: KType): Any? =
        decode(payload, { type.toString() }) { it.fromPayload(payload, type) }

    override fun fromPayload(payload: Payload, type: Type): Any? =
        decode(payload, { type.typeName }) { it.fromPayload(payload, type) }

    // The type's name is rendered only for an error message: rendering a KType on every call dominated replay cost.
    private inline fun encode(value: Any?, typeName: () -> String, attempt: (EncodingPayloadConverter) -> Payload?): Payload {
        for (converter in converters) {
            val payload = try {
                attempt(converter)
            } catch (e: PayloadConversionException) {
                throw e
            } catch (e: RuntimeException) {
                throw PayloadConversionException(
                    Direction.ENCODE, converter.encoding, typeName(),
                    "${converter.javaClass.name} failed: ${e.message ?: e.javaClass.name}", e,
                )
            }
            if (payload != null) return payload
        }
        throw PayloadConversionException(
            Direction.ENCODE, null, typeName(),
            "no payload converter accepts a value of class ${value?.javaClass?.name ?: "null"}; " +
                "tried encodings ${encodings.joinToString()}; add an EncodingPayloadConverter for it",
        )
    }

    private inline fun decode(payload: Payload, typeName: () -> String, attempt: (EncodingPayloadConverter) -> Any?): Any? {
        val encoding = payload.encodingOrNull()
            ?: throw PayloadConversionException(
                Direction.DECODE, null, typeName(),
                "the payload has no '${PayloadEncodings.METADATA_ENCODING}' metadata; known encodings: ${encodings.joinToString()}",
            )
        val converter = byEncoding[encoding]
            ?: throw PayloadConversionException(
                Direction.DECODE, encoding, typeName(),
                "unknown encoding '$encoding'; known encodings: ${encodings.joinToString()}. " +
                    "Configure a PayloadCodec that decodes it or an EncodingPayloadConverter for it",
            )
        return try {
            attempt(converter)
        } catch (e: PayloadConversionException) {
            throw e
        } catch (e: RuntimeException) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, typeName(),
                "${converter.javaClass.name} failed: ${e.message ?: e.javaClass.name}", e,
            )
        }
    }

    /** Factories for the standard encoding converters. */
    public companion object {
        /**
         * Returns the standard encoding converters in the standard order: `binary/null`, `binary/plain`,
         * `json/protobuf`, `binary/protobuf`, `json/plain` (with the given JSON configuration, and the given
         * Jackson mapper or, for `null`, [JsonPlainPayloadConverter.defaultObjectMapper] built on first use).
         *
         * ```kotlin
         * val converter = DefaultPayloadConverter(
         *     DefaultPayloadConverter.defaultEncodingConverters(json = Json(JsonPlainPayloadConverter.defaultJson) { explicitNulls = false }),
         * )
         * ```
         */
        public fun defaultEncodingConverters(
            json: Json = JsonPlainPayloadConverter.defaultJson,
            objectMapper: ObjectMapper? = null,
        ): List<EncodingPayloadConverter> = listOf(
            BinaryNullPayloadConverter(),
            BinaryPlainPayloadConverter(),
            JsonProtobufPayloadConverter(),
            BinaryProtobufPayloadConverter(),
            JsonPlainPayloadConverter(json, objectMapper),
        )
    }
}
