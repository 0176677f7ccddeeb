package dev.temporalkt.failure

/**
 * Thrown when starting a workflow whose id is already used by a running execution (or by a closed one
 * that the id reuse policy forbids reusing). [runId] is the run that holds the id, when the server
 * reported it.
 */
public class WorkflowAlreadyStartedException @JvmOverloads constructor(
    workflowId: String,
    workflowType: String?,
    runId: String?,
    cause: Throwable? = null,
) : WorkflowException(
    "Workflow execution already started: " + describeExecution(workflowId, runId, workflowType),
    cause,
    workflowId,
    runId,
    workflowType,
)
