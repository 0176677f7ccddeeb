package dev.temporalkt.java.client.schedule

import java.time.Duration
import java.time.Instant
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.client.schedule.ScheduleSpec as KotlinScheduleSpec

/**
 * When a schedule fires: the union of its calendars, intervals and cron expressions, minus the [skip] calendars,
 * between [startAt] and [endAt], each time moved by a random [jitter] up to the given duration, in the time zone
 * [timeZoneName] (UTC when unset).
 *
 * ```java
 * ScheduleSpec spec = ScheduleSpec.newBuilder()
 *     .addInterval(ScheduleIntervalSpec.of(Duration.ofHours(1)))
 *     .addCronExpression("0 12 * * MON")
 *     .jitter(Duration.ofSeconds(30))
 *     .build();
 * ```
 */
public class ScheduleSpec private constructor(internal val kotlin: KotlinScheduleSpec) {
    /** The calendar times. */
    public val calendars: List<ScheduleCalendarSpec> get() = kotlin.calendars.map(ScheduleCalendarSpec::of)

    /** The intervals. */
    public val intervals: List<ScheduleIntervalSpec> get() = kotlin.intervals.map(ScheduleIntervalSpec::of)

    /** The cron expressions. */
    public val cronExpressions: List<String> get() = kotlin.cronExpressions

    /** Calendar times to skip. */
    public val skip: List<ScheduleCalendarSpec> get() = kotlin.skip.map(ScheduleCalendarSpec::of)

    /** No action before this time, or `null`. */
    public val startAt: Instant? get() = kotlin.startAt

    /** No action after this time, or `null`. */
    public val endAt: Instant? get() = kotlin.endAt

    /** The largest random delay of each action, or `null`. */
    public val jitter: Duration? get() = kotlin.jitter?.toJavaDuration()

    /** The IANA time zone of the calendars and cron expressions, or `null` for UTC. */
    public val timeZoneName: String? get() = kotlin.timeZoneName

    /** A builder holding this spec. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is ScheduleSpec && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [ScheduleSpec]. */
    public class Builder internal constructor(from: KotlinScheduleSpec) {
        private val calendars = from.calendars.toMutableList()
        private val intervals = from.intervals.toMutableList()
        private val cronExpressions = from.cronExpressions.toMutableList()
        private val skip = from.skip.toMutableList()
        private var startAt = from.startAt
        private var endAt = from.endAt
        private var jitter = from.jitter
        private var timeZoneName = from.timeZoneName

        /** Adds calendar times to fire at. */
        public fun addCalendar(calendar: ScheduleCalendarSpec): Builder = apply { calendars += calendar.kotlin }

        /** Adds an interval to fire at. */
        public fun addInterval(interval: ScheduleIntervalSpec): Builder = apply { intervals += interval.kotlin }

        /** Adds a cron expression to fire at (e.g. `0 12 * * MON`). */
        public fun addCronExpression(expression: String): Builder = apply { cronExpressions += expression }

        /** Adds calendar times to skip. */
        public fun addSkip(calendar: ScheduleCalendarSpec): Builder = apply { skip += calendar.kotlin }

        /** Takes no action before [startAt]. */
        public fun startAt(startAt: Instant?): Builder = apply { this.startAt = startAt }

        /** Takes no action after [endAt]. */
        public fun endAt(endAt: Instant?): Builder = apply { this.endAt = endAt }

        /** Moves each action by a random delay up to [jitter]. */
        public fun jitter(jitter: Duration?): Builder = apply { this.jitter = jitter?.toKotlinDuration() }

        /** Sets the IANA time zone of the calendars and cron expressions (e.g. `Europe/Paris`); `null` for UTC. */
        public fun timeZoneName(timeZoneName: String?): Builder = apply { this.timeZoneName = timeZoneName }

        /**
         * Creates the spec.
         *
         * @throws IllegalArgumentException when [endAt] is before [startAt] or the jitter is negative.
         */
        public fun build(): ScheduleSpec = ScheduleSpec(
            KotlinScheduleSpec(calendars.toList(), intervals.toList(), cronExpressions.toList(), skip.toList(), startAt, endAt, jitter, timeZoneName),
        )
    }

    /** Factories. */
    public companion object {
        /** An empty builder. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinScheduleSpec())

        internal fun of(kotlin: KotlinScheduleSpec): ScheduleSpec = ScheduleSpec(kotlin)
    }
}
