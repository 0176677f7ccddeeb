package dev.temporalkt.nexus

/**
 * A link carried by a Nexus request or response: a [url] naming something related to the operation, and the [type]
 * of what it names.
 *
 * A caller workflow's server links each start request to the caller's `NexusOperationScheduled` event, with type
 * `temporal.api.common.v1.Link.WorkflowEvent` and a URL of the form
 * `temporal:///namespaces/{namespace}/workflows/{workflowId}/{runId}/history?referenceType=EventReference&eventID={id}&eventType={type}`.
 *
 * ```kotlin
 * val caller = NexusOperationContext.current().inboundLinks.firstOrNull { it.type == NexusLink.WORKFLOW_EVENT_TYPE }
 * ```
 */
public data class NexusLink(
    /** The URL of the linked resource. */
    val url: String,
    /** The type of the linked resource, such as [WORKFLOW_EVENT_TYPE]. */
    val type: String,
) {
    /** Link type names. */
    public companion object {
        /** The type of links to an event of a workflow run's history. */
        public const val WORKFLOW_EVENT_TYPE: String = "temporal.api.common.v1.Link.WorkflowEvent"
    }
}
