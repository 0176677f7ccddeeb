package dev.temporalkt.client.schedule

/**
 * Calendar times at which a schedule acts (or, in [ScheduleSpec.skip], does not act): every combination of the
 * listed values. Defaults match midnight of every day: second 0, minute 0, hour 0, every day of month, every
 * month, every year, every day of week (0 = Sunday).
 *
 * ```kotlin
 * // 09:30 on weekdays
 * ScheduleCalendarSpec(hour = listOf(ScheduleRange(9)), minute = listOf(ScheduleRange(30)), dayOfWeek = listOf(ScheduleRange(1, 5)))
 * ```
 */
public data class ScheduleCalendarSpec(
    val second: List<ScheduleRange> = listOf(ScheduleRange(0)),
    val minute: List<ScheduleRange> = listOf(ScheduleRange(0)),
    val hour: List<ScheduleRange> = listOf(ScheduleRange(0)),
    val dayOfMonth: List<ScheduleRange> = listOf(ScheduleRange(1, 31)),
    val month: List<ScheduleRange> = listOf(ScheduleRange(1, 12)),
    val year: List<ScheduleRange> = emptyList(),
    val dayOfWeek: List<ScheduleRange> = listOf(ScheduleRange(0, 6)),
    val comment: String = "",
)
