package dev.temporalkt.client

import dev.temporalkt.client.schedule.Schedule
import dev.temporalkt.client.schedule.ScheduleAction
import dev.temporalkt.client.schedule.ScheduleAlreadyRunningException
import dev.temporalkt.client.schedule.ScheduleBackfill
import dev.temporalkt.client.schedule.ScheduleCalendarSpec
import dev.temporalkt.client.schedule.ScheduleIntervalSpec
import dev.temporalkt.client.schedule.ScheduleInterceptor
import dev.temporalkt.client.schedule.ScheduleOutboundInterceptor
import dev.temporalkt.client.schedule.ScheduleOverlapPolicy
import dev.temporalkt.client.schedule.SchedulePolicy
import dev.temporalkt.client.schedule.ScheduleRange
import dev.temporalkt.client.schedule.ScheduleSpec
import dev.temporalkt.client.schedule.ScheduleState
import dev.temporalkt.client.schedule.UpdateScheduleInput
import dev.temporalkt.client.schedule.createSchedule
import dev.temporalkt.client.schedule.listSchedules
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import dev.temporalkt.testing.SharedServers
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.flow.toList
import java.time.Instant
import java.time.temporal.ChronoUnit
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/** Schedules exist on the dev server only: the embedded test server does not implement them. */
class ClientScheduleSpec : FunSpec({
    val target = { SharedServers.devServer().target }

    fun action(id: String) = ScheduleAction.StartWorkflow(
        "Report", listOf("daily"),
        WorkflowOptions(id = id, taskQueue = "reports-$id", runTimeout = 1.hours, memo = mapOf("owner" to "ops"), staticSummary = "Daily report"),
    )

    test("dev server: create with every spec part, describe it back, and refuse a duplicate id (dev server only)") {
        withClient(target()) { client ->
            val id = uniqueId("schedule-full")
            val weekdays = ScheduleCalendarSpec(
                hour = listOf(ScheduleRange(9)), minute = listOf(ScheduleRange(30)), dayOfWeek = listOf(ScheduleRange(1, 5)), comment = "weekdays",
            )
            val christmas = ScheduleCalendarSpec(month = listOf(ScheduleRange(12)), dayOfMonth = listOf(ScheduleRange(25)))
            val start = Instant.parse("2030-01-01T00:00:00Z")
            val schedule = Schedule(
                action = action(id),
                spec = ScheduleSpec(
                    calendars = listOf(weekdays),
                    intervals = listOf(ScheduleIntervalSpec(6.hours, 15.minutes)),
                    cronExpressions = listOf("0 12 * * *"),
                    skip = listOf(christmas),
                    startAt = start,
                    endAt = start.plus(365, ChronoUnit.DAYS),
                    jitter = 30.seconds,
                    timeZoneName = "Europe/Paris",
                ),
                policy = SchedulePolicy(ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow = 2.days, pauseOnFailure = true),
                state = ScheduleState(note = "created by test", paused = true, limitedActions = true, remainingActions = 5),
            )
            val handle = client.createSchedule(id, schedule, memo = mapOf("team" to "ops"))
            val described = handle.describe()
            described.id shouldBe id
            val spec = described.schedule.spec
            spec.calendars shouldContain weekdays
            // The server turns cron strings into calendars: noon every day.
            spec.calendars shouldContain ScheduleCalendarSpec(hour = listOf(ScheduleRange(12)), comment = spec.calendars.last().comment)
            spec.intervals shouldBe listOf(ScheduleIntervalSpec(6.hours, 15.minutes))
            spec.skip shouldBe listOf(christmas)
            spec.startAt shouldBe start
            spec.jitter shouldBe 30.seconds
            spec.timeZoneName shouldBe "Europe/Paris"
            described.schedule.policy shouldBe schedule.policy
            described.schedule.state shouldBe schedule.state
            val readAction = described.schedule.action.shouldBeInstanceOf<ScheduleAction.StartWorkflow>()
            readAction.workflowType shouldBe "Report"
            readAction.options.id shouldBe id
            readAction.options.runTimeout shouldBe 1.hours
            readAction.options.staticSummary shouldBe "Daily report"
            readAction.encodedArgs!!.getPayloads(0).data.toStringUtf8() shouldBe "\"daily\""
            (readAction.options.memo["owner"] as dev.temporalkt.api.common.v1.Payload).data.toStringUtf8() shouldBe "\"ops\""
            described.memo.getValue("team").data.toStringUtf8() shouldBe "\"ops\""
            described.info.nextActionTimes.first().isBefore(start) shouldBe false

            shouldThrow<ScheduleAlreadyRunningException> { client.createSchedule(id, schedule) }.scheduleId shouldBe id
            handle.delete()
        }
    }

    test("dev server: update, pause, unpause, list and delete a schedule (dev server only)") {
        withClient(target()) { client ->
            val id = uniqueId("schedule-manage")
            val handle = client.createSchedule(id, Schedule(action(id), ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.days)))))
            handle.update { description ->
                description.schedule.copy(
                    spec = description.schedule.spec.copy(intervals = listOf(ScheduleIntervalSpec(2.days))),
                    state = description.schedule.state.copy(note = "every other day"),
                )
            }
            var updated = handle.describe()
            updated.schedule.spec.intervals shouldBe listOf(ScheduleIntervalSpec(2.days))
            updated.schedule.state.note shouldBe "every other day"
            // The arguments read back are kept by the update.
            updated.schedule.action.shouldBeInstanceOf<ScheduleAction.StartWorkflow>().encodedArgs!!.getPayloads(0).data.toStringUtf8() shouldBe "\"daily\""
            handle.update { null }

            // A change made between the read and the write makes the write conflict. The dev server drops the stale
            // write instead of reporting the conflict: the concurrent change survives (without the conflict token
            // the stale write would overwrite it).
            var calls = 0
            handle.update { description ->
                calls++
                if (calls == 1) {
                    handle.update { it.schedule.copy(state = it.schedule.state.copy(note = "concurrent change")) }
                    // the server applies an update asynchronously: the stale write must come after it took effect
                    eventually(1.minutes) { handle.describe().schedule.state.note shouldBe "concurrent change" }
                }
                description.schedule.copy(state = description.schedule.state.copy(note = "after ${description.schedule.state.note}"))
            }
            calls shouldBe 1
            handle.describe().schedule.state.note shouldBe "concurrent change"

            handle.pause("maintenance")
            updated = handle.describe()
            updated.schedule.state.paused shouldBe true
            updated.schedule.state.note shouldBe "maintenance"
            handle.unpause("back")
            updated = handle.describe()
            updated.schedule.state.paused shouldBe false
            updated.schedule.state.note shouldBe "back"

            eventually(1.minutes) {
                val listed = client.listSchedules().toList().single { it.id == id }
                listed.workflowType shouldBe "Report"
                listed.note shouldBe "back"
            }
            handle.delete()
            shouldThrow<RpcException> { handle.describe() }.code shouldBe RpcStatusCode.NOT_FOUND
        }
    }

    test("dev server: an update whose write fails with FAILED_PRECONDITION is read and written again (dev server only)") {
        var failuresLeft = 1
        val writes = mutableListOf<String>()
        val conflicting = ScheduleInterceptor { next ->
            object : ScheduleOutboundInterceptor(next) {
                override suspend fun updateSchedule(input: UpdateScheduleInput) {
                    writes += input.schedule.state.note
                    if (failuresLeft-- > 0) throw RpcException(RpcStatusCode.FAILED_PRECONDITION, "conflict token does not match")
                    super.updateSchedule(input)
                }
            }
        }
        withClient(target(), ClientOptions(interceptors = listOf(conflicting))) { client ->
            val id = uniqueId("schedule-retry")
            val handle = client.createSchedule(id, Schedule(action(id), ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.days)))))
            var runs = 0
            handle.update { description ->
                runs++
                description.schedule.copy(state = description.schedule.state.copy(note = "attempt $runs"))
            }
            runs shouldBe 2
            writes shouldBe listOf("attempt 1", "attempt 2")
            handle.describe().schedule.state.note shouldBe "attempt 2"

            // Out of attempts: the last conflict reaches the caller.
            failuresLeft = 2
            val error = shouldThrow<RpcException> {
                handle.update(maxAttempts = 2) { it.schedule.copy(state = it.schedule.state.copy(note = "never stored")) }
            }
            error.code shouldBe RpcStatusCode.FAILED_PRECONDITION
            error.rpcMessage shouldBe "conflict token does not match"
            handle.describe().schedule.state.note shouldBe "attempt 2"
            handle.delete()
        }
    }

    test("dev server: listSchedules with pageSize = 1 returns every schedule across pages (dev server only)") {
        withClient(target()) { client ->
            val key = dev.temporalkt.common.SearchAttributeKey.forKeyword("CustomKeywordField")
            val tag = uniqueId("listed-schedules")
            val ids = (1..3).map { uniqueId("schedule-page-$it") }
            val handles = ids.map { id ->
                client.createSchedule(
                    id,
                    Schedule(action(id), ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.days))), state = ScheduleState(paused = true)),
                    searchAttributes = dev.temporalkt.common.buildSearchAttributes { set(key, tag) },
                )
            }
            eventually(1.minutes) {
                client.listSchedules("CustomKeywordField = '$tag'", pageSize = 1).toList().map { it.id }.sorted() shouldBe ids.sorted()
            }
            handles.forEach { it.delete() }
        }
    }

    test("dev server: trigger and backfill start workflows (dev server only)") {
        withClient(target()) { client ->
            val id = uniqueId("schedule-run")
            val handle = client.createSchedule(
                id,
                Schedule(
                    action(id),
                    ScheduleSpec(intervals = listOf(ScheduleIntervalSpec(1.minutes))),
                    SchedulePolicy(overlap = ScheduleOverlapPolicy.ALLOW_ALL),
                    ScheduleState(paused = true),
                ),
            )
            handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL)
            eventually(30.seconds) {
                val info = handle.describe().info
                info.numActions shouldBe 1
                info.recentActions.single().workflowId shouldStartWith "$id-"
            }
            val end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES)
            val start = end.minus(3, ChronoUnit.MINUTES)
            handle.backfill(ScheduleBackfill(start, end, ScheduleOverlapPolicy.ALLOW_ALL))
            eventually(30.seconds) {
                val info = handle.describe().info
                val backfilled = info.recentActions.map { it.scheduledAt }.filter { !it.isAfter(end) }
                backfilled.size shouldBeInRange 3..4
                backfilled.forEach { (!it.isBefore(start)) shouldBe true }
            }
            for ((workflowId, runId) in handle.describe().info.runningWorkflows) {
                client.getWorkflowHandle<String>(workflowId, runId).terminate("schedule test done")
            }
            handle.delete()
        }
    }

    test("schedule building blocks reject bad values with guidance") {
        shouldThrow<IllegalArgumentException> { ScheduleRange(5, 3) }.message shouldContain "must not be less than start"
        shouldThrow<IllegalArgumentException> { ScheduleIntervalSpec(1.minutes, 2.minutes) }.message shouldContain "less than every"
        shouldThrow<IllegalArgumentException> { ScheduleState(limitedActions = true) }.message shouldContain "remainingActions > 0"
    }
})
