package dev.temporalkt.failure

/**
 * Base of the exceptions a client raises about one workflow execution: it failed, was already started,
 * rejected a query, or failed an update. Carries the execution's identity.
 */
public abstract class WorkflowException internal constructor(
    message: String,
    cause: Throwable?,
    /** The workflow id. */
    public val workflowId: String,
    /** The run id, or `null` when the exception is about no particular run. */
    public val runId: String?,
    /** The workflow type name, or `null` when the client does not know it. */
    public val workflowType: String?,
) : TemporalException(message, cause)

internal fun describeExecution(workflowId: String, runId: String?, workflowType: String?): String = buildString {
    append("workflowId='").append(workflowId).append('\'')
    if (!runId.isNullOrEmpty()) append(", runId='").append(runId).append('\'')
    if (!workflowType.isNullOrEmpty()) append(", workflowType='").append(workflowType).append('\'')
}

/** "Workflow update 'name'", or "Workflow update" when the name is not known (a handle got by update id). */
internal fun describeUpdate(updateName: String): String =
    if (updateName.isEmpty()) "Workflow update" else "Workflow update '$updateName'"
