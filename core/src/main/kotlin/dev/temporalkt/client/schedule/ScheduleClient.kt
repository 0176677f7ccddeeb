@file:JvmName("ScheduleClient")

package dev.temporalkt.client.schedule

import dev.temporalkt.client.Client
import dev.temporalkt.common.SearchAttributes
import kotlinx.coroutines.flow.Flow

/*
 * The schedules of a client's namespace: create them, get handles to them and list them. Every call goes through the
 * client's schedule interceptors (see ScheduleInterceptor) and converts values with the client's data converter.
 *
 * ```kotlin
 * val schedule = Schedule(
 *     action = ScheduleAction.StartWorkflow("Report", listOf("daily"), WorkflowOptions("daily-report", "reports")),
 *     spec = ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.days))),
 * )
 * val handle = client.createSchedule("daily-report", schedule, triggerImmediately = true)
 * client.getScheduleHandle("daily-report").pause("maintenance")
 * val paused = client.listSchedules().filter { it.paused }.toList()
 * ```
 */

/**
 * Creates the schedule [id]. Throws [ScheduleAlreadyRunningException] when a schedule with this id exists.
 *
 * ```kotlin
 * val handle = client.createSchedule(
 *     "daily-report",
 *     Schedule(
 *         action = ScheduleAction.StartWorkflow("Report", listOf("daily"), WorkflowOptions("daily-report", "reports")),
 *         spec = ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.days))),
 *     ),
 *     memo = mapOf("owner" to "reports-team"),
 * )
 * ```
 */
public suspend fun Client.createSchedule(
    id: String,
    schedule: Schedule,
    triggerImmediately: Boolean = false,
    backfills: List<ScheduleBackfill> = emptyList(),
    memo: Map<String, Any?> = emptyMap(),
    searchAttributes: SearchAttributes = SearchAttributes.EMPTY,
): ScheduleHandle {
    require(id.isNotBlank()) { "A schedule id must not be blank" }
    return scheduleOutbound.createSchedule(CreateScheduleInput(id, schedule, triggerImmediately, backfills, memo, searchAttributes))
}

/**
 * A handle to the schedule [id].
 *
 * ```kotlin
 * client.getScheduleHandle("daily-report").trigger()
 * ```
 */
public fun Client.getScheduleHandle(id: String): ScheduleHandle {
    require(id.isNotBlank()) { "A schedule id must not be blank" }
    return ScheduleHandle(this, id)
}

/**
 * Lists schedules (matching the visibility [query], if given), fetching pages lazily while collecting.
 *
 * ```kotlin
 * val ids = client.listSchedules().map { it.id }.toList()
 * ```
 */
public fun Client.listSchedules(query: String = "", pageSize: Int = 0): Flow<ScheduleListDescription> =
    scheduleOutbound.listSchedules(ListSchedulesInput(query, pageSize))

/**
 * The chain the schedule calls of this client go through: its [ScheduleInterceptor]s, in the order of
 * [dev.temporalkt.client.ClientOptions.interceptors], around a [RootScheduleOutbound]. Built once per client, on its
 * first schedule call.
 */
internal val Client.scheduleOutbound: ScheduleOutboundInterceptor
    get() = feature(ScheduleOutboundInterceptor::class) { client ->
        client.options.interceptors.filterIsInstance<ScheduleInterceptor>()
            .foldRight(RootScheduleOutbound(client) as ScheduleOutboundInterceptor) { interceptor, next ->
                interceptor.interceptSchedule(next)
            }
    }
