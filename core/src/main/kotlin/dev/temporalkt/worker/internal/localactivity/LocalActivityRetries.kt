package dev.temporalkt.worker.internal.localactivity

import dev.temporalkt.api.common.v1.RetryPolicy
import dev.temporalkt.api.failure.v1.Failure
import kotlin.math.pow
import kotlin.time.Duration
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds

/**
 * The retry rule of local activities, which the worker applies itself (the server retries regular activities):
 * the same policy fields and defaults as for activities (initial interval 1 s, coefficient 2, maximum interval
 * 100 × initial, unlimited attempts). A failure is final when it is non-retryable (flagged, or of a type listed in
 * the policy), when the maximum attempts are used up, or for timeouts other than start-to-close. An application
 * failure's own next-retry delay replaces the computed backoff.
 */
internal object LocalActivityRetries {
    /** How long to wait before the attempt after [attempt] failed with [failure], or `null` when it must not be retried. */
    fun backoff(policy: RetryPolicy?, attempt: Int, failure: Failure): Duration? {
        val p = policy ?: RetryPolicy.getDefaultInstance()
        if (failure.hasTimeoutFailureInfo() &&
            failure.timeoutFailureInfo.timeoutType != dev.temporalkt.api.enums.v1.TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE
        ) {
            return null
        }
        if (failure.hasCanceledFailureInfo()) return null
        if (failure.hasApplicationFailureInfo()) {
            val info = failure.applicationFailureInfo
            if (info.nonRetryable || info.type in p.nonRetryableErrorTypesList) return null
        }
        if (p.maximumAttempts > 0 && attempt >= p.maximumAttempts) return null
        if (failure.hasApplicationFailureInfo() && failure.applicationFailureInfo.hasNextRetryDelay()) {
            return toKotlin(failure.applicationFailureInfo.nextRetryDelay)
        }
        val initial = if (p.hasInitialInterval()) toKotlin(p.initialInterval).takeIf { it.isPositive() } ?: 1.seconds else 1.seconds
        val coefficient = if (p.backoffCoefficient > 0) p.backoffCoefficient else 2.0
        val maximum = if (p.hasMaximumInterval()) toKotlin(p.maximumInterval).takeIf { it.isPositive() } ?: initial * 100 else initial * 100
        val computed = initial * coefficient.pow(attempt - 1)
        return if (computed > maximum || computed.isInfinite()) maximum else computed
    }

    private fun toKotlin(d: com.google.protobuf.Duration): Duration = d.seconds.seconds + d.nanos.nanoseconds
}
