@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.api.common.v1.Callback
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.WorkflowIdConflictPolicy as IdConflictProto
import dev.temporalkt.api.enums.v1.WorkflowIdReusePolicy as IdReuseProto
import dev.temporalkt.api.nexus.v1.StartOperationRequest
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import dev.temporalkt.client.WorkflowIdConflictPolicy
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.nexus.WorkflowRunOperation
import kotlin.time.Duration

/**
 * Builds the StartWorkflowExecution request of a [WorkflowRunOperation]: the workflow and its options, attached to
 * the Nexus start request [start] (its request id, its links and its completion callback).
 */
internal object WorkflowRunStartRequest {
    suspend fun of(
        namespace: String,
        identity: String,
        defaultTaskQueue: String,
        dataConverter: DataConverter,
        start: StartOperationRequest,
        run: WorkflowRunOperation<*>,
    ): StartWorkflowExecutionRequest {
        val o = run.options
        val b = StartWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setWorkflowId(o.workflowId)
            .setWorkflowType(WorkflowType.newBuilder().setName(run.workflowType))
            .setTaskQueue(TaskQueue.newBuilder().setName(o.taskQueue ?: defaultTaskQueue))
            .setInput(dataConverter.encode(run.args, run.argTypes))
            .setIdentity(identity)
            .setRequestId(start.requestId.ifEmpty { java.util.UUID.randomUUID().toString() })
            .setWorkflowIdReusePolicy(IdReuseProto.valueOf("WORKFLOW_ID_REUSE_POLICY_${o.idReusePolicy.name}"))
            .addAllLinks(start.linksList.mapNotNull { NexusLinks.toTemporal(it) })
        if (start.callback.isNotEmpty()) {
            b.addCompletionCallbacks(
                Callback.newBuilder().setNexus(Callback.Nexus.newBuilder().setUrl(start.callback).putAllHeader(start.callbackHeaderMap)),
            )
        }
        o.executionTimeout?.let { b.setWorkflowExecutionTimeout(protoDuration(it)) }
        o.runTimeout?.let { b.setWorkflowRunTimeout(protoDuration(it)) }
        o.taskTimeout?.let { b.setWorkflowTaskTimeout(protoDuration(it)) }
        if (o.idConflictPolicy != WorkflowIdConflictPolicy.UNSPECIFIED) {
            b.setWorkflowIdConflictPolicy(IdConflictProto.valueOf("WORKFLOW_ID_CONFLICT_POLICY_${o.idConflictPolicy.name}"))
        }
        o.retryPolicy?.let { b.setRetryPolicy(it.toProto()) }
        if (o.memo.isNotEmpty()) b.setMemo(memo(dataConverter, o.memo))
        if (!o.searchAttributes.isEmpty()) b.setSearchAttributes(o.searchAttributes.toProto())
        if (o.staticSummary != null || o.staticDetails != null) {
            val metadata = UserMetadata.newBuilder()
            o.staticSummary?.let { metadata.setSummary(dataConverter.encodeValue(it, PlainKType.STRING)) }
            o.staticDetails?.let { metadata.setDetails(dataConverter.encodeValue(it, PlainKType.STRING)) }
            b.setUserMetadata(metadata)
        }
        return b.build()
    }

    private suspend fun memo(dataConverter: DataConverter, values: Map<String, Any?>): Memo {
        val memo = Memo.newBuilder()
        for ((key, value) in values) {
            val payload = if (value is Payload) value else dataConverter.encodeValue(value, value?.let { PlainKType.starProjected(it.javaClass) } ?: PlainKType.ANY)
            memo.putFields(key, payload)
        }
        return memo.build()
    }

    private fun protoDuration(d: Duration): com.google.protobuf.Duration = d.toComponents { seconds, nanos ->
        com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build()
    }
}
