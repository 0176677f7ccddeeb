package dev.temporalkt.nexus

/**
 * The handler error types of the Nexus protocol. Each has a default retry behaviour: the caller's server retries
 * retryable errors until the operation's schedule-to-close timeout, and fails the operation at once on the others.
 *
 * @property retryableByDefault whether the error is retried when [NexusHandlerException.retryable] is not given.
 */
public enum class NexusHandlerErrorType(public val retryableByDefault: Boolean) {
    /** The request was malformed or its input invalid. */
    BAD_REQUEST(false),

    /** The caller could not be authenticated. */
    UNAUTHENTICATED(false),

    /** The caller may not call this operation. */
    UNAUTHORIZED(false),

    /** The service or operation does not exist. */
    NOT_FOUND(false),

    /** The handler is out of some resource (rate limit, quota); try again later. */
    RESOURCE_EXHAUSTED(true),

    /** An unexpected error in the handler. */
    INTERNAL(true),

    /** The operation is not implemented for this request (for example, it cannot be cancelled). */
    NOT_IMPLEMENTED(false),

    /** The handler is temporarily unavailable. */
    UNAVAILABLE(true),

    /** The handler did not answer in time. */
    UPSTREAM_TIMEOUT(true),
}
