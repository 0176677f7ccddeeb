package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.failure.v1.Failure

/** How a started child workflow ended, carried by [ActivationJob.ResolveChildWorkflowExecution]. */
@InternalTemporalApi
public sealed interface ChildWorkflowResult {
    /** The child completed; [result] is `null` when it returned nothing. */
    public data class Completed(public val result: Payload?) : ChildWorkflowResult

    /** The child failed, timed out or was terminated; [failure] is a child workflow failure with the cause. */
    public data class Failed(public val failure: Failure) : ChildWorkflowResult

    /** The child was cancelled; [failure] is a child workflow failure with a cancelled cause. */
    public data class Cancelled(public val failure: Failure) : ChildWorkflowResult
}
