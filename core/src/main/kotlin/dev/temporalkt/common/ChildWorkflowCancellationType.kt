package dev.temporalkt.common

/** When the parent sees a child workflow as cancelled after asking to cancel it. */
public enum class ChildWorkflowCancellationType {
    /** Send no cancel request and report cancellation to the parent at once; the child keeps running. */
    ABANDON,

    /** Send the cancel request and report cancellation to the parent at once. */
    TRY_CANCEL,

    /** Send the cancel request and report cancellation once the child has closed as cancelled. */
    WAIT_CANCELLATION_COMPLETED,

    /** Send the cancel request and report cancellation once the server has recorded the request. */
    WAIT_CANCELLATION_REQUESTED,
}
