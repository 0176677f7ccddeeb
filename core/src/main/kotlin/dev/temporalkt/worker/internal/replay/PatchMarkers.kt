package dev.temporalkt.worker.internal.replay

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive

/**
 * The patch marker format shared with the SDKs built on the Rust core (Python, TypeScript, .NET), so
 * their histories replay here and ours there: marker name `core_patch`, details key `patch-data`
 * holding one `json/plain` payload `{"id":"<patch id>","deprecated":<bool>}`. Older histories wrote
 * the keys `patch_id` (UTF-8 bytes) and `deprecated` (one byte); those are read too.
 */
internal object PatchMarkers {
    const val MARKER_NAME: String = "core_patch"
    const val DETAILS_KEY: String = "patch-data"

    /** Search attribute the Rust-core SDKs upsert after a patch marker; its events are skipped on replay. */
    const val CHANGE_VERSION_SEARCH_ATTRIBUTE: String = "TemporalChangeVersion"

    fun details(patchId: String, deprecated: Boolean): Map<String, Payloads> {
        val json = "{\"id\":${Json.encodeToString(patchId)},\"deprecated\":$deprecated}"
        val payload = Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build()
        return mapOf(DETAILS_KEY to Payloads.newBuilder().addPayloads(payload).build())
    }

    /** Patch id and deprecated flag of a patch marker event, or `null` when [e] is no patch marker. */
    fun decode(e: HistoryEvent): Pair<String, Boolean>? {
        if (e.eventType != EventType.EVENT_TYPE_MARKER_RECORDED) return null
        val attrs = e.markerRecordedEventAttributes
        if (attrs.markerName != MARKER_NAME) return null
        val details = attrs.detailsMap
        details[DETAILS_KEY]?.payloadsList?.firstOrNull()?.let { p ->
            val obj = runCatching { Json.parseToJsonElement(p.data.toStringUtf8()) as JsonObject }.getOrNull()
                ?: return null
            val id = obj["id"]?.jsonPrimitive?.contentOrNull ?: return null
            return id to (obj["deprecated"]?.jsonPrimitive?.booleanOrNull ?: false)
        }
        val id = details["patch_id"]?.payloadsList?.firstOrNull()?.data?.toStringUtf8() ?: return null
        val deprecated = details["deprecated"]?.payloadsList?.firstOrNull()?.data?.let { !it.isEmpty && it.byteAt(0).toInt() != 0 } ?: false
        return id to deprecated
    }
}
