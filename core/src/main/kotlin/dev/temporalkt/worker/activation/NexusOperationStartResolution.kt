package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.failure.v1.Failure

/** Whether a Nexus operation started, carried by [ActivationJob.ResolveNexusOperationStart]. */
@InternalTemporalApi
public sealed interface NexusOperationStartResolution {
    /**
     * The operation started asynchronously; [operationToken] identifies it to the handler. The result
     * follows in a later [ActivationJob.ResolveNexusOperation].
     */
    public data class StartedAsync(public val operationToken: String) : NexusOperationStartResolution

    /**
     * The operation completed synchronously while starting; an [ActivationJob.ResolveNexusOperation]
     * with the result is in the same activation.
     */
    public data object StartedSync : NexusOperationStartResolution

    /**
     * The operation was cancelled before it was sent to the server; an
     * [ActivationJob.ResolveNexusOperation] is still in the same activation.
     */
    public data class CancelledBeforeStart(public val failure: Failure) : NexusOperationStartResolution
}
