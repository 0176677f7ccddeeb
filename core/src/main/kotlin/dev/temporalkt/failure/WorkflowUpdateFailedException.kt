package dev.temporalkt.failure

/**
 * Thrown by a client waiting for an update result when the update failed: its validator rejected it or
 * its handler threw an [ApplicationFailure]. [cause] is the converted failure.
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
    "Workflow update '$updateName' failed: updateId='$updateId', " +
        describeExecution(workflowId, runId, workflowType),
    cause,
    workflowId,
    runId,
    workflowType,
)
