package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.enums.v1.StartChildWorkflowExecutionFailedCause
import dev.temporalkt.api.failure.v1.Failure

/** Whether a child workflow started, carried by [ActivationJob.ResolveChildWorkflowExecutionStart]. */
@InternalTemporalApi
public sealed interface ChildWorkflowStartResolution {
    /** The child started as run [runId]; its result follows in a later [ActivationJob.ResolveChildWorkflowExecution]. */
    public data class Succeeded(public val runId: String) : ChildWorkflowStartResolution

    /**
     * The server refused to start the child, for example because [workflowId] is already running.
     * [workflowId] and [workflowType] repeat the command's values so the error can name them.
     */
    public data class Failed(
        public val workflowId: String,
        public val workflowType: String,
        public val cause: StartChildWorkflowExecutionFailedCause,
    ) : ChildWorkflowStartResolution

    /** The child was cancelled before it started; [failure] is a child workflow failure with a cancelled cause. */
    public data class Cancelled(public val failure: Failure) : ChildWorkflowStartResolution
}
