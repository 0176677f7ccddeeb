package dev.temporalkt.java.client.schedule

import dev.temporalkt.client.schedule.ScheduleRange
import dev.temporalkt.client.schedule.ScheduleCalendarSpec as KotlinScheduleCalendarSpec

/**
 * Calendar times a schedule fires at (or skips): each field holds ranges of values, and a time matches when every field
 * matches. Unset fields keep their defaults: second 0, minute 0, hour 0, every day of the month, every month, every
 * year, every day of the week.
 *
 * ```java
 * // 09:30 on weekdays
 * ScheduleCalendarSpec weekdays = ScheduleCalendarSpec.newBuilder()
 *     .hour(9).minute(30)
 *     .dayOfWeek(new ScheduleRange(1, 5, 1))
 *     .comment("stand-up")
 *     .build();
 * ```
 */
public class ScheduleCalendarSpec private constructor(internal val kotlin: KotlinScheduleCalendarSpec) {
    /** Seconds, 0–59. */
    public val second: List<ScheduleRange> get() = kotlin.second

    /** Minutes, 0–59. */
    public val minute: List<ScheduleRange> get() = kotlin.minute

    /** Hours, 0–23. */
    public val hour: List<ScheduleRange> get() = kotlin.hour

    /** Days of the month, 1–31. */
    public val dayOfMonth: List<ScheduleRange> get() = kotlin.dayOfMonth

    /** Months, 1–12. */
    public val month: List<ScheduleRange> get() = kotlin.month

    /** Years; empty = every year. */
    public val year: List<ScheduleRange> get() = kotlin.year

    /** Days of the week, 0 (Sunday) – 6. */
    public val dayOfWeek: List<ScheduleRange> get() = kotlin.dayOfWeek

    /** A free-form comment. */
    public val comment: String get() = kotlin.comment

    /** A builder holding this spec. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is ScheduleCalendarSpec && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [ScheduleCalendarSpec]. */
    public class Builder internal constructor(private var kotlin: KotlinScheduleCalendarSpec) {
        /** Sets the seconds. */
        public fun second(vararg ranges: ScheduleRange): Builder = apply { kotlin = kotlin.copy(second = ranges.toList()) }

        /** Sets the seconds to single [values]. */
        public fun second(vararg values: Int): Builder = apply { kotlin = kotlin.copy(second = values.map { ScheduleRange(it) }) }

        /** Sets the minutes. */
        public fun minute(vararg ranges: ScheduleRange): Builder = apply { kotlin = kotlin.copy(minute = ranges.toList()) }

        /** Sets the minutes to single [values]. */
        public fun minute(vararg values: Int): Builder = apply { kotlin = kotlin.copy(minute = values.map { ScheduleRange(it) }) }

        /** Sets the hours. */
        public fun hour(vararg ranges: ScheduleRange): Builder = apply { kotlin = kotlin.copy(hour = ranges.toList()) }

        /** Sets the hours to single [values]. */
        public fun hour(vararg values: Int): Builder = apply { kotlin = kotlin.copy(hour = values.map { ScheduleRange(it) }) }

        /** Sets the days of the month. */
        public fun dayOfMonth(vararg ranges: ScheduleRange): Builder = apply { kotlin = kotlin.copy(dayOfMonth = ranges.toList()) }

        /** Sets the days of the month to single [values]. */
        public fun dayOfMonth(vararg values: Int): Builder = apply { kotlin = kotlin.copy(dayOfMonth = values.map { ScheduleRange(it) }) }

        /** Sets the months. */
        public fun month(vararg ranges: ScheduleRange): Builder = apply { kotlin = kotlin.copy(month = ranges.toList()) }

        /** Sets the months to single [values]. */
        public fun month(vararg values: Int): Builder = apply { kotlin = kotlin.copy(month = values.map { ScheduleRange(it) }) }

        /** Sets the years. */
        public fun year(vararg ranges: ScheduleRange): Builder = apply { kotlin = kotlin.copy(year = ranges.toList()) }

        /** Sets the years to single [values]. */
        public fun year(vararg values: Int): Builder = apply { kotlin = kotlin.copy(year = values.map { ScheduleRange(it) }) }

        /** Sets the days of the week (0 = Sunday). */
        public fun dayOfWeek(vararg ranges: ScheduleRange): Builder = apply { kotlin = kotlin.copy(dayOfWeek = ranges.toList()) }

        /** Sets the days of the week to single [values] (0 = Sunday). */
        public fun dayOfWeek(vararg values: Int): Builder = apply { kotlin = kotlin.copy(dayOfWeek = values.map { ScheduleRange(it) }) }

        /** Sets a free-form comment. */
        public fun comment(comment: String): Builder = apply { kotlin = kotlin.copy(comment = comment) }

        /** Creates the spec. */
        public fun build(): ScheduleCalendarSpec = ScheduleCalendarSpec(kotlin)
    }

    /** Factories. */
    public companion object {
        /** A builder with the defaults (midnight every day). */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinScheduleCalendarSpec())

        internal fun of(kotlin: KotlinScheduleCalendarSpec): ScheduleCalendarSpec = ScheduleCalendarSpec(kotlin)
    }
}
