package dev.temporalkt.activity

/**
 * Why a running activity was cancelled. Cancellation reaches an activity through its heartbeats (the server answers
 * a heartbeat with the request), through its own heartbeat timeout, or from its worker shutting down: an activity
 * that never heartbeats only sees [HEARTBEAT_TIMEOUT] and [WORKER_SHUTDOWN].
 */
public enum class ActivityCancellationReason {
    /** The workflow asked for the activity to be cancelled. Ending with the cancellation reports it cancelled. */
    CANCEL_REQUESTED,

    /** The activity was paused (e.g. `temporal activity pause`). Ending with the cancellation fails the attempt. */
    PAUSED,

    /** The activity was reset. Ending with the cancellation fails the attempt. */
    RESET,

    /** The activity did not heartbeat within its heartbeat timeout: the server has timed this attempt out. */
    HEARTBEAT_TIMEOUT,

    /** The server no longer knows this attempt (it timed out, or the workflow is gone); its end is not reported. */
    NOT_FOUND,

    /** The worker is shutting down and its graceful shutdown timeout has passed. The attempt fails and is retried. */
    WORKER_SHUTDOWN,
}
