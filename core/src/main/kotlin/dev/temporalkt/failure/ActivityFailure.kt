package dev.temporalkt.failure

/**
 * What a workflow sees when an activity it called failed for good (after the retries its retry policy
 * allows). The [cause] says why: an [ApplicationFailure] raised by the activity, a [TimeoutFailure], or a
 * [CanceledFailure].
 *
 * ```kotlin
 * try {
 *     charge(order)
 * } catch (e: ActivityFailure) {
 *     when (val cause = e.cause) {
 *         is ApplicationFailure -> if (cause.type == "CardDeclined") notifyCustomer(order)
 *         is TimeoutFailure -> scheduleManualReview(order)
 *         else -> throw e
 *     }
 * }
 * ```
 */
public class ActivityFailure(
    message: String,
    /** Event id of the `ActivityTaskScheduled` event in the workflow's history. */
    public val scheduledEventId: Long,
    /** Event id of the `ActivityTaskStarted` event, or 0 when the activity never started. */
    public val startedEventId: Long,
    /** Identity of the worker that ran the last attempt; empty when unknown. */
    public val identity: String,
    /** The activity type name. */
    public val activityType: String,
    /** The activity id. */
    public val activityId: String,
    /** Why retries stopped. */
    public val retryState: RetryState,
    cause: Throwable?,
) : TemporalFailure(message, cause)
