package dev.temporalkt.java.client.schedule

import dev.temporalkt.client.schedule.ScheduleOverlapPolicy
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.client.schedule.SchedulePolicy as KotlinSchedulePolicy

/**
 * How a schedule behaves when actions overlap or are missed: the [overlap] policy (default `SKIP`), how far back
 * missed actions are still taken ([catchupWindow], default 365 days) and whether a failed workflow pauses the schedule.
 *
 * ```java
 * SchedulePolicy policy = SchedulePolicy.newBuilder().overlap(ScheduleOverlapPolicy.BUFFER_ONE).build();
 * ```
 */
public class SchedulePolicy private constructor(internal val kotlin: KotlinSchedulePolicy) {
    /** What to do when an action is due while the previous workflow still runs. */
    public val overlap: ScheduleOverlapPolicy get() = kotlin.overlap

    /** How long after a missed action (server down) it is still taken. */
    public val catchupWindow: Duration get() = kotlin.catchupWindow.toJavaDuration()

    /** Whether a failed or timed-out workflow pauses the schedule. */
    public val isPauseOnFailure: Boolean get() = kotlin.pauseOnFailure

    /** A builder holding this policy. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is SchedulePolicy && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [SchedulePolicy]. */
    public class Builder internal constructor(from: KotlinSchedulePolicy) {
        private var overlap = from.overlap
        private var catchupWindow = from.catchupWindow
        private var pauseOnFailure = from.pauseOnFailure

        /** Sets the overlap policy. */
        public fun overlap(overlap: ScheduleOverlapPolicy): Builder = apply { this.overlap = overlap }

        /** Sets the catch-up window. */
        public fun catchupWindow(window: Duration): Builder = apply { catchupWindow = window.toKotlinDuration() }

        /** Sets whether a failed workflow pauses the schedule. */
        public fun pauseOnFailure(pause: Boolean): Builder = apply { pauseOnFailure = pause }

        /**
         * Creates the policy.
         *
         * @throws IllegalArgumentException when the catch-up window is not positive.
         */
        public fun build(): SchedulePolicy = SchedulePolicy(KotlinSchedulePolicy(overlap, catchupWindow, pauseOnFailure))
    }

    /** Factories. */
    public companion object {
        /** A builder with the defaults. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinSchedulePolicy())

        /** The defaults. */
        @JvmStatic
        public fun defaults(): SchedulePolicy = SchedulePolicy(KotlinSchedulePolicy())

        internal fun of(kotlin: KotlinSchedulePolicy): SchedulePolicy = SchedulePolicy(kotlin)
    }
}
