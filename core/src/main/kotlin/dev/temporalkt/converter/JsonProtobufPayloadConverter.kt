package dev.temporalkt.converter

import com.google.protobuf.ByteString
import com.google.protobuf.InvalidProtocolBufferException
import com.google.protobuf.Message
import com.google.protobuf.MessageOrBuilder
import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConversionException.Direction
import dev.temporalkt.converter.internal.TargetType
import dev.temporalkt.converter.internal.messageTypeOrNull
import dev.temporalkt.converter.internal.newPayload
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * The `json/protobuf` encoding: protobuf messages in the canonical protobuf JSON mapping, with the full
 * message name (e.g. `temporal.api.common.v1.WorkflowExecution`) in the `messageType` metadata.
 *
 * This is how the other Temporal SDKs send protobuf values by default. The default printer writes compact
 * JSON (no whitespace) with fields in declaration order, e.g. `{"workflowId":"wf-1","runId":"r-1"}`;
 * other SDKs may order or space fields differently, which every reader accepts. The default parser ignores
 * unknown fields, so messages from newer schemas still decode.
 *
 * Decoding needs the generated message class as the requested type. When the type is unconstrained
 * (`Any`, `Object`, `Message`), the payload's `messageType` is looked up in [knownMessages].
 *
 * ```kotlin
 * val payload = JsonProtobufPayloadConverter().toPayload(execution, typeOf<WorkflowExecution>())
 * ```
 *
 * @param printer the JSON printer; supply one with a type registry to print `google.protobuf.Any` fields.
 * @param parser the JSON parser; supply one with a type registry to parse `google.protobuf.Any` fields.
 * @param knownMessages default instances of messages that may be decoded without naming their class.
 */
public class JsonProtobufPayloadConverter(
    private val printer: JsonFormat.Printer = JsonFormat.printer().omittingInsignificantWhitespace(),
    private val parser: JsonFormat.Parser = JsonFormat.parser().ignoringUnknownFields(),
    knownMessages: Collection<Message> = emptyList(),
) : EncodingPayloadConverter {
    private val known: Map<String, Message> = knownMessages.associateBy { it.descriptorForType.fullName }

    override val encoding: String get() = PayloadEncodings.JSON_PROTOBUF

    override fun toPayload(value: Any?, type: Type): Payload? = encode(value, TargetType.of(type))

    override fun toPayload(value: Any?, type: KType): Payload? = encode(value, TargetType.of(type))

    override fun fromPayload(payload: Payload, type: Type): Any? = decode(payload, TargetType.of(type))

    override fun fromPayload(payload: Payload, type: KType): Any? = decode(payload, TargetType.of(type))

    private fun encode(value: Any?, target: TargetType): Payload? {
        if (value !is MessageOrBuilder) return null
        val json = try {
            printer.print(value)
        } catch (e: InvalidProtocolBufferException) {
            throw PayloadConversionException(
                Direction.ENCODE, encoding, target.name, "protobuf JSON printing failed: ${e.message}", e,
            )
        }
        return newPayload(encoding, ByteString.copyFromUtf8(json), value.descriptorForType.fullName)
    }

    private fun decode(payload: Payload, target: TargetType): Message {
        val prototype = protobufPrototype(encoding, target, payload.messageTypeOrNull(), known)
        val builder = prototype.newBuilderForType()
        try {
            parser.merge(payload.data.toStringUtf8(), builder)
        } catch (e: InvalidProtocolBufferException) {
            throw PayloadConversionException(
                Direction.DECODE, encoding, target.name,
                "invalid protobuf JSON for message '${prototype.descriptorForType.fullName}': ${e.message}", e,
            )
        }
        return builder.build()
    }
}
