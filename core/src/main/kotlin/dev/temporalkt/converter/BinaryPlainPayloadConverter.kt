package dev.temporalkt.converter

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConversionException.Direction
import dev.temporalkt.converter.internal.TargetType
import dev.temporalkt.converter.internal.newPayload
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * The `binary/plain` encoding: a [ByteArray] sent as it is.
 *
 * Only byte arrays are encoded. A `binary/plain` payload decodes into `ByteArray` (or an unconstrained
 * type such as `Any`/`Object`, which then receives a `ByteArray`); asking for any other type, such as
 * `String`, fails with [PayloadConversionException].
 *
 * ```kotlin
 * BinaryPlainPayloadConverter().toPayload(byteArrayOf(1, 2), typeOf<ByteArray>())  // data 01 02
 * ```
 */
public class BinaryPlainPayloadConverter : EncodingPayloadConverter {
    override val encoding: String get() = PayloadEncodings.BINARY_PLAIN

    override fun toPayload(value: Any?, type: Type): Payload? = encode(value)

    override fun toPayload(value: Any?, type: KType): Payload? = encode(value)

    override fun fromPayload(payload: Payload, type: Type): Any? = decode(payload, TargetType.of(type))

    override fun fromPayload(payload: Payload, type: KType): Any? = decode(payload, TargetType.of(type))

    private fun encode(value: Any?): Payload? =
        if (value is ByteArray) newPayload(encoding, ByteString.copyFrom(value)) else null

    private fun decode(payload: Payload, target: TargetType): Any {
        val rawClass = target.rawClass
        if (rawClass != ByteArray::class.java && !target.isUnconstrained) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "binary/plain payloads hold raw bytes and can only be decoded into ByteArray (byte[])",
            )
        }
        return payload.data.toByteArray()
    }
}
