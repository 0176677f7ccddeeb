package dev.temporalkt.client

import dev.temporalkt.failure.TemporalException

/**
 * Thrown by [AsyncActivityHandle.heartbeat] when the server asks the activity to stop: its cancellation was
 * requested, it was paused, or it was reset. Clean up and call [AsyncActivityHandle.reportCancellation].
 */
public class AsyncActivityCanceledException(
    /** Why the activity should stop. */
    public val reason: Reason,
) : TemporalException("The activity must stop: ${reason.name.lowercase().replace('_', ' ')}", null) {
    /** Why the server asks the activity to stop. */
    public enum class Reason {
        /** Cancellation was requested (the workflow canceled the activity or was canceled itself). */
        CANCEL_REQUESTED,

        /** The activity was paused. */
        PAUSED,

        /** The activity was reset. */
        RESET,
    }
}
