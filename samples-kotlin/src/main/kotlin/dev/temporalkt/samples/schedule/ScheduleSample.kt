package dev.temporalkt.samples.schedule

import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.schedule.Schedule
import dev.temporalkt.client.schedule.ScheduleAction
import dev.temporalkt.client.schedule.ScheduleIntervalSpec
import dev.temporalkt.client.schedule.ScheduleSpec
import dev.temporalkt.client.schedule.createSchedule
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** The workflow a schedule starts: a daily report. */
@Workflow
class DailyReportWorkflow {
    @WorkflowRun
    suspend fun run(team: String): String = "report for $team as of ${Workflow.now()}"
}

/** What the schedule sample observed. */
data class ScheduleOutcome(val scheduleId: String, val startedWorkflowId: String, val result: String, val actions: Long)

/**
 * Creates a schedule that starts [DailyReportWorkflow] every day, triggers it once now, waits for that run's result,
 * and deletes the schedule.
 */
suspend fun runSchedule(client: Client, scheduleId: String, taskQueue: String = "reports"): ScheduleOutcome =
    Worker(client, taskQueue, workflows = listOf(DailyReportWorkflow::class)).start().use {
        val schedule = client.createSchedule(
            scheduleId,
            Schedule(
                ScheduleAction.StartWorkflow("DailyReportWorkflow", listOf("payments"), WorkflowOptions(id = "$scheduleId-run", taskQueue = taskQueue)),
                ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.days))),
            ),
        )
        try {
            schedule.trigger()
            // The schedule records the run it started; wait for it to show up (a condition, not a fixed pause).
            val started = withTimeout(30.seconds) {
                while (true) {
                    val description = schedule.describe()
                    description.info.recentActions.firstOrNull()?.let { return@withTimeout description to it }
                    delay(200.milliseconds)
                }
                @Suppress("UNREACHABLE_CODE") error("unreachable")
            }
            val (description, action) = started
            val result = client.getWorkflowHandle<String>(action.workflowId).result()
            ScheduleOutcome(scheduleId, action.workflowId, result, description.info.numActions)
        } finally {
            schedule.delete()
        }
    }

/**
 * A schedule. Schedules need a real server (the embedded test server has none): without `TEMPORAL_ADDRESS` or a
 * profile, this sample starts a Temporal CLI dev server (`temporal` on `PATH`).
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.schedule.ScheduleSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run(needsRealServer = "Schedules") { client ->
        val id = SampleServer.uniqueId("daily-report")
        val outcome = runSchedule(client, id)
        println("Schedule ${outcome.scheduleId} (every day) was triggered once; it started workflow ${outcome.startedWorkflowId}")
        println("  which returned '${outcome.result}'; the schedule was then deleted")
    }
}
