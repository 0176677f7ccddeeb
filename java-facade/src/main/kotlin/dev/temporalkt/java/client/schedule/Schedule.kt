package dev.temporalkt.java.client.schedule

import dev.temporalkt.converter.DataConverter
import dev.temporalkt.client.schedule.Schedule as KotlinSchedule
import dev.temporalkt.client.schedule.SchedulePolicy as KotlinSchedulePolicy
import dev.temporalkt.client.schedule.ScheduleState as KotlinScheduleState

/**
 * A schedule: what it does ([action]), when ([spec]), how it handles overlaps and missed actions ([policy]) and its
 * state ([state]).
 *
 * ```java
 * Schedule schedule = Schedule.newBuilder()
 *     .action(ScheduleAction.startWorkflow(ReportWorkflow::run, "daily", reportOptions))
 *     .spec(ScheduleSpec.newBuilder().addInterval(ScheduleIntervalSpec.of(Duration.ofDays(1))).build())
 *     .build();
 * ```
 */
public class Schedule private constructor(
    /** What the schedule does. */
    public val action: ScheduleAction,
    /** When it fires. */
    public val spec: ScheduleSpec,
    /** How it handles overlaps and missed actions. */
    public val policy: SchedulePolicy,
    /** Its state. */
    public val state: ScheduleState,
) {
    /** A builder holding this schedule, e.g. to change it in [ScheduleHandle.update]. */
    public fun toBuilder(): Builder = Builder().action(action).spec(spec).policy(policy).state(state)

    internal suspend fun toKotlin(converter: DataConverter): KotlinSchedule =
        KotlinSchedule(action.toKotlin(converter), spec.kotlin, policy.kotlin, state.kotlin)

    override fun toString(): String = "Schedule(action=$action, spec=$spec, policy=$policy, state=$state)"

    /** Builds [Schedule]; the action and spec are required. */
    public class Builder internal constructor() {
        private var action: ScheduleAction? = null
        private var spec: ScheduleSpec? = null
        private var policy: SchedulePolicy = SchedulePolicy.of(KotlinSchedulePolicy())
        private var state: ScheduleState = ScheduleState.of(KotlinScheduleState())

        /** Sets what the schedule does. */
        public fun action(action: ScheduleAction): Builder = apply { this.action = action }

        /** Sets when it fires. */
        public fun spec(spec: ScheduleSpec): Builder = apply { this.spec = spec }

        /** Sets how it handles overlaps and missed actions. */
        public fun policy(policy: SchedulePolicy): Builder = apply { this.policy = policy }

        /** Sets its state. */
        public fun state(state: ScheduleState): Builder = apply { this.state = state }

        /**
         * Creates the schedule.
         *
         * @throws IllegalArgumentException when the action or spec is missing.
         */
        public fun build(): Schedule = Schedule(
            requireNotNull(action) { "Schedule.action is required: say what the schedule does" },
            requireNotNull(spec) { "Schedule.spec is required: say when the schedule fires" },
            policy,
            state,
        )
    }

    /** Factories. */
    public companion object {
        /** An empty builder. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder()

        internal fun of(kotlin: KotlinSchedule): Schedule = Schedule(
            ScheduleAction.of(kotlin.action),
            ScheduleSpec.of(kotlin.spec),
            SchedulePolicy.of(kotlin.policy),
            ScheduleState.of(kotlin.state),
        )
    }
}
