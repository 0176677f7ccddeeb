package dev.temporalkt.java.client.schedule

import dev.temporalkt.client.schedule.ScheduleState as KotlinScheduleState

/**
 * The state of a schedule: a note, whether it is paused, and a number of remaining actions when limited.
 *
 * ```java
 * ScheduleState state = ScheduleState.newBuilder().paused(true).note("waiting for the launch").build();
 * ```
 */
public class ScheduleState private constructor(internal val kotlin: KotlinScheduleState) {
    /** A note about the state (e.g. why it is paused). */
    public val note: String get() = kotlin.note

    /** Whether the schedule is paused. */
    public val isPaused: Boolean get() = kotlin.paused

    /** Whether the schedule takes only [remainingActions] more actions. */
    public val isLimitedActions: Boolean get() = kotlin.limitedActions

    /** The actions left when [isLimitedActions]. */
    public val remainingActions: Long get() = kotlin.remainingActions

    /** A builder holding this state. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is ScheduleState && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [ScheduleState]. */
    public class Builder internal constructor(from: KotlinScheduleState) {
        private var note = from.note
        private var paused = from.paused
        private var limitedActions = from.limitedActions
        private var remainingActions = from.remainingActions

        /** Sets the note. */
        public fun note(note: String): Builder = apply { this.note = note }

        /** Sets whether the schedule is paused. */
        public fun paused(paused: Boolean): Builder = apply { this.paused = paused }

        /** Limits the schedule to [remainingActions] more actions (0 = unlimited). */
        public fun remainingActions(remainingActions: Long): Builder = apply {
            this.remainingActions = remainingActions
            limitedActions = remainingActions > 0
        }

        /**
         * Creates the state.
         *
         * @throws IllegalArgumentException when the remaining actions are negative.
         */
        public fun build(): ScheduleState = ScheduleState(KotlinScheduleState(note, paused, limitedActions, remainingActions))
    }

    /** Factories. */
    public companion object {
        /** A builder: running, unlimited. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinScheduleState())

        internal fun of(kotlin: KotlinScheduleState): ScheduleState = ScheduleState(kotlin)
    }
}
