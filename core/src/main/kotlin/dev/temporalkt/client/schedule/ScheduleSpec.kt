package dev.temporalkt.client.schedule

import java.time.Instant
import kotlin.time.Duration

/**
 * When a schedule acts: the union of [calendars], [intervals] and [cronExpressions], minus [skip], between
 * [startAt] and [endAt], each action delayed by a random amount up to [jitter], calendar fields read in
 * [timeZoneName] (UTC by default).
 *
 * ```kotlin
 * ScheduleSpec(cronExpressions = listOf("0 12 * * MON-FRI"), timeZoneName = "Europe/Paris", jitter = 30.seconds)
 * ```
 */
public data class ScheduleSpec(
    val calendars: List<ScheduleCalendarSpec> = emptyList(),
    val intervals: List<ScheduleIntervalSpec> = emptyList(),
    val cronExpressions: List<String> = emptyList(),
    val skip: List<ScheduleCalendarSpec> = emptyList(),
    val startAt: Instant? = null,
    val endAt: Instant? = null,
    val jitter: Duration? = null,
    val timeZoneName: String? = null,
) {
    init {
        require(startAt == null || endAt == null || !endAt.isBefore(startAt)) { "ScheduleSpec.endAt ($endAt) is before startAt ($startAt)" }
        require(jitter == null || (!jitter.isNegative() && jitter.isFinite())) { "ScheduleSpec.jitter must be a finite, non-negative duration, was $jitter" }
    }
}
