@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.worker.activation.ActivityResolution

/**
 * Turns what a local activity reported (or what its marker recorded) into the [ActivityResolution] workflow code
 * sees. Markers hold the failure as the activity reported it; workflow code gets it wrapped in an activity failure
 * (type, id, and a retry state read from the failure itself, so live runs and replays agree), unless the recorded
 * failure already is one.
 */
internal object LocalActivityFailures {
    /** Whether [failure] reports a cancellation (itself, or as the cause of an activity failure). */
    fun isCancellation(failure: Failure): Boolean =
        failure.hasCanceledFailureInfo() || (failure.hasActivityFailureInfo() && failure.cause.hasCanceledFailureInfo())

    /** The cancelled failure recorded when a local activity is cancelled without waiting for it. */
    fun cancelled(): Failure = Failure.newBuilder().setMessage("Local activity cancelled")
        .setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance()).build()

    fun resolution(marker: LocalActivityMarker): ActivityResolution {
        val failure = marker.failure
        return when {
            marker.backoff != null -> ActivityResolution.Backoff(marker.attempt + 1, marker.backoff, marker.originalScheduleTime)
            failure == null -> ActivityResolution.Completed(marker.result)
            isCancellation(failure) -> ActivityResolution.Cancelled(wrap(marker, failure))
            else -> ActivityResolution.Failed(wrap(marker, failure))
        }
    }

    private fun wrap(marker: LocalActivityMarker, failure: Failure): Failure {
        if (failure.hasActivityFailureInfo()) return failure
        val (message, retryState) = when {
            failure.hasCanceledFailureInfo() -> "Local activity cancelled" to RetryState.RETRY_STATE_CANCEL_REQUESTED
            failure.hasTimeoutFailureInfo() -> "Local activity timed out" to RetryState.RETRY_STATE_TIMEOUT
            failure.hasApplicationFailureInfo() && failure.applicationFailureInfo.nonRetryable ->
                "Local activity failed" to RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE
            else -> "Local activity failed" to RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        }
        val info = ActivityFailures.info(marker.activityType, marker.activityId, 0, 0, "", retryState)
        return Failure.newBuilder().setMessage(message).setActivityFailureInfo(info).setCause(failure).build()
    }
}
