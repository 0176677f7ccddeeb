package dev.temporalkt.common

/** What happens to a child workflow when its parent closes (completes, fails, times out or is cancelled). */
public enum class ParentClosePolicy {
    /** The child is terminated. The default. */
    TERMINATE,

    /** The child keeps running. */
    ABANDON,

    /** Cancellation of the child is requested. */
    REQUEST_CANCEL,
}
