package dev.temporalkt.converter

import dev.temporalkt.api.command.v1.RecordMarkerCommandAttributes
import dev.temporalkt.api.history.v1.MarkerRecordedEventAttributes
import com.google.protobuf.Descriptors.Descriptor
import com.google.protobuf.Descriptors.FieldDescriptor
import com.google.protobuf.Message
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.SearchAttributes
import java.util.concurrent.ConcurrentHashMap

/**
 * Applies a [PayloadCodec] to every `temporal.api.common.v1.Payload` inside any Temporal API message — history
 * events, poll responses, commands, protocol messages, failures at any depth — so a worker or client can encode
 * everything it sends and decode everything it receives in one place, whatever the message kind.
 *
 * Search attributes are never passed through codecs: the server must read them to index them. Everything else
 * that is a payload is: inputs, results, details, memos, headers, heartbeat details, failure attributes.
 *
 * Walking is driven by the message descriptors; which message types can hold a payload at all is computed once
 * per type and cached, so messages without payloads are returned as they are without being rebuilt.
 */
internal object PayloadsInMessages {
    private val holdsPayloads = ConcurrentHashMap<Descriptor, Boolean>()

    /** [message] with [PayloadCodec.encode] applied to each payload inside it. */
    suspend fun <M : Message> encode(message: M, codec: PayloadCodec): M =
        transform(message) { checkCodecResult(codec, "encoding", it.size, codec.encode(it)) }

    /** [message] with [PayloadCodec.decode] applied to each payload inside it. */
    suspend fun <M : Message> decode(message: M, codec: PayloadCodec): M =
        transform(message) { checkCodecResult(codec, "decoding", it.size, codec.decode(it)) }

    /**
     * [message] with every payload replaced by [transform]'s answer. Payloads that sit together in one repeated
     * field (a `Payloads` message, for example) are handed over in one call, in order.
     */
    @Suppress("UNCHECKED_CAST")
    suspend fun <M : Message> transform(message: M, transform: suspend (List<Payload>) -> List<Payload>): M =
        if (!mayHoldPayloads(message.descriptorForType)) message else rewrite(message, transform) as M

    private suspend fun rewrite(message: Message, transform: suspend (List<Payload>) -> List<Payload>): Message {
        var builder: Message.Builder? = null
        val sdkKeys = sdkMarkerKeys(message)
        for ((field, value) in message.allFields) {
            if (field.javaType != FieldDescriptor.JavaType.MESSAGE) continue
            val type = field.messageType
            if (!mayHoldPayloads(type)) continue
            val target = builder ?: message.toBuilder().also { builder = it }
            if (field.isRepeated) {
                val elements = value as List<*>
                if (sdkKeys != null && field.isMapField) {
                    elements.forEachIndexed { i, element ->
                        val entry = element as Message
                        val key = entry.getField(entry.descriptorForType.findFieldByName("key")) as String
                        if (key !in sdkKeys) target.setRepeatedField(field, i, rewrite(entry, transform))
                    }
                } else if (type == Payload.getDescriptor()) {
                    val replaced = transform(elements.map { it as Payload })
                    replaced.forEachIndexed { i, payload -> target.setRepeatedField(field, i, payload) }
                } else {
                    elements.forEachIndexed { i, element -> target.setRepeatedField(field, i, rewrite(element as Message, transform)) }
                }
            } else if (type == Payload.getDescriptor()) {
                target.setField(field, transform(listOf(value as Payload)).single())
            } else {
                target.setField(field, rewrite(value as Message, transform))
            }
        }
        return builder?.build() ?: message
    }

    /**
     * Marker details the SDK writes for itself, which codecs never see (as in the other SDKs, so their histories
     * and ours read the same with a codec): the `data` of local activity markers and everything in patch markers.
     * `null` when [message] is no such marker.
     */
    private fun sdkMarkerKeys(message: Message): Set<String>? {
        val name = when (message) {
            is RecordMarkerCommandAttributes -> message.markerName
            is MarkerRecordedEventAttributes -> message.markerName
            else -> return null
        }
        return when (name) {
            "core_local_activity" -> setOf("data")
            "core_patch" -> setOf("patch-data", "patch_id", "deprecated")
            else -> null
        }
    }

    /** Whether a message of [type] can contain a payload that codecs apply to; cycles (failure causes) resolve to what the rest of the type holds. */
    private fun mayHoldPayloads(type: Descriptor): Boolean = holdsPayloads[type] ?: compute(type, HashSet()).also { holdsPayloads[type] = it }

    private fun compute(type: Descriptor, visiting: MutableSet<Descriptor>): Boolean {
        if (type == Payload.getDescriptor()) return true
        if (type == SearchAttributes.getDescriptor()) return false
        holdsPayloads[type]?.let { return it }
        if (!visiting.add(type)) return false
        return type.fields.any { it.javaType == FieldDescriptor.JavaType.MESSAGE && compute(it.messageType, visiting) }
    }
}
