package dev.temporalkt.failure

/**
 * Thrown by a client waiting for an update result when the update failed: its validator rejected it (nothing is
 * recorded in history), or its handler threw an [ApplicationFailure] after the update was accepted (the update is
 * recorded as completed with that failure). [cause] is the converted failure.
 *
 * An update whose workflow execution is closed, or closes before handling it, throws
 * [WorkflowUpdateNotFoundException] instead.
 */
public class WorkflowUpdateFailedException @JvmOverloads constructor(
    workflowId: String,
    runId: String?,
    /** The update name. */
    public val updateName: String,
    /** The update id. */
    public val updateId: String,
    cause: Throwable?,
    workflowType: String? = null,
) : WorkflowException(
    describeUpdate(updateName) + " failed: updateId='$updateId', " +
        describeExecution(workflowId, runId, workflowType),
    cause,
    workflowId,
    runId,
    workflowType,
)
