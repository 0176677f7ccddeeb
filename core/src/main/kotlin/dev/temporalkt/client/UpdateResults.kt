package dev.temporalkt.client

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.UpdateWorkflowExecutionLifecycleStage
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.api.update.v1.UpdateRef
import dev.temporalkt.api.update.v1.WaitPolicy
import dev.temporalkt.api.workflowservice.v1.PollWorkflowExecutionUpdateRequest
import dev.temporalkt.client.internal.PayloadEncoding
import dev.temporalkt.client.internal.isLongPollTimeout
import dev.temporalkt.client.internal.rpc
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.failure.WorkflowUpdateNotFoundException
import kotlin.reflect.KType

/** Polls for an update's outcome until the server has one, and turns it into a result or an exception. */
internal object UpdateResults {
    /** The handle's result: decoded from the outcome it holds, or waited for through the client's interceptors. */
    suspend fun await(client: Client, handle: WorkflowUpdateHandle<*>): Any? {
        handle.knownOutcome?.let { return decode(client, handle.workflowId, handle.workflowRunId, handle.id, handle.updateName, handle.resultType, it) }
        return client.outbound.pollWorkflowUpdate(
            PollWorkflowUpdateInput(handle.workflowId, handle.workflowRunId, handle.id, handle.updateName, handle.resultType),
        )
    }

    /** The last link's poll: asks the server until it answers with an outcome, then decodes it. */
    suspend fun poll(client: Client, input: PollWorkflowUpdateInput): Any? {
        val outcome = fetchOutcome(client, input)
        return decode(client, input.workflowId, input.runId, input.updateId, input.updateName, input.resultType, outcome)
    }

    /**
     * The error for an update call the server answered with NOT_FOUND (no open execution for the update: closed, closed
     * while the update waited, never started, or an update id it never received), or `null` for any other error.
     */
    fun notFound(e: RpcException, workflowId: String, runId: String?, updateName: String, updateId: String): WorkflowUpdateNotFoundException? =
        if (e.code == RpcStatusCode.NOT_FOUND) WorkflowUpdateNotFoundException(workflowId, runId, updateName, updateId, e) else null

    private suspend fun fetchOutcome(client: Client, input: PollWorkflowUpdateInput): Outcome {
        val request = PollWorkflowExecutionUpdateRequest.newBuilder()
            .setNamespace(client.namespace)
            .setIdentity(client.identity)
            .setUpdateRef(
                UpdateRef.newBuilder()
                    .setWorkflowExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(input.workflowId).setRunId(input.runId.orEmpty()),
                    )
                    .setUpdateId(input.updateId),
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
                throw notFound(e, input.workflowId, input.runId, input.updateName, input.updateId) ?: e
            }
            if (response.hasOutcome()) return response.outcome
        }
    }

    private suspend fun decode(
        client: Client,
        workflowId: String,
        runId: String?,
        updateId: String,
        updateName: String,
        resultType: KType,
        outcome: Outcome,
    ): Any? = when {
        outcome.hasFailure() -> throw WorkflowUpdateFailedException(
            workflowId,
            runId,
            updateName,
            updateId,
            client.dataConverter.decodeFailure(outcome.failure),
        )
        else -> PayloadEncoding.decodeResult(client.dataConverter, outcome.success, resultType)
    }
}
