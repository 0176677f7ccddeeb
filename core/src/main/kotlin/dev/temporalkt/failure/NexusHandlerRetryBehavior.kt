package dev.temporalkt.failure

import dev.temporalkt.api.enums.v1.NexusHandlerErrorRetryBehavior as RetryBehaviorProto

/**
 * Whether the caller of a Nexus operation may retry after a handler error. Mirrors
 * `temporal.api.enums.v1.NexusHandlerErrorRetryBehavior`; unknown values are read as [UNSPECIFIED].
 */
public enum class NexusHandlerRetryBehavior {
    /** Retry behaviour follows the error type's default. */
    UNSPECIFIED,

    /** The error is retryable whatever its type. */
    RETRYABLE,

    /** The error is not retryable whatever its type. */
    NON_RETRYABLE,
    ;

    /** The protobuf value of this behaviour. */
    public fun toProto(): RetryBehaviorProto = when (this) {
        UNSPECIFIED -> RetryBehaviorProto.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_UNSPECIFIED
        RETRYABLE -> RetryBehaviorProto.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE
        NON_RETRYABLE -> RetryBehaviorProto.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE
    }

    /** Conversion from the protobuf enum. */
    public companion object {
        /** The behaviour for a protobuf value; unknown values become [UNSPECIFIED]. */
        @JvmStatic
        public fun fromProto(proto: RetryBehaviorProto): NexusHandlerRetryBehavior = when (proto) {
            RetryBehaviorProto.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE -> RETRYABLE
            RetryBehaviorProto.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE -> NON_RETRYABLE
            RetryBehaviorProto.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_UNSPECIFIED,
            RetryBehaviorProto.UNRECOGNIZED,
            -> UNSPECIFIED
        }
    }
}
