package dev.temporalkt.converter

import com.google.protobuf.InvalidProtocolBufferException
import com.google.protobuf.Message
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConversionException.Direction
import dev.temporalkt.converter.internal.TargetType
import dev.temporalkt.converter.internal.messageTypeOrNull
import dev.temporalkt.converter.internal.newPayload
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * The `binary/protobuf` encoding: protobuf messages in the binary wire format, with the full message name
 * in the `messageType` metadata.
 *
 * As in the other Temporal SDKs, the default converter list places this converter after
 * [JsonProtobufPayloadConverter], so it never encodes by default but decodes `binary/protobuf` payloads
 * sent by others. To send messages in binary, put it before the JSON one:
 *
 * ```kotlin
 * val converter = DefaultPayloadConverter(
 *     listOf(BinaryNullPayloadConverter(), BinaryPlainPayloadConverter(), BinaryProtobufPayloadConverter(),
 *            JsonPlainPayloadConverter()),
 * )
 * ```
 *
 * Decoding needs the generated message class as the requested type, or the payload's message type listed in
 * [knownMessages] when the type is unconstrained (`Any`, `Object`, `Message`).
 *
 * @param knownMessages default instances of messages that may be decoded without naming their class.
 */
public class BinaryProtobufPayloadConverter(
    knownMessages: Collection<Message> = emptyList(),
) : EncodingPayloadConverter {
    private val known: Map<String, Message> = knownMessages.associateBy { it.descriptorForType.fullName }

    override val encoding: String get() = PayloadEncodings.BINARY_PROTOBUF

    override fun toPayload(value: Any?, type: Type): Payload? = encode(value)

    override fun toPayload(value: Any?, type: KType): Payload? = encode(value)

    override fun fromPayload(payload: Payload, type: Type): Any? = decode(payload, TargetType.of(type))

    override fun fromPayload(payload: Payload, type: KType): Any? = decode(payload, TargetType.of(type))

    private fun encode(value: Any?): Payload? {
        val message: Message = when (value) {
            is Message -> value
            is Message.Builder -> value.build()
            else -> return null
        }
        return newPayload(encoding, message.toByteString(), message.descriptorForType.fullName)
    }

    private fun decode(payload: Payload, target: TargetType): Message {
        val prototype = protobufPrototype(encoding, target, payload.messageTypeOrNull(), known)
        return try {
            prototype.parserForType.parseFrom(payload.data)
        } catch (e: InvalidProtocolBufferException) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "invalid protobuf bytes for message '${prototype.descriptorForType.fullName}': ${e.message}", e,
            )
        }
    }
}
