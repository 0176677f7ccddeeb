package dev.temporalkt.client.internal

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.UpdateWorkflowExecutionLifecycleStage
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.api.update.v1.UpdateRef
import dev.temporalkt.api.update.v1.WaitPolicy
import dev.temporalkt.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowUpdateHandle
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.WorkflowUpdateFailedException

/** Polls for an update's outcome until the server has one, and turns it into a result or an exception. */
internal object UpdateResults {
    suspend fun await(client: Client, handle: WorkflowUpdateHandle<*>): Any? {
        val outcome = handle.knownOutcome ?: poll(client, handle).also { handle.knownOutcome = it }
        return decode(client, handle, outcome)
    }

    private suspend fun poll(client: Client, handle: WorkflowUpdateHandle<*>): Outcome {
        val request = PollWorkflowExecutionUpdateRequest.newBuilder()
            .setNamespace(client.namespace)
            .setIdentity(client.identity)
            .setUpdateRef(
                UpdateRef.newBuilder()
                    .setWorkflowExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(handle.workflowId).setRunId(handle.workflowRunId.orEmpty()),
                    )
                    .setUpdateId(handle.id),
            )
            .setWaitPolicy(
                WaitPolicy.newBuilder()
                    .setLifecycleStage(UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED),
            )
            .build()
        while (true) {
            // The server ends a long poll without an outcome when its own timeout passes: ask again.
            val response = try {
                rpc { client.connection.workflowService.pollWorkflowExecutionUpdate(request) }
            } catch (e: RpcException) {
                if (isLongPollTimeout(e)) continue
                throw e
            }
            if (response.hasOutcome()) return response.outcome
        }
    }

    suspend fun decode(client: Client, handle: WorkflowUpdateHandle<*>, outcome: Outcome): Any? = when {
        outcome.hasFailure() -> throw WorkflowUpdateFailedException(
            handle.workflowId,
            handle.workflowRunId,
            handle.updateName,
            handle.id,
            client.dataConverter.decodeFailure(outcome.failure),
        )
        else -> PayloadEncoding.decodeResult(client.dataConverter, outcome.success, handle.resultType)
    }
}
