package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlin.reflect.typeOf

/**
 * The "encoded common attributes" of a failure: its message and stack trace moved out of the proto's
 * plain-text fields into a payload `{"message": ..., "stack_trace": ...}`, so that a payload codec
 * (encryption) covers them. The proto's `message` then reads [ENCODED_MESSAGE] and `stack_trace` is
 * empty. This is the wire form every Temporal SDK writes and reads.
 */
internal object EncodedAttributes {
    const val ENCODED_MESSAGE: String = "Encoded failure"
    private const val MESSAGE_KEY = "message"
    private const val STACK_TRACE_KEY = "stack_trace"
    private const val JSON_PLAIN = "json/plain"

    private val json = Json { ignoreUnknownKeys = true }

    fun encode(message: String, stackTrace: String, converter: PayloadConverter): Payload =
        converter.toPayload(linkedMapOf(MESSAGE_KEY to message, STACK_TRACE_KEY to stackTrace), typeOf<Map<String, String>>())

    /**
     * The message and stack trace in [payload], each `null` when absent or not a string. JSON payloads
     * are read directly, so extra or non-string fields written by other SDKs do not break decoding; other
     * encodings go through [converter]. Returns `null` when the payload cannot be read at all, in which
     * case the failure keeps its plain-text fields.
     */
    fun decode(payload: Payload, converter: PayloadConverter): Pair<String?, String?>? {
        val encoding = payload.metadataMap["encoding"]?.toStringUtf8()
        return try {
            if (encoding == JSON_PLAIN) {
                val obj = json.parseToJsonElement(payload.data.toStringUtf8()) as? JsonObject ?: return null
                obj.stringField(MESSAGE_KEY) to obj.stringField(STACK_TRACE_KEY)
            } else {
                @Suppress("UNCHECKED_CAST")
                val map = converter.fromPayload(payload, typeOf<Map<String, String?>>()) as? Map<String, String?>
                    ?: return null
                map[MESSAGE_KEY] to map[STACK_TRACE_KEY]
            }
        } catch (e: Exception) {
            null
        }
    }

    private fun JsonObject.stringField(key: String): String? =
        (this[key] as? JsonPrimitive)?.takeIf { it.isString }?.content
}
