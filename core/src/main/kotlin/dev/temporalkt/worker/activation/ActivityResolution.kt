package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.failure.v1.Failure
import java.time.Instant
import kotlin.time.Duration

/**
 * How an activity or local activity ended, carried by [ActivationJob.ResolveActivity].
 *
 * ```
 * when (val r = job.result) {
 *     is ActivityResolution.Completed -> resume(r.result)
 *     is ActivityResolution.Failed -> fail(r.failure)
 *     is ActivityResolution.Cancelled -> fail(r.failure)
 *     is ActivityResolution.Backoff -> scheduleRetryTimer(r.backoff, r.attempt, r.originalScheduleTime)
 * }
 * ```
 */
@InternalTemporalApi
public sealed interface ActivityResolution {
    /** The activity returned; [result] is `null` when it returned nothing. */
    public data class Completed(public val result: Payload?) : ActivityResolution

    /** The activity failed for good; [failure] is an activity failure whose cause is the error. */
    public data class Failed(public val failure: Failure) : ActivityResolution

    /** The activity was cancelled; [failure] is an activity failure with a cancelled cause. */
    public data class Cancelled(public val failure: Failure) : ActivityResolution

    /**
     * Local activities only: the next retry waits longer than the local retry threshold, so the
     * runtime must start a timer for [backoff] and then schedule the local activity again with
     * [attempt] and [originalScheduleTime].
     */
    public data class Backoff(
        public val attempt: Int,
        public val backoff: Duration,
        public val originalScheduleTime: Instant?,
    ) : ActivityResolution
}
