package dev.temporalkt.worker.internal.replay

import com.google.protobuf.ByteString
import dev.temporalkt.api.command.v1.RecordMarkerCommandAttributes
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.HistoryEvent
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.intOrNull
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.json.put
import java.time.Instant
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds

/**
 * What a local activity marker records: the outcome of one local activity (or of its last attempt before a
 * durable-timer backoff).
 *
 * @property result the activity's result when it completed; `null` when it failed or returned nothing.
 * @property failure the failure when it failed, timed out or was cancelled (set on the marker event itself).
 * @property backoff set when the attempt failed and the next one waits on a workflow timer this long.
 */
internal data class LocalActivityMarker(
    val seq: Int,
    val attempt: Int,
    val activityId: String,
    val activityType: String,
    val completeTime: Instant?,
    val backoff: Duration?,
    val originalScheduleTime: Instant?,
    val result: Payload?,
    val failure: Failure?,
) {
    val isCancelled: Boolean get() = failure != null && LocalActivityFailures.isCancellation(failure)
}

/**
 * The local activity marker format of the SDKs built on the Rust core (Python, TypeScript, .NET), so their
 * histories replay here and ours there: marker name `core_local_activity`; details key `data` holding one
 * `json/plain` payload `{"seq":1,"attempt":1,"activity_id":"1","activity_type":"greet",
 * "complete_time":{"seconds":..,"nanos":..},"backoff":null|{"seconds":..,"nanos":..},
 * "original_schedule_time":{"seconds":..,"nanos":..}}` (every key always written, `null` when absent); details
 * key `result` holding the result payload when the activity completed; the marker's `failure` set when it did not.
 */
internal object LocalActivityMarkers {
    const val MARKER_NAME: String = "core_local_activity"
    const val DATA_KEY: String = "data"
    const val RESULT_KEY: String = "result"

    fun command(marker: LocalActivityMarker): RecordMarkerCommandAttributes {
        val data = buildJsonObject {
            put("seq", marker.seq)
            put("attempt", marker.attempt)
            put("activity_id", marker.activityId)
            put("activity_type", marker.activityType)
            put("complete_time", marker.completeTime?.let { seconds(it.epochSecond, it.nano) } ?: JsonNull)
            put("backoff", marker.backoff?.let { d -> d.toComponents { s, n -> seconds(s, n) } } ?: JsonNull)
            put("original_schedule_time", marker.originalScheduleTime?.let { seconds(it.epochSecond, it.nano) } ?: JsonNull)
        }
        val payload = Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(Json.encodeToString(JsonObject.serializer(), data)))
            .build()
        val b = RecordMarkerCommandAttributes.newBuilder().setMarkerName(MARKER_NAME)
            .putDetails(DATA_KEY, Payloads.newBuilder().addPayloads(payload).build())
        marker.result?.let { b.putDetails(RESULT_KEY, Payloads.newBuilder().addPayloads(it).build()) }
        marker.failure?.let { b.setFailure(it) }
        return b.build()
    }

    /** Whether [e] is a local activity marker (well-formed or not). */
    fun isMarker(e: HistoryEvent): Boolean =
        e.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && e.markerRecordedEventAttributes.markerName == MARKER_NAME

    /**
     * The marker recorded by [e], or `null` when [e] is no local activity marker.
     *
     * @throws IllegalArgumentException when [e] is a local activity marker whose data cannot be read.
     */
    fun decode(e: HistoryEvent): LocalActivityMarker? {
        if (!isMarker(e)) return null
        val attrs = e.markerRecordedEventAttributes
        val raw = attrs.detailsMap[DATA_KEY]?.payloadsList?.firstOrNull()
            ?: throw IllegalArgumentException("Local activity marker (event ${e.eventId}) has no '$DATA_KEY' details")
        val obj = try {
            Json.parseToJsonElement(raw.data.toStringUtf8()) as JsonObject
        } catch (ex: Exception) {
            throw IllegalArgumentException("Local activity marker (event ${e.eventId}) has unreadable data: ${ex.message}", ex)
        }
        val seq = obj["seq"]?.jsonPrimitive?.intOrNull
            ?: throw IllegalArgumentException("Local activity marker (event ${e.eventId}) has no 'seq' in its data")
        return LocalActivityMarker(
            seq = seq,
            attempt = (obj["attempt"] as? JsonPrimitive)?.intOrNull ?: 1,
            activityId = (obj["activity_id"] as? JsonPrimitive)?.contentOrNull ?: "",
            activityType = (obj["activity_type"] as? JsonPrimitive)?.contentOrNull ?: "",
            completeTime = readSeconds(obj["complete_time"])?.let { (s, n) -> Instant.ofEpochSecond(s, n.toLong()) },
            backoff = readSeconds(obj["backoff"])?.let { (s, n) -> s.seconds + n.nanoseconds },
            originalScheduleTime = readSeconds(obj["original_schedule_time"])?.let { (s, n) -> Instant.ofEpochSecond(s, n.toLong()) },
            result = attrs.detailsMap[RESULT_KEY]?.payloadsList?.firstOrNull(),
            failure = if (attrs.hasFailure()) attrs.failure else null,
        )
    }

    private fun seconds(s: Long, n: Int): JsonObject = buildJsonObject {
        put("seconds", s)
        put("nanos", n)
    }

    private fun readSeconds(element: JsonElement?): Pair<Long, Int>? {
        val obj = element as? JsonObject ?: return null
        val s = (obj["seconds"] as? JsonPrimitive)?.longOrNull ?: 0L
        val n = (obj["nanos"] as? JsonPrimitive)?.intOrNull ?: 0
        return s to n
    }
}
