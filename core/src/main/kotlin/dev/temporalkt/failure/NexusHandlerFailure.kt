package dev.temporalkt.failure

/**
 * An error returned by a Nexus operation handler, as seen by the caller (usually as the cause of a
 * [NexusOperationFailure]).
 */
public class NexusHandlerFailure @JvmOverloads constructor(
    message: String,
    /** The Nexus handler error type, for example `BAD_REQUEST` or `INTERNAL`. */
    public val type: String,
    /** Whether the handler asked for the operation to be retried or not. */
    public val retryBehavior: NexusHandlerRetryBehavior = NexusHandlerRetryBehavior.UNSPECIFIED,
    cause: Throwable? = null,
) : TemporalFailure(message, cause)
