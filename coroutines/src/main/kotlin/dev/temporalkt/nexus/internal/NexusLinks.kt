package dev.temporalkt.nexus.internal

import dev.temporalkt.api.common.v1.Link
import dev.temporalkt.api.enums.v1.EventType
import java.net.URI
import java.net.URLDecoder
import java.net.URLEncoder
import java.nio.charset.StandardCharsets

/**
 * Converts between Nexus links (a URL and a type) and Temporal workflow-event links. A workflow-event link's URL is
 * `temporal:///namespaces/{ns}/workflows/{workflowId}/{runId}/history?referenceType=EventReference&eventID={id}&eventType={type}`.
 */
internal object NexusLinks {
    const val WORKFLOW_EVENT_TYPE = dev.temporalkt.nexus.NexusLink.WORKFLOW_EVENT_TYPE

    /** The workflow-event link in [link], or `null` when it is of another type or unreadable. */
    fun toTemporal(link: dev.temporalkt.api.nexus.v1.Link): Link? {
        if (link.type != WORKFLOW_EVENT_TYPE) return null
        val uri = try {
            URI(link.url)
        } catch (_: Exception) {
            return null
        }
        if (uri.scheme != "temporal") return null
        val parts = (uri.rawPath ?: return null).trim('/').split('/').map { decode(it) }
        if (parts.size != 6 || parts[0] != "namespaces" || parts[2] != "workflows" || parts[5] != "history") return null
        val query = (uri.rawQuery ?: "").split('&').filter { it.contains('=') }
            .associate { decode(it.substringBefore('=')) to decode(it.substringAfter('=')) }
        val event = Link.WorkflowEvent.newBuilder().setNamespace(parts[1]).setWorkflowId(parts[3]).setRunId(parts[4])
        if (query["referenceType"] == "EventReference") {
            val ref = Link.WorkflowEvent.EventReference.newBuilder()
            query["eventID"]?.toLongOrNull()?.let { ref.setEventId(it) }
            query["eventType"]?.let { eventType(it) }?.let { ref.setEventType(it) }
            event.setEventRef(ref)
        }
        return Link.newBuilder().setWorkflowEvent(event).build()
    }

    /** A Nexus link to event [eventId] of type [eventType] in the given workflow run. */
    fun toNexus(namespace: String, workflowId: String, runId: String, eventId: Long, eventType: EventType): dev.temporalkt.api.nexus.v1.Link {
        val typeName = eventType.name.removePrefix("EVENT_TYPE_").split('_')
            .joinToString("") { p -> p.lowercase().replaceFirstChar { it.uppercase() } }
        val url = "temporal:///namespaces/${encode(namespace)}/workflows/${encode(workflowId)}/${encode(runId)}/history" +
            "?referenceType=EventReference&eventID=$eventId&eventType=$typeName"
        return dev.temporalkt.api.nexus.v1.Link.newBuilder().setUrl(url).setType(WORKFLOW_EVENT_TYPE).build()
    }

    private fun eventType(name: String): EventType? {
        runCatching { EventType.valueOf(name) }.getOrNull()?.let { return it }
        val snake = name.replace(Regex("([a-z0-9])([A-Z])"), "$1_$2").uppercase()
        return runCatching { EventType.valueOf("EVENT_TYPE_$snake") }.getOrNull()
    }

    private fun decode(s: String): String = URLDecoder.decode(s, StandardCharsets.UTF_8)

    private fun encode(s: String): String = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20")
}
