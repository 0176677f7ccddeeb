package dev.temporalkt.activity

import kotlin.coroutines.cancellation.CancellationException

/**
 * Thrown inside a cancelled activity: the cause of the coroutine cancellation of a `suspend` activity, and what
 * [ActivityContext.throwIfCancelled] throws in a blocking one. Let it propagate (after cleanup) so the worker reports
 * the attempt as the [reason] requires.
 *
 * ```kotlin
 * @Activity
 * suspend fun copyFiles(files: List<String>) {
 *     try {
 *         for (file in files) { copy(file); activityContext().heartbeat(file) }
 *     } catch (e: ActivityCancelledException) {
 *         logger.info("stopping: ${e.reason}")
 *         throw e
 *     }
 * }
 * ```
 */
public class ActivityCancelledException(
    /** Why the activity was cancelled. */
    public val reason: ActivityCancellationReason,
) : CancellationException("Activity cancelled: $reason")
