package dev.temporalkt.client.schedule

/**
 * The mutable state of a schedule.
 *
 * @property note a human-readable note, e.g. why the schedule is paused.
 * @property paused whether the schedule is paused (takes no scheduled actions; triggers still work).
 * @property limitedActions whether only [remainingActions] more actions may be taken.
 * @property remainingActions how many actions are left when [limitedActions] is set.
 */
public data class ScheduleState(
    val note: String = "",
    val paused: Boolean = false,
    val limitedActions: Boolean = false,
    val remainingActions: Long = 0,
) {
    init {
        require(remainingActions >= 0) { "ScheduleState.remainingActions must not be negative, was $remainingActions" }
        require(!limitedActions || remainingActions > 0) { "ScheduleState.limitedActions needs remainingActions > 0" }
    }
}
