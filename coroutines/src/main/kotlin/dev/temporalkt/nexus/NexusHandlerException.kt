package dev.temporalkt.nexus

/**
 * Thrown by a [NexusOperation] function to answer with a Nexus handler error: the request itself could not be
 * handled. The caller's server retries it when [isRetryable], up to the operation's schedule-to-close timeout, and
 * otherwise fails the operation with a [dev.temporalkt.failure.NexusHandlerFailure] cause carrying [type] and
 * [message].
 *
 * ```kotlin
 * throw NexusHandlerException(NexusHandlerErrorType.BAD_REQUEST, "order id '$id' is not a number")
 * ```
 *
 * Any other exception escaping an operation is reported as an [NexusHandlerErrorType.INTERNAL] error; an
 * [dev.temporalkt.failure.ApplicationFailure] keeps its type, message and details as the cause and is retryable
 * unless it is non-retryable.
 */
public class NexusHandlerException @JvmOverloads constructor(
    /** The error type. */
    public val type: NexusHandlerErrorType,
    message: String,
    /** `true`/`false` to override the retry behaviour of [type]; `null` for the type's default. */
    public val retryable: Boolean? = null,
    cause: Throwable? = null,
) : RuntimeException(message, cause) {
    /** Whether the caller's server retries the request. */
    public val isRetryable: Boolean get() = retryable ?: type.retryableByDefault
}
