package dev.temporalkt.client.schedule

import kotlin.time.Duration
import kotlin.time.Duration.Companion.days

/**
 * How a schedule behaves when actions overlap, are missed, or fail.
 *
 * @property overlap what to do when an action is due while the previous workflow still runs.
 * @property catchupWindow how late a missed action (server down, schedule paused) may still run.
 * @property pauseOnFailure pause the schedule when a workflow it started fails.
 */
public data class SchedulePolicy(
    val overlap: ScheduleOverlapPolicy = ScheduleOverlapPolicy.SKIP,
    val catchupWindow: Duration = 365.days,
    val pauseOnFailure: Boolean = false,
) {
    init {
        require(catchupWindow.isPositive() && catchupWindow.isFinite()) { "SchedulePolicy.catchupWindow must be positive and finite, was $catchupWindow" }
    }
}
