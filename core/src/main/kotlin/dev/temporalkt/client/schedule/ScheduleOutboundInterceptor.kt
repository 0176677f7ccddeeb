package dev.temporalkt.client.schedule

import kotlinx.coroutines.flow.Flow

/**
 * One link of the chain every schedule call of a [dev.temporalkt.client.Client] goes through (creating, describing,
 * updating, patching, deleting and listing schedules). Each method delegates to [next] by default; override the ones
 * you need and call `super` (possibly with a changed input) to continue the chain. The last link sends the request to
 * the server. A [ScheduleInterceptor] puts a link into the chain.
 */
public abstract class ScheduleOutboundInterceptor(
    /** The next link of the chain. */
    protected val next: ScheduleOutboundInterceptor?,
) {
    private fun next(): ScheduleOutboundInterceptor =
        next ?: throw IllegalStateException("${javaClass.name} has no next interceptor and does not implement this call")

    /** Creates a schedule. */
    public open suspend fun createSchedule(input: CreateScheduleInput): ScheduleHandle = next().createSchedule(input)

    /** Describes a schedule. */
    public open suspend fun describeSchedule(input: DescribeScheduleInput): ScheduleDescription = next().describeSchedule(input)

    /** Replaces a schedule's definition. */
    public open suspend fun updateSchedule(input: UpdateScheduleInput): Unit = next().updateSchedule(input)

    /** Pauses, unpauses, triggers or backfills a schedule. */
    public open suspend fun patchSchedule(input: PatchScheduleInput): Unit = next().patchSchedule(input)

    /** Deletes a schedule. */
    public open suspend fun deleteSchedule(input: DeleteScheduleInput): Unit = next().deleteSchedule(input)

    /** Lists schedules, fetching pages lazily. */
    public open fun listSchedules(input: ListSchedulesInput): Flow<ScheduleListDescription> = next().listSchedules(input)
}
