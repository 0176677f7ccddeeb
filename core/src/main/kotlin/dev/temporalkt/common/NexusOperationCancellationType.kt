package dev.temporalkt.common

/**
 * When a workflow sees a Nexus operation as cancelled after asking to cancel it.
 *
 * Whatever the type, an operation cancelled before its schedule command reached the server resolves as
 * cancelled at once without anything being sent.
 */
public enum class NexusOperationCancellationType {
    /** Send the cancel request and report cancellation once the operation has ended (as cancelled or otherwise). */
    WAIT_CANCELLATION_COMPLETED,

    /** Send the cancel request and report cancellation once the handler has accepted the request. */
    WAIT_CANCELLATION_REQUESTED,

    /** Send the cancel request and report cancellation to the workflow at once. */
    TRY_CANCEL,

    /** Send no cancel request and report cancellation to the workflow at once; the operation keeps running. */
    ABANDON,
}
