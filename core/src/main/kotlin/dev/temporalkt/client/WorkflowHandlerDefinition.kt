package dev.temporalkt.client

/**
 * One query, signal or update handler of a workflow, as listed by [WorkflowMetadata] (a `WorkflowInteractionDefinition`
 * on the wire).
 *
 * @property name the name the handler answers to; `null` for the dynamic handler, which answers every name without a
 *   handler of its own.
 * @property description what the handler does, as the workflow declared it (`@Signal(description = ...)` and the like
 *   in Kotlin workflows); empty when it gave none.
 */
public data class WorkflowHandlerDefinition(
    val name: String?,
    val description: String = "",
) {
    /** Whether this is the dynamic handler ([name] is `null`). */
    public val isDynamic: Boolean get() = name == null
}
