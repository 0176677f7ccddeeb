package dev.temporalkt.client

import dev.temporalkt.failure.TemporalException

/**
 * Thrown by [WorkflowHandle.result] with `followRuns = false` when the run continued as new: the result belongs
 * to the run [newExecutionRunId].
 */
public class WorkflowContinuedAsNewException(
    /** The workflow id. */
    public val workflowId: String,
    /** The run that continued as new. */
    public val runId: String,
    /** The run that continues the workflow. */
    public val newExecutionRunId: String,
) : TemporalException(
    "Workflow run continued as new: workflowId='$workflowId', runId='$runId', newExecutionRunId='$newExecutionRunId'; " +
        "follow runs to get the final result",
    null,
)
