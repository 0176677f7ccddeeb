package dev.temporalkt.failure

import io.grpc.Status

/** The gRPC status code of a failed call to the server, with its numeric [value]. */
public enum class RpcStatusCode(
    /** The numeric gRPC code. */
    public val value: Int,
) {
    /** Not an error. */
    OK(0),

    /** The call was cancelled, usually by the caller. */
    CANCELLED(1),

    /** An unknown error. */
    UNKNOWN(2),

    /** The request was invalid. */
    INVALID_ARGUMENT(3),

    /** The deadline expired before the call completed. */
    DEADLINE_EXCEEDED(4),

    /** The requested entity (namespace, workflow, ...) does not exist. */
    NOT_FOUND(5),

    /** The entity the call tried to create already exists. */
    ALREADY_EXISTS(6),

    /** The caller may not do this. */
    PERMISSION_DENIED(7),

    /** A quota or rate limit was exhausted. */
    RESOURCE_EXHAUSTED(8),

    /** The system is not in the state the call requires. */
    FAILED_PRECONDITION(9),

    /** The call was aborted, typically by a concurrency conflict. */
    ABORTED(10),

    /** A value was out of the valid range. */
    OUT_OF_RANGE(11),

    /** The server does not implement this call. */
    UNIMPLEMENTED(12),

    /** An internal server error. */
    INTERNAL(13),

    /** The server is unavailable; the call may be retried. */
    UNAVAILABLE(14),

    /** Unrecoverable data loss. */
    DATA_LOSS(15),

    /** The caller is not authenticated. */
    UNAUTHENTICATED(16),
    ;

    /** Conversions from gRPC codes. */
    public companion object {
        /** The code for a gRPC [Status.Code]. */
        @JvmStatic
        public fun fromGrpc(code: Status.Code): RpcStatusCode = fromValue(code.value())

        /** The code with the numeric [value]; unknown values become [UNKNOWN]. */
        @JvmStatic
        public fun fromValue(value: Int): RpcStatusCode = entries.firstOrNull { it.value == value } ?: UNKNOWN
    }
}
