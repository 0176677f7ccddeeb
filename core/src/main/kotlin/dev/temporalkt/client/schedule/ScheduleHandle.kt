package dev.temporalkt.client.schedule

import dev.temporalkt.client.Client
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode

/**
 * A handle to the schedule [id].
 *
 * ```kotlin
 * val handle = client.getScheduleHandle("daily-report")
 * handle.pause("maintenance until Monday")
 * handle.update { it.schedule.copy(state = it.schedule.state.copy(note = "weekly now")) }
 * handle.trigger()
 * ```
 */
public class ScheduleHandle internal constructor(
    private val client: Client,
    /** The schedule id. */
    public val id: String,
) {
    /** Describes the schedule. */
    public suspend fun describe(): ScheduleDescription = client.scheduleOutbound.describeSchedule(DescribeScheduleInput(id))

    /**
     * Read-modify-write: describes the schedule, passes the description to [updater] and stores the schedule it
     * returns (`null` = no change). The write carries the description's conflict token, so it never overwrites a
     * change made in between: servers that reject such a write with FAILED_PRECONDITION get the whole cycle run
     * again, up to [maxAttempts] times; the Temporal server itself drops the stale write silently, keeping the
     * other change.
     */
    public suspend fun update(maxAttempts: Int = 5, updater: suspend (ScheduleDescription) -> Schedule?) {
        require(maxAttempts >= 1) { "maxAttempts must be at least 1, was $maxAttempts" }
        var attempt = 1
        while (true) {
            val description = describe()
            val schedule = updater(description) ?: return
            try {
                client.scheduleOutbound.updateSchedule(UpdateScheduleInput(id, schedule, description.raw.conflictToken.toByteArray()))
                return
            } catch (e: RpcException) {
                if (e.code != RpcStatusCode.FAILED_PRECONDITION || attempt >= maxAttempts) throw e
                attempt++
            }
        }
    }

    /** Pauses the schedule, recording [note]. */
    public suspend fun pause(note: String = "Paused via Kotlin client") {
        client.scheduleOutbound.patchSchedule(PatchScheduleInput(id, pauseNote = note))
    }

    /** Unpauses the schedule, recording [note]. */
    public suspend fun unpause(note: String = "Unpaused via Kotlin client") {
        client.scheduleOutbound.patchSchedule(PatchScheduleInput(id, unpauseNote = note))
    }

    /** Takes the schedule's action now, with [overlap] (`UNSPECIFIED` = the schedule's policy). */
    public suspend fun trigger(overlap: ScheduleOverlapPolicy = ScheduleOverlapPolicy.UNSPECIFIED) {
        client.scheduleOutbound.patchSchedule(PatchScheduleInput(id, trigger = overlap))
    }

    /** Takes the actions the schedule would have taken in the [backfills] ranges. */
    public suspend fun backfill(vararg backfills: ScheduleBackfill) {
        require(backfills.isNotEmpty()) { "Give at least one backfill range" }
        client.scheduleOutbound.patchSchedule(PatchScheduleInput(id, backfills = backfills.toList()))
    }

    /** Deletes the schedule (workflows it started keep running). */
    public suspend fun delete() {
        client.scheduleOutbound.deleteSchedule(DeleteScheduleInput(id))
    }

    override fun toString(): String = "ScheduleHandle(id=$id)"
}
