package dev.temporalkt.client

import dev.temporalkt.api.update.v1.Outcome
import kotlin.reflect.KType

/**
 * A handle to a workflow update, to wait for its outcome.
 *
 * ```kotlin
 * val update = handle.startUpdate<Int>("addItem", "apple")   // returns once accepted
 * println(update.result())                                  // waits for the handler to finish
 * ```
 */
public class WorkflowUpdateHandle<T> internal constructor(
    private val client: Client,
    /** The workflow id. */
    public val workflowId: String,
    /** The workflow run, or `null` for the latest run. */
    public val workflowRunId: String?,
    /** The update id. */
    public val id: String,
    /** The type [result] decodes to. */
    public val resultType: KType,
    internal val updateName: String,
    @Volatile internal var knownOutcome: Outcome?,
) {
    /**
     * Waits for the update to complete (polling the server through the client's interceptors, see
     * [ClientOutboundInterceptor.pollWorkflowUpdate], and surviving its long-poll timeouts) and returns the
     * handler's result. A failed handler or a rejection by the validator throws
     * [dev.temporalkt.failure.WorkflowUpdateFailedException] whose cause is the converted failure (so does an accepted
     * update whose run closed before the handler finished: the server fails it); a workflow execution that is closed
     * or does not exist, or an update id it never received, throws
     * [dev.temporalkt.failure.WorkflowUpdateNotFoundException]; other server errors throw
     * [dev.temporalkt.failure.RpcException].
     */
    @Suppress("UNCHECKED_CAST")
    public suspend fun result(): T = UpdateResults.await(client, this) as T

    override fun toString(): String = "WorkflowUpdateHandle(id=$id, workflowId=$workflowId, workflowRunId=$workflowRunId)"
}
