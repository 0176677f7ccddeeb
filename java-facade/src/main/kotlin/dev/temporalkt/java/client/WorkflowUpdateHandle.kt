package dev.temporalkt.java.client

import dev.temporalkt.java.internal.Futures
import dev.temporalkt.java.internal.javaTypeOf
import java.lang.reflect.Type
import java.util.concurrent.CompletableFuture
import dev.temporalkt.client.WorkflowUpdateHandle as KotlinWorkflowUpdateHandle

/**
 * A handle to a workflow update, to wait for its outcome.
 *
 * ```java
 * WorkflowUpdateHandle<Integer> update = handle.startUpdate(OrderWorkflow::addItem, item, UpdateOptions.defaults()).join();
 * int count = update.getResult().join();   // waits for the handler to finish
 * ```
 */
public class WorkflowUpdateHandle<T> internal constructor(
    /** The handle of the Kotlin client this handle wraps. */
    internal val kotlin: KotlinWorkflowUpdateHandle<T>,
) {
    /** The update id. */
    public val updateId: String get() = kotlin.id

    /** The workflow id. */
    public val workflowId: String get() = kotlin.workflowId

    /** The workflow run, or `null` for the latest run. */
    public val workflowRunId: String? get() = kotlin.workflowRunId

    /** The type the result decodes to. */
    public val resultType: Type get() = javaTypeOf(kotlin.resultType)

    /**
     * Waits for the update to complete and completes with the handler's result. A failed handler or a rejection by
     * the validator completes the future with [dev.temporalkt.failure.WorkflowUpdateFailedException] whose cause is
     * the converted failure; server errors with [dev.temporalkt.failure.RpcException].
     */
    public fun getResult(): CompletableFuture<T> = Futures.run { kotlin.result() }

    override fun toString(): String = "WorkflowUpdateHandle(updateId=$updateId, workflowId=$workflowId, workflowRunId=$workflowRunId)"
}
