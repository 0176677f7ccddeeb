package dev.temporalkt.failure

/**
 * Thrown by a client sending an update or waiting for its result when the server has no open workflow execution to
 * handle it, so the update was not handled and never will be: the run was already closed when the update was sent,
 * it closed while the update waited to be accepted (its workflow code returned without handling it), or the workflow
 * does not exist. Polling an update id that the workflow never received ends here as well. [cause] is the
 * [RpcException] (status `NOT_FOUND`) the server answered with; its message says which case the server saw (for
 * example "workflow execution already completed" or "workflow update was aborted by closing workflow").
 *
 * An update that the workflow accepted and that did not complete before the run closed is not this case: the
 * server completes it with a failure, which throws [WorkflowUpdateFailedException].
 *
 * ```kotlin
 * try {
 *     handle.executeUpdate<Int>("addItem", item)
 * } catch (e: WorkflowUpdateNotFoundException) {
 *     // the cart was checked out already: start a new one
 * }
 * ```
 */
public class WorkflowUpdateNotFoundException @JvmOverloads constructor(
    workflowId: String,
    runId: String?,
    /** The update name; empty when the caller did not know it (a handle got by update id). */
    public val updateName: String,
    /** The update id. */
    public val updateId: String,
    cause: Throwable?,
    workflowType: String? = null,
) : WorkflowException(
    describeUpdate(updateName) + " was not handled and will not be: the workflow execution is closed, does not " +
        "exist, or never received this update id" + (if (cause != null) " (server: ${cause.message})" else "") +
        "; send updates to a running execution (describe() tells its status): updateId='$updateId', " +
        describeExecution(workflowId, runId, workflowType),
    cause,
    workflowId,
    runId,
    workflowType,
)
