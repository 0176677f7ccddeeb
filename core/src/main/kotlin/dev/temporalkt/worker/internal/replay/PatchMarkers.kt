package dev.temporalkt.worker.internal.replay

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonPrimitive

/**
 * The patch marker format shared with the SDKs built on the Rust core (Python, TypeScript, .NET), so
 * their histories replay here and ours there: marker name `core_patch`, details key `patch-data`
 * holding one `json/plain` payload `{"id":"<patch id>","deprecated":<bool>}`. Older histories wrote
 * the keys `patch_id` (UTF-8 bytes) and `deprecated` (one byte); those are read too.
 *
 * ## The `TemporalChangeVersion` search attribute
 *
 * When the worker asks for it ([EngineOptions.upsertPatchSearchAttribute]; off by default, as in the Python SDK, and
 * opt-in in the Java SDK, because the attribute grows with every patch and counts against the namespace's search
 * attribute size limits), a patch marker written during new work is followed by an upsert of the
 * `TemporalChangeVersion` search attribute ([changeVersionUpsert]), so that visibility queries find the runs that took
 * a patch (`TemporalChangeVersion = 'my-patch'`). The value is the keyword list of
 * every patch id the run has met so far, sorted, encoded as `json/plain` with `type` `KeywordList`; an upsert whose
 * value would reach [MAX_CHANGE_VERSION_BYTES] is left out (the marker is written anyway).
 *
 * Replay never produces this upsert: it is written only when the patch is first taken, and a history event
 * upserting nothing but this attribute is skipped on replay when the workflow produced no such command (see
 * `WorkflowRunEngine` (c)). Histories with and without the upsert (older versions of this SDK, other SDKs, servers
 * without the attribute) therefore replay alike, and no logic flag is needed.
 */
internal object PatchMarkers {
    const val MARKER_NAME: String = "core_patch"
    const val DETAILS_KEY: String = "patch-data"

    /** Search attribute upserted after a patch marker during new work; its events are skipped on replay. */
    const val CHANGE_VERSION_SEARCH_ATTRIBUTE: String = "TemporalChangeVersion"

    /** Size from which the encoded `TemporalChangeVersion` value is too large to upsert (the Rust core's limit). */
    const val MAX_CHANGE_VERSION_BYTES: Int = 2048

    /**
     * The search attributes to upsert after a patch marker: `TemporalChangeVersion` = the sorted [patchIds], or
     * `null` when the encoded value would reach [MAX_CHANGE_VERSION_BYTES].
     */
    fun changeVersionUpsert(patchIds: Collection<String>): SearchAttributes? {
        val value = JsonArray(patchIds.toSortedSet().map { JsonPrimitive(it) })
        val data = ByteString.copyFromUtf8(Json.encodeToString(JsonArray.serializer(), value))
        if (data.size() >= MAX_CHANGE_VERSION_BYTES) return null
        val payload = Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .putMetadata("type", ByteString.copyFromUtf8("KeywordList"))
            .setData(data)
            .build()
        return SearchAttributes.newBuilder().putIndexedFields(CHANGE_VERSION_SEARCH_ATTRIBUTE, payload).build()
    }

    /** Whether [attributes] upsert `TemporalChangeVersion` and nothing else. */
    fun isChangeVersionOnly(attributes: SearchAttributes): Boolean =
        attributes.indexedFieldsMap.keys == setOf(CHANGE_VERSION_SEARCH_ATTRIBUTE)

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
