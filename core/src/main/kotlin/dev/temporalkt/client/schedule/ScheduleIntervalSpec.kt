package dev.temporalkt.client.schedule

import kotlin.time.Duration

/**
 * A schedule that acts every [every], at [offset] into each interval counted from the Unix epoch: e.g.
 * `ScheduleIntervalSpec(1.hours, 15.minutes)` acts at 00:15, 01:15, ...
 */
public data class ScheduleIntervalSpec(val every: Duration, val offset: Duration = Duration.ZERO) {
    init {
        require(every.isPositive() && every.isFinite()) { "ScheduleIntervalSpec.every must be a positive, finite duration, was $every" }
        require(!offset.isNegative() && offset < every) { "ScheduleIntervalSpec.offset must be at least zero and less than every ($every), was $offset" }
    }
}
