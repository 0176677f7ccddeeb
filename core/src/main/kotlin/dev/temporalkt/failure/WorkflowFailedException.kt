package dev.temporalkt.failure

/**
 * Thrown by a client waiting for a workflow result when the execution did not complete successfully:
 * its [cause] is the converted failure, for example an [ApplicationFailure] thrown by the workflow, a
 * [TimeoutFailure] for an execution timeout, a [CanceledFailure] or a [TerminatedFailure].
 *
 * ```kotlin
 * try {
 *     handle.result<Receipt>()
 * } catch (e: WorkflowFailedException) {
 *     val reason = (e.cause as? ApplicationFailure)?.type
 * }
 * ```
 */
public class WorkflowFailedException(
    workflowId: String,
    runId: String?,
    workflowType: String?,
    /** Why the server stopped retrying the workflow (for workflows with a retry policy). */
    public val retryState: RetryState,
    cause: Throwable?,
) : WorkflowException(
    "Workflow execution failed: " + describeExecution(workflowId, runId, workflowType) +
        (if (retryState != RetryState.UNSPECIFIED) ", retryState=$retryState" else ""),
    cause,
    workflowId,
    runId,
    workflowType,
)
