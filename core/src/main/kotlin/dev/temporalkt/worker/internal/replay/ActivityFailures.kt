package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.failure.v1.ActivityFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure

/**
 * Activity failures as the other Temporal SDKs build them: an outer failure with activity failure
 * info (event ids, type, id, retry state) whose cause is what the activity or the server reported.
 */
internal object ActivityFailures {
    fun info(
        activityType: String,
        activityId: String,
        scheduledEventId: Long,
        startedEventId: Long,
        identity: String,
        retryState: RetryState,
    ): ActivityFailureInfo = ActivityFailureInfo.newBuilder()
        .setActivityType(ActivityType.newBuilder().setName(activityType))
        .setActivityId(activityId)
        .setScheduledEventId(scheduledEventId)
        .setStartedEventId(startedEventId)
        .setIdentity(identity)
        .setRetryState(retryState)
        .build()

    fun failed(info: ActivityFailureInfo, cause: Failure?): Failure = wrap("Activity task failed", info, cause)

    fun timedOut(info: ActivityFailureInfo, cause: Failure?): Failure = wrap("Activity task timed out", info, cause)

    /** Cancelled: retry state cancel-requested and a cancelled cause carrying the activity's [details]. */
    fun cancelled(info: ActivityFailureInfo, details: Payloads?): Failure {
        val canceled = CanceledFailureInfo.newBuilder()
        if (details != null) canceled.setDetails(details)
        val cause = Failure.newBuilder().setMessage("Activity cancelled").setCanceledFailureInfo(canceled).build()
        return wrap("Activity cancelled", info.toBuilder().setRetryState(RetryState.RETRY_STATE_CANCEL_REQUESTED).build(), cause)
    }

    private fun wrap(message: String, info: ActivityFailureInfo, cause: Failure?): Failure {
        val b = Failure.newBuilder().setMessage(message).setActivityFailureInfo(info)
        if (cause != null) b.setCause(cause)
        return b.build()
    }
}
