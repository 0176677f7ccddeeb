package dev.temporalkt.failure

/**
 * Reports that a timeout fired: an activity's start-to-close, schedule-to-start, schedule-to-close or
 * heartbeat timeout, or a workflow's execution or run timeout.
 *
 * For activity heartbeat timeouts, [lastHeartbeatDetails] holds the details of the last heartbeat the
 * server received, so a caller can see how far the activity got.
 *
 * ```kotlin
 * catch (e: ActivityFailure) {
 *     val timeout = e.cause as? TimeoutFailure
 *     if (timeout?.timeoutType == TimeoutType.HEARTBEAT) {
 *         val progress: Int = timeout.lastHeartbeatDetails.get(0)
 *     }
 * }
 * ```
 */
public class TimeoutFailure @JvmOverloads constructor(
    message: String,
    /** Which timeout fired. */
    public val timeoutType: TimeoutType,
    /** Details of the last heartbeat received before the timeout; empty when none. */
    public val lastHeartbeatDetails: FailureDetails = FailureDetails.EMPTY,
    cause: Throwable? = null,
) : TemporalFailure(message, cause)
