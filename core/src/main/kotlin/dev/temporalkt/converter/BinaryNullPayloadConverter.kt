package dev.temporalkt.converter

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConversionException.Direction
import dev.temporalkt.converter.internal.TargetType
import dev.temporalkt.converter.internal.newPayload
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * The `binary/null` encoding: `null` (and Kotlin [Unit], which carries no information either) as a payload
 * with empty data, the way every Temporal SDK writes "no value".
 *
 * Decoding gives `null`, or [Unit] when `Unit` is asked for. Decoding into a non-nullable Kotlin type or a
 * Java primitive fails with [PayloadConversionException], as does a `binary/null` payload with data.
 *
 * ```kotlin
 * BinaryNullPayloadConverter().toPayload(null, typeOf<String?>())  // encoding "binary/null", no data
 * ```
 */
public class BinaryNullPayloadConverter : EncodingPayloadConverter {
    override val encoding: String get() = PayloadEncodings.BINARY_NULL

    override fun toPayload(value: Any?, type: Type): Payload? = encode(value)

    override fun toPayload(value: Any?, type: KType): Payload? = encode(value)

    override fun fromPayload(payload: Payload, type: Type): Any? = decode(payload, TargetType.of(type))

    override fun fromPayload(payload: Payload, type: KType): Any? = decode(payload, TargetType.of(type))

    private fun encode(value: Any?): Payload? =
        if (value == null || value === Unit) newPayload(encoding, ByteString.EMPTY) else null

    private fun decode(payload: Payload, target: TargetType): Any? {
        if (!payload.data.isEmpty) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "a binary/null payload must have empty data but has ${payload.data.size()} bytes",
            )
        }
        val rawClass = target.rawClass
        return when {
            rawClass == Unit::class.java -> Unit
            target.acceptsNull -> null
            else -> throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "the payload is null but the type does not accept null; make the type nullable",
            )
        }
    }
}
