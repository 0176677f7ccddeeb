@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.workflow.ActivityHandle
import kotlinx.coroutines.CompletableDeferred

/**
 * An activity or local activity scheduled by a run, resolved by the run's ResolveActivity job with the same [seq].
 *
 * Cancelling the coroutine that awaits the result requests cancellation of the activity (once) and keeps
 * waiting, shielded, for the resolution: the replay core resolves at once for TRY_CANCEL and ABANDON and
 * after the activity confirms for WAIT_CANCELLATION_COMPLETED, so all three types behave as documented
 * without the runtime guessing. The resolution's failure is then thrown.
 */
internal class ActivityHandleImpl<R>(
    private val activities: RunActivities,
    seq: Int,
    override val activityId: String,
    override val activityType: String,
    val isLocal: Boolean = false,
) : ActivityHandle<R> {
    /** The sequence number of the current schedule command; a local activity gets a new one after a backoff. */
    var seq: Int = seq

    /** For a local activity waiting out a retry backoff: the sequence number of the backoff timer. */
    var backoffTimer: Int? = null

    val result = CompletableDeferred<Any?>()
    private var cancelRequested = false

    override val isCompleted: Boolean get() = result.isCompleted

    @Suppress("UNCHECKED_CAST")
    override suspend fun await(): R = result.awaitResolution(::cancel) as R

    override fun cancel() {
        if (cancelRequested || result.isCompleted) return
        activities.requestCancel(this)
        cancelRequested = true
    }

    override fun toString(): String = "ActivityHandle($activityType, id=$activityId, seq=$seq)"
}
