package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload
import java.lang.reflect.Type
import kotlin.reflect.KType
import kotlin.reflect.javaType

/**
 * Converts values of one payload [encoding] to and from payloads; the building block of
 * [DefaultPayloadConverter].
 *
 * When encoding, [DefaultPayloadConverter] asks its encoding converters in order and keeps the first
 * payload returned, so [toPayload] returns `null` for values it does not handle. When decoding, the
 * converter is chosen by the payload's `encoding` metadata, so [fromPayload] must either produce a value
 * of the requested type or throw [PayloadConversionException].
 *
 * Only the two [java.lang.reflect.Type] methods are abstract. The [KType] variants delegate to them by
 * default; override them when the Kotlin type carries information the Java type loses (nullability,
 * Kotlin-only types).
 *
 * ```kotlin
 * class Ipv4Converter : EncodingPayloadConverter {
 *     override val encoding = "text/ipv4"
 *
 *     override fun toPayload(value: Any?, type: Type): Payload? =
 *         (value as? Inet4Address)?.let {
 *             Payload.newBuilder()
 *                 .putMetadata(PayloadEncodings.METADATA_ENCODING, ByteString.copyFromUtf8(encoding))
 *                 .setData(ByteString.copyFromUtf8(it.hostAddress))
 *                 .build()
 *         }
 *
 *     override fun fromPayload(payload: Payload, type: Type): Any? =
 *         InetAddress.getByName(payload.data.toStringUtf8())
 * }
 *
 * val converter = DefaultPayloadConverter(listOf(Ipv4Converter()) + DefaultPayloadConverter.defaultEncodingConverters())
 * ```
 */
public interface EncodingPayloadConverter {
    /** The encoding this converter writes into payload metadata and reads from it, e.g. `json/plain`. */
    public val encoding: String

    /** Encodes [value] of the Java [type], or returns `null` when this converter does not handle it. */
    public fun toPayload(value: Any?, type: Type): Payload?

    /** Decodes [payload], which carries this converter's [encoding], into a value of the Java [type]. */
    public fun fromPayload(payload: Payload, type: Type): Any?

    /** Encodes [value] of the Kotlin [type], or returns `null` when this converter does not handle it. */
    @OptIn(ExperimentalStdlibApi::class)
    public fun toPayload(value: Any?, type: KType): Payload? = toPayload(value, type.javaType)

    /** Decodes [payload], which carries this converter's [encoding], into a value of the Kotlin [type]. */
    @OptIn(ExperimentalStdlibApi::class)
    public fun fromPayload(payload: Payload, type: KType): Any? = fromPayload(payload, type.javaType)
}
