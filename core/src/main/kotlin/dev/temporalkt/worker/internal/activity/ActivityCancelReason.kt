package dev.temporalkt.worker.internal.activity

import dev.temporalkt.internal.InternalTemporalApi

/** Why a running activity attempt was asked to stop. The first reason delivered to an attempt is the one it keeps. */
@InternalTemporalApi
public enum class ActivityCancelReason {
    /** The workflow requested cancellation (heartbeat response `cancel_requested`). Reported as cancelled. */
    CANCEL_REQUESTED,

    /** The activity was paused through the API (heartbeat response `activity_paused`). */
    PAUSED,

    /** The activity was reset through the API (heartbeat response `activity_reset`). */
    RESET,

    /**
     * The activity did not heartbeat within its heartbeat timeout, so the server times this attempt out; detected
     * locally so the code stops working for nothing.
     */
    HEARTBEAT_TIMEOUT,

    /** The server no longer knows this attempt (it timed out, completed elsewhere, or the workflow is gone). */
    NOT_FOUND,

    /** The worker is shutting down and the graceful shutdown timeout has passed. */
    WORKER_SHUTDOWN,
}
