package dev.temporalkt.failure

/**
 * What a parent workflow sees when a child workflow failed, timed out, was cancelled or was terminated;
 * the [cause] says which.
 */
public class ChildWorkflowFailure(
    message: String,
    /** Namespace of the child. */
    public val namespace: String,
    /** Workflow id of the child. */
    public val workflowId: String,
    /** Run id of the child's last run; empty when it never started. */
    public val runId: String,
    /** Workflow type name of the child. */
    public val workflowType: String,
    /** Event id of the `StartChildWorkflowExecutionInitiated` event in the parent's history. */
    public val initiatedEventId: Long,
    /** Event id of the `ChildWorkflowExecutionStarted` event, or 0 when the child never started. */
    public val startedEventId: Long,
    /** Why the child's retries stopped. */
    public val retryState: RetryState,
    cause: Throwable?,
) : TemporalFailure(message, cause)
