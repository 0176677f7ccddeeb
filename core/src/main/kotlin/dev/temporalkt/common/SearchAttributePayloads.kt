package dev.temporalkt.common

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.doubleOrNull
import kotlinx.serialization.json.longOrNull
import java.time.OffsetDateTime
import java.time.format.DateTimeFormatter
import java.time.format.DateTimeParseException

/**
 * The payload form of search attribute values shared by all Temporal SDKs: JSON (`json/plain`) with a
 * `type` metadata entry naming the indexed type; removal is a `binary/null` payload without `type`.
 */
internal object SearchAttributePayloads {
    private const val ENCODING = "encoding"
    private const val TYPE = "type"
    private const val JSON_PLAIN = "json/plain"
    private const val BINARY_NULL = "binary/null"

    private val jsonPlain = ByteString.copyFromUtf8(JSON_PLAIN)

    fun encode(type: SearchAttributeType, value: Any): Payload {
        val json: JsonElement = when (type) {
            SearchAttributeType.TEXT, SearchAttributeType.KEYWORD -> JsonPrimitive(value as String)
            SearchAttributeType.INT -> JsonPrimitive(value as Long)
            SearchAttributeType.DOUBLE -> JsonPrimitive(value as Double)
            SearchAttributeType.BOOL -> JsonPrimitive(value as Boolean)
            SearchAttributeType.DATETIME ->
                JsonPrimitive(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value as OffsetDateTime))
            SearchAttributeType.KEYWORD_LIST -> JsonArray((value as List<*>).map { JsonPrimitive(it as String) })
        }
        return Payload.newBuilder()
            .putMetadata(ENCODING, jsonPlain)
            .putMetadata(TYPE, ByteString.copyFromUtf8(type.metadataName))
            .setData(ByteString.copyFromUtf8(json.toString()))
            .build()
    }

    fun unset(): Payload = Payload.newBuilder().putMetadata(ENCODING, ByteString.copyFromUtf8(BINARY_NULL)).build()

    /** The entry held by [payload], or `null` when it is untyped, of an unknown type, null or empty. */
    fun decode(name: String, payload: Payload): SearchAttributes.Entry<*>? {
        val typeName = payload.metadataMap[TYPE]?.toStringUtf8()
        if (typeName.isNullOrEmpty()) return null
        val type = SearchAttributeType.fromMetadataName(typeName) ?: return null
        val encoding = payload.metadataMap[ENCODING]?.toStringUtf8()
        if (encoding == BINARY_NULL) return null
        require(encoding == JSON_PLAIN) {
            "Search attribute '$name' has payload encoding '$encoding'; search attributes must be json/plain"
        }
        val text = payload.data.toStringUtf8()
        val json = try {
            Json.parseToJsonElement(text)
        } catch (e: IllegalArgumentException) {
            throw IllegalArgumentException("Search attribute '$name' of type $typeName holds invalid JSON: $text", e)
        }
        val value = readValue(type, json) { "Search attribute '$name' of type $typeName holds an invalid value: $text" }
            ?: return null
        val key = untypedKey(name, type)
        return SearchAttributes.Entry(key, value)
    }

    private fun readValue(type: SearchAttributeType, json: JsonElement, error: () -> String): Any? {
        if (json is JsonNull) return null
        if (type == SearchAttributeType.KEYWORD_LIST) {
            val items = if (json is JsonArray) json else JsonArray(listOf(json))
            if (items.isEmpty()) return null
            return items.map { item -> (item as? JsonPrimitive)?.takeIf { it.isString }?.content ?: throw IllegalArgumentException(error()) }
        }
        val single = if (json is JsonArray) {
            when (json.size) {
                0 -> return null
                1 -> json[0]
                else -> throw IllegalArgumentException(error() + " (a list, but the type holds one value)")
            }
        } else {
            json
        }
        val primitive = single as? JsonPrimitive ?: throw IllegalArgumentException(error())
        val value: Any? = when (type) {
            SearchAttributeType.TEXT, SearchAttributeType.KEYWORD -> primitive.takeIf { it.isString }?.content
            SearchAttributeType.INT -> primitive.takeUnless { it.isString }?.longOrNull
            SearchAttributeType.DOUBLE -> primitive.takeUnless { it.isString }?.doubleOrNull
            SearchAttributeType.BOOL -> primitive.takeUnless { it.isString }?.booleanOrNull
            SearchAttributeType.DATETIME -> primitive.takeIf { it.isString }?.let {
                try {
                    OffsetDateTime.parse(it.content, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                } catch (e: DateTimeParseException) {
                    throw IllegalArgumentException(error() + " (not an ISO-8601 timestamp with offset)", e)
                }
            }
            SearchAttributeType.KEYWORD_LIST -> error("unreachable")
        }
        return value ?: throw IllegalArgumentException(error())
    }

    private fun untypedKey(name: String, type: SearchAttributeType): SearchAttributeKey<Any> =
        SearchAttributeKey.untyped(name, type)
}
