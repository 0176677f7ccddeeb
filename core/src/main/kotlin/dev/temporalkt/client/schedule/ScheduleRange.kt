package dev.temporalkt.client.schedule

/**
 * An inclusive range of values of a calendar field, e.g. `ScheduleRange(9, 17)` for the hours 9 to 17 or
 * `ScheduleRange(0, 59, step = 15)` for the minutes 0, 15, 30, 45.
 */
public data class ScheduleRange(val start: Int, val end: Int = start, val step: Int = 1) {
    init {
        require(start >= 0) { "ScheduleRange.start must not be negative, was $start" }
        require(end >= start) { "ScheduleRange.end ($end) must not be less than start ($start)" }
        require(step >= 1) { "ScheduleRange.step must be at least 1, was $step" }
    }
}
