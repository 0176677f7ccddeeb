package dev.temporalkt.client

import dev.temporalkt.api.sdk.v1.WorkflowInteractionDefinition
import dev.temporalkt.client.WorkflowHandlerDefinition
import dev.temporalkt.client.WorkflowMetadata
import dev.temporalkt.api.sdk.v1.WorkflowMetadata as WorkflowMetadataProto

/** The built-in metadata query and the conversion of its `temporal.api.sdk.v1.WorkflowMetadata` answer. */
internal object WorkflowMetadataProtos {
    /** The query every Temporal SDK's workflows answer with their [WorkflowMetadataProto]. */
    const val QUERY_TYPE: String = "__temporal_workflow_metadata"

    fun fromProto(proto: WorkflowMetadataProto): WorkflowMetadata {
        val definition = proto.definition
        return WorkflowMetadata(
            workflowType = definition.type,
            queryDefinitions = definition.queryDefinitionsList.map(::handler),
            signalDefinitions = definition.signalDefinitionsList.map(::handler),
            updateDefinitions = definition.updateDefinitionsList.map(::handler),
            currentDetails = proto.currentDetails,
        )
    }

    // An empty name is the dynamic handler.
    private fun handler(proto: WorkflowInteractionDefinition) = WorkflowHandlerDefinition(proto.name.ifEmpty { null }, proto.description)
}
