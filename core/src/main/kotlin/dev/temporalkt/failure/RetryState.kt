package dev.temporalkt.failure

import dev.temporalkt.api.enums.v1.RetryState as RetryStateProto

/**
 * Why the server stopped (or has not yet stopped) retrying an activity or a child workflow.
 *
 * Mirrors the `temporal.api.enums.v1.RetryState` enum. Values the server sends that this version does not
 * know are read as [UNSPECIFIED].
 */
public enum class RetryState {
    /** No retry state was reported. */
    UNSPECIFIED,

    /** The execution is still being retried. */
    IN_PROGRESS,

    /** The last failure was non-retryable (marked so, or its type is listed as non-retryable). */
    NON_RETRYABLE_FAILURE,

    /** A schedule-to-close or execution timeout stopped the retries. */
    TIMEOUT,

    /** The retry policy's maximum number of attempts was reached. */
    MAXIMUM_ATTEMPTS_REACHED,

    /** The execution had no retry policy. */
    RETRY_POLICY_NOT_SET,

    /** The server hit an internal error while retrying. */
    INTERNAL_SERVER_ERROR,

    /** Cancellation was requested, so no further attempt is made. */
    CANCEL_REQUESTED,
    ;

    /** The protobuf value of this state. */
    public fun toProto(): RetryStateProto = when (this) {
        UNSPECIFIED -> RetryStateProto.RETRY_STATE_UNSPECIFIED
        IN_PROGRESS -> RetryStateProto.RETRY_STATE_IN_PROGRESS
        NON_RETRYABLE_FAILURE -> RetryStateProto.RETRY_STATE_NON_RETRYABLE_FAILURE
        TIMEOUT -> RetryStateProto.RETRY_STATE_TIMEOUT
        MAXIMUM_ATTEMPTS_REACHED -> RetryStateProto.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        RETRY_POLICY_NOT_SET -> RetryStateProto.RETRY_STATE_RETRY_POLICY_NOT_SET
        INTERNAL_SERVER_ERROR -> RetryStateProto.RETRY_STATE_INTERNAL_SERVER_ERROR
        CANCEL_REQUESTED -> RetryStateProto.RETRY_STATE_CANCEL_REQUESTED
    }

    /** Conversion from the protobuf enum. */
    public companion object {
        /** The state for a protobuf value; unknown values become [UNSPECIFIED]. */
        @JvmStatic
        public fun fromProto(proto: RetryStateProto): RetryState = when (proto) {
            RetryStateProto.RETRY_STATE_IN_PROGRESS -> IN_PROGRESS
            RetryStateProto.RETRY_STATE_NON_RETRYABLE_FAILURE -> NON_RETRYABLE_FAILURE
            RetryStateProto.RETRY_STATE_TIMEOUT -> TIMEOUT
            RetryStateProto.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED -> MAXIMUM_ATTEMPTS_REACHED
            RetryStateProto.RETRY_STATE_RETRY_POLICY_NOT_SET -> RETRY_POLICY_NOT_SET
            RetryStateProto.RETRY_STATE_INTERNAL_SERVER_ERROR -> INTERNAL_SERVER_ERROR
            RetryStateProto.RETRY_STATE_CANCEL_REQUESTED -> CANCEL_REQUESTED
            RetryStateProto.RETRY_STATE_UNSPECIFIED, RetryStateProto.UNRECOGNIZED -> UNSPECIFIED
        }
    }
}
