package dev.temporalkt.converter

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import kotlinx.serialization.KSerializer
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializer
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * A minimal `json/plain` payload converter for tests: kotlinx.serialization with the full static type.
 */
class TestJsonPayloadConverter : PayloadConverter {
    private val json = Json

    override fun toPayload(value: Any?, type: KType): Payload = encode(value, json.serializersModule.serializer(type))

    override fun fromPayload(payload: Payload, type: KType): Any? = decode(payload, json.serializersModule.serializer(type))

    override fun toPayload(value: Any?, type: Type): Payload = encode(value, javaSerializer(type))

    override fun fromPayload(payload: Payload, type: Type): Any? = decode(payload, javaSerializer(type))

    @Suppress("UNCHECKED_CAST")
    private fun javaSerializer(type: Type): KSerializer<Any?> = json.serializersModule.serializer(type) as KSerializer<Any?>

    private fun encode(value: Any?, serializer: KSerializer<Any?>): Payload = Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json.encodeToString(serializer, value)))
        .build()

    private fun decode(payload: Payload, serializer: KSerializer<Any?>): Any? {
        val encoding = payload.metadataMap["encoding"]?.toStringUtf8()
        check(encoding == "json/plain") { "test converter reads json/plain only, got $encoding" }
        return json.decodeFromString(serializer, payload.data.toStringUtf8())
    }
}
