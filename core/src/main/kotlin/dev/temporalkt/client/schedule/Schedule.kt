package dev.temporalkt.client.schedule

/**
 * A schedule: [action] taken at the times of [spec], following [policy], in [state].
 *
 * ```kotlin
 * val schedule = Schedule(
 *     action = ScheduleAction.StartWorkflow("Report", listOf("daily"), WorkflowOptions("daily-report", "reports")),
 *     spec = ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.days))),
 * )
 * client.createSchedule("daily-report", schedule)
 * ```
 */
public data class Schedule(
    val action: ScheduleAction,
    val spec: ScheduleSpec,
    val policy: SchedulePolicy = SchedulePolicy(),
    val state: ScheduleState = ScheduleState(),
)
