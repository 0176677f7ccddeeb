package dev.temporalkt.java.client.schedule

import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.client.schedule.ScheduleIntervalSpec as KotlinScheduleIntervalSpec

/**
 * Fire every [every], shifted by [offset] from the epoch: `ScheduleIntervalSpec.of(Duration.ofHours(1),
 * Duration.ofMinutes(5))` fires at 00:05, 01:05, ...
 */
public class ScheduleIntervalSpec private constructor(internal val kotlin: KotlinScheduleIntervalSpec) {
    /** The interval. */
    public val every: Duration get() = kotlin.every.toJavaDuration()

    /** The offset from the epoch, less than [every]. */
    public val offset: Duration get() = kotlin.offset.toJavaDuration()

    override fun equals(other: Any?): Boolean = other is ScheduleIntervalSpec && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = "ScheduleIntervalSpec(every=$every, offset=$offset)"

    /** Factories. */
    public companion object {
        /**
         * Every [every], without offset.
         *
         * @throws IllegalArgumentException when [every] is not positive.
         */
        @JvmStatic
        public fun of(every: Duration): ScheduleIntervalSpec = of(every, Duration.ZERO)

        /**
         * Every [every], shifted by [offset].
         *
         * @throws IllegalArgumentException when [every] is not positive or [offset] is negative or not less than [every].
         */
        @JvmStatic
        public fun of(every: Duration, offset: Duration): ScheduleIntervalSpec =
            ScheduleIntervalSpec(KotlinScheduleIntervalSpec(every.toKotlinDuration(), offset.toKotlinDuration()))

        internal fun of(kotlin: KotlinScheduleIntervalSpec): ScheduleIntervalSpec = ScheduleIntervalSpec(kotlin)
    }
}
