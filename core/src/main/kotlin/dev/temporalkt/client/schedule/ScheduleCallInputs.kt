package dev.temporalkt.client.schedule

import dev.temporalkt.common.SearchAttributes

// The inputs of the calls of ScheduleOutboundInterceptor.

/**
 * Input of [ScheduleOutboundInterceptor.createSchedule].
 *
 * @property triggerImmediately take the action once right after creating the schedule.
 * @property backfills ranges to backfill right after creating the schedule.
 */
public data class CreateScheduleInput(
    val id: String,
    val schedule: Schedule,
    val triggerImmediately: Boolean = false,
    val backfills: List<ScheduleBackfill> = emptyList(),
    val memo: Map<String, Any?> = emptyMap(),
    val searchAttributes: SearchAttributes = SearchAttributes.EMPTY,
)

/** Input of [ScheduleOutboundInterceptor.describeSchedule]. */
public data class DescribeScheduleInput(val id: String)

/** Input of [ScheduleOutboundInterceptor.updateSchedule]; [conflictToken] comes from the description it is based on. */
public data class UpdateScheduleInput(val id: String, val schedule: Schedule, val conflictToken: ByteArray?) {
    override fun equals(other: Any?): Boolean = other is UpdateScheduleInput && other.id == id &&
        other.schedule == schedule && other.conflictToken.contentEquals(conflictToken)

    override fun hashCode(): Int = (id.hashCode() * 31 + schedule.hashCode()) * 31 + conflictToken.contentHashCode()
}

/** Input of [ScheduleOutboundInterceptor.patchSchedule]: pause, unpause, trigger and backfill in one request. */
public data class PatchScheduleInput(
    val id: String,
    val pauseNote: String? = null,
    val unpauseNote: String? = null,
    val trigger: ScheduleOverlapPolicy? = null,
    val backfills: List<ScheduleBackfill> = emptyList(),
)

/** Input of [ScheduleOutboundInterceptor.deleteSchedule]. */
public data class DeleteScheduleInput(val id: String)

/** Input of [ScheduleOutboundInterceptor.listSchedules]; an empty query lists all schedules. */
public data class ListSchedulesInput(val query: String = "", val pageSize: Int = 0)
