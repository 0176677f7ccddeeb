package dev.temporalkt.common

/** When the workflow sees an activity or local activity as cancelled after asking to cancel it. */
public enum class ActivityCancellationType {
    /** Send the cancel request and report cancellation to the workflow at once. */
    TRY_CANCEL,

    /**
     * Send the cancel request and report cancellation only once the activity confirms it. An activity
     * learns about cancellation through heartbeats, so one that never heartbeats delays this until it ends.
     */
    WAIT_CANCELLATION_COMPLETED,

    /** Send no cancel request and report cancellation to the workflow at once; the activity keeps running. */
    ABANDON,
}
