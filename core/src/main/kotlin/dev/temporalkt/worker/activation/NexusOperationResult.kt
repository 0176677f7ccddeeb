package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.failure.v1.Failure

/** How a Nexus operation ended, carried by [ActivationJob.ResolveNexusOperation]. */
@InternalTemporalApi
public sealed interface NexusOperationResult {
    /** The operation completed; [result] is `null` when it returned nothing. */
    public data class Completed(public val result: Payload?) : NexusOperationResult

    /** The operation failed; [failure] is a Nexus operation failure with the cause. */
    public data class Failed(public val failure: Failure) : NexusOperationResult

    /** The operation was cancelled; [failure] is a Nexus operation failure with a cancelled cause. */
    public data class Cancelled(public val failure: Failure) : NexusOperationResult

    /** The schedule-to-close timeout expired; [failure] is a Nexus operation failure with a timeout cause. */
    public data class TimedOut(public val failure: Failure) : NexusOperationResult
}
