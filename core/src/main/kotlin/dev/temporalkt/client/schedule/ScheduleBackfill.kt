package dev.temporalkt.client.schedule

import java.time.Instant

/** Takes, now, the actions the schedule would have taken between [startAt] and [endAt], with [overlap]. */
public data class ScheduleBackfill(
    val startAt: Instant,
    val endAt: Instant,
    val overlap: ScheduleOverlapPolicy = ScheduleOverlapPolicy.UNSPECIFIED,
) {
    init {
        require(endAt.isAfter(startAt)) { "ScheduleBackfill.endAt ($endAt) must be after startAt ($startAt)" }
    }
}
