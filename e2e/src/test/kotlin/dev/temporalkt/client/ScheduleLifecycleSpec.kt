package dev.temporalkt.client

import dev.temporalkt.client.schedule.Schedule
import dev.temporalkt.client.schedule.ScheduleAction
import dev.temporalkt.client.schedule.ScheduleBackfill
import dev.temporalkt.client.schedule.ScheduleIntervalSpec
import dev.temporalkt.client.schedule.ScheduleOverlapPolicy
import dev.temporalkt.client.schedule.SchedulePolicy
import dev.temporalkt.client.schedule.ScheduleSpec
import dev.temporalkt.client.schedule.createSchedule
import dev.temporalkt.client.schedule.listSchedules
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.toList
import java.time.Instant
import java.time.temporal.ChronoUnit
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

@Workflow(name = "ScheduledReport")
class ScheduledReportWorkflow {
    @WorkflowRun
    suspend fun run(period: String): String = "report for $period"
}

/**
 * One schedule through its whole life, in order, with a worker running what it starts: create → describe → list →
 * update the argument → pause → trigger while paused → backfill three runs → every run visible in list and count →
 * delete. Schedules exist on the dev server only.
 */
class ScheduleLifecycleSpec : FunSpec({
    test("dev server: schedule lifecycle from creation to deletion, with triggered and backfilled runs visible (dev server only)") {
        withClient(SharedServers.devServer().target) { client ->
            val id = uniqueId("lifecycle")
            val taskQueue = "lifecycle-$id"
            Worker(client, taskQueue, workflows = listOf(ScheduledReportWorkflow::class)).start().use {
                val handle = client.createSchedule(
                    id,
                    Schedule(
                        ScheduleAction.StartWorkflow("ScheduledReport", listOf("daily"), WorkflowOptions(id = "$id-run", taskQueue = taskQueue)),
                        ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.minutes))),
                        SchedulePolicy(overlap = ScheduleOverlapPolicy.ALLOW_ALL),
                    ),
                )

                // describe
                val described = handle.describe()
                described.schedule.action.shouldBeStartWorkflow().workflowType shouldBe "ScheduledReport"
                described.schedule.spec.intervals shouldBe listOf(ScheduleIntervalSpec(1.minutes))

                // list
                eventually(1.minutes) { client.listSchedules().toList().map { it.id }.contains(id) shouldBe true }

                // update the argument
                handle.update { current ->
                    current.schedule.copy(
                        action = ScheduleAction.StartWorkflow("ScheduledReport", listOf("weekly"), WorkflowOptions(id = "$id-run", taskQueue = taskQueue)),
                    )
                }
                handle.describe().schedule.action.shouldBeStartWorkflow().encodedArgs!!.getPayloads(0).data.toStringUtf8() shouldBe "\"weekly\""

                // pause, then trigger while paused: a trigger runs even though the schedule is paused
                handle.pause("quiet period")
                handle.describe().schedule.state.paused shouldBe true
                handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL)
                eventually(30.seconds) { handle.describe().info.numActions shouldBe 1 }

                // backfill three runs: whole minutes start, start+1m, start+2m
                val start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES)
                handle.backfill(ScheduleBackfill(start, start.plusSeconds(150), ScheduleOverlapPolicy.ALLOW_ALL))
                eventually(30.seconds) { handle.describe().info.numActions shouldBe 4 }

                // every run is visible through visibility, and they all ran the updated argument
                val query = "TemporalScheduledById = '$id'"
                eventually(1.minutes) {
                    val runs = client.listWorkflows(query).toList()
                    runs.size shouldBe 4
                    client.countWorkflows(query).count shouldBe 4L
                    runs.map { it.workflowType } shouldContainExactlyInAnyOrder List(4) { "ScheduledReport" }
                }
                for (run in client.listWorkflows(query).toList()) {
                    client.getWorkflowHandle<String>(run.workflowId, run.runId).result() shouldBe "report for weekly"
                }

                // delete
                handle.delete()
                shouldThrow<RpcException> { handle.describe() }.code shouldBe RpcStatusCode.NOT_FOUND
            }
        }
    }
})

private fun ScheduleAction.shouldBeStartWorkflow(): ScheduleAction.StartWorkflow =
    this as? ScheduleAction.StartWorkflow ?: error("expected a start-workflow action, got $this")
