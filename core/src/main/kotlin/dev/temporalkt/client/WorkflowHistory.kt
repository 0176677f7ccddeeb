package dev.temporalkt.client

import com.google.protobuf.InvalidProtocolBufferException
import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent

/**
 * The full history of one workflow run, e.g. for replay tests or debugging.
 *
 * [toJson] writes the JSON that the Temporal CLI (`temporal workflow show --output json`) and the Web UI's
 * "download" button produce (the proto3 JSON mapping of `temporal.api.history.v1.History`); [fromJson] reads it.
 *
 * ```kotlin
 * val history = handle.fetchHistory()
 * File("order-42.json").writeText(history.toJson())
 * ```
 */
public class WorkflowHistory(
    /** The workflow id. */
    public val workflowId: String,
    /** The history proto. */
    public val history: History,
) {
    /** The events in order. */
    public val events: List<HistoryEvent> get() = history.eventsList

    /** The history as proto3 JSON (pretty printed unless [compact]). */
    public fun toJson(compact: Boolean = false): String {
        val printer = JsonFormat.printer()
        return (if (compact) printer.omittingInsignificantWhitespace() else printer).print(history)
    }

    override fun toString(): String = "WorkflowHistory(workflowId=$workflowId, ${history.eventsCount} events)"

    public companion object {
        /**
         * Reads a history exported by [toJson], the Temporal CLI or the Web UI. Unknown fields (from newer servers)
         * are ignored.
         */
        @JvmStatic
        public fun fromJson(workflowId: String, json: String): WorkflowHistory {
            val builder = History.newBuilder()
            try {
                JsonFormat.parser().ignoringUnknownFields().merge(json, builder)
            } catch (e: InvalidProtocolBufferException) {
                throw IllegalArgumentException(
                    "Not a workflow history in Temporal JSON format (expected {\"events\": [...]}): ${e.message}",
                    e,
                )
            }
            return WorkflowHistory(workflowId, builder.build())
        }
    }
}
