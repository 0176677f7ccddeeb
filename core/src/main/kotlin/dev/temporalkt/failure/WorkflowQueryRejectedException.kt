package dev.temporalkt.failure

import dev.temporalkt.common.WorkflowExecutionStatus

/**
 * Thrown when a query was not run because the workflow's [status] did not satisfy the query's reject
 * condition (for example "reject if not open" on a completed workflow).
 */
public class WorkflowQueryRejectedException @JvmOverloads constructor(
    workflowId: String,
    runId: String?,
    /** The execution's status when the query was rejected. */
    public val status: WorkflowExecutionStatus,
    workflowType: String? = null,
) : WorkflowException(
    "Query rejected: workflow status is $status (" + describeExecution(workflowId, runId, workflowType) + ")",
    null,
    workflowId,
    runId,
    workflowType,
)
