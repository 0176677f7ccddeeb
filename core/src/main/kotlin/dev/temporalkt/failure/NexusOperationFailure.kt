package dev.temporalkt.failure

/**
 * What a workflow sees when a Nexus operation it started failed, was cancelled or timed out; the [cause]
 * says why.
 */
public class NexusOperationFailure(
    message: String,
    /** The Nexus endpoint the operation was sent to. */
    public val endpoint: String,
    /** The Nexus service name. */
    public val service: String,
    /** The operation name. */
    public val operation: String,
    /** The token of an asynchronous operation; empty for synchronous operations and failed starts. */
    public val operationToken: String,
    /** Event id of the `NexusOperationScheduled` event in the workflow's history. */
    public val scheduledEventId: Long,
    cause: Throwable?,
) : TemporalFailure(message, cause)
