package dev.temporalkt.client

/**
 * What a running workflow says about itself, answered by the built-in `__temporal_workflow_metadata` query that the
 * Temporal UI reads: its type, the query, signal and update handlers registered at the moment of the query (declared
 * with annotations or set at run time) with their descriptions, and its current details. Read it with
 * [WorkflowHandle.queryMetadata].
 *
 * ```kotlin
 * val metadata = handle.queryMetadata()
 * println("${metadata.workflowType}: ${metadata.currentDetails}")
 * metadata.updateDefinitions.forEach { println("update ${it.name ?: "(dynamic)"}: ${it.description}") }
 * ```
 *
 * @property workflowType the workflow type name.
 * @property queryDefinitions the query handlers.
 * @property signalDefinitions the signal handlers.
 * @property updateDefinitions the update handlers.
 * @property currentDetails what the workflow says it is doing now (`Workflow.setCurrentDetails` in Kotlin workflows),
 *   often Markdown; empty when it never said.
 */
public data class WorkflowMetadata(
    val workflowType: String,
    val queryDefinitions: List<WorkflowHandlerDefinition>,
    val signalDefinitions: List<WorkflowHandlerDefinition>,
    val updateDefinitions: List<WorkflowHandlerDefinition>,
    val currentDetails: String,
)
