package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import java.util.concurrent.atomic.AtomicInteger
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration

/**
 * A top-level activity that checks, inside the attempt, the times and deadline the server gave it and reports the
 * timeouts it sees.
 */
@Activity
suspend fun inspectAttempt(label: String): String {
    val info = activityContext().info
    val scheduled = checkNotNull(info.scheduledTime) { "the attempt has no scheduled time" }
    val started = checkNotNull(info.startedTime) { "the attempt has no started time" }
    val attemptScheduled = checkNotNull(info.currentAttemptScheduledTime) { "the attempt has no attempt scheduled time" }
    check(!started.isBefore(scheduled)) { "started $started before it was scheduled $scheduled" }
    check(!attemptScheduled.isBefore(scheduled)) { "attempt scheduled $attemptScheduled before the activity $scheduled" }
    val startToClose = checkNotNull(info.startToCloseTimeout) { "no start-to-close timeout" }
    val byStart = started.plus(startToClose.toJavaDuration())
    val bySchedule = info.scheduleToCloseTimeout?.let { scheduled.plus(it.toJavaDuration()) }
    check(info.deadline == listOfNotNull(byStart, bySchedule).min()) {
        "deadline ${info.deadline} is neither start + start-to-close ($byStart) nor scheduled + schedule-to-close ($bySchedule), the earlier"
    }
    return "$label: schedule-to-close ${info.scheduleToCloseTimeout}, start-to-close $startToClose, " +
        "heartbeat ${info.heartbeatTimeout}, attempt ${info.attempt}, local ${info.isLocal}"
}

@Workflow(name = "E2eActivityOptions")
class ActivityOptionsWorkflow {
    @WorkflowRun
    suspend fun run(): List<String> = listOf(
        Workflow.executeActivity(
            ::inspectAttempt, "all timeouts",
            options = ActivityOptions(
                scheduleToCloseTimeout = 60.seconds,
                scheduleToStartTimeout = 30.seconds,
                startToCloseTimeout = 20.seconds,
                heartbeatTimeout = 10.seconds,
                summary = "inspect the attempt",
            ),
        ),
        Workflow.executeActivity(::inspectAttempt, "schedule-to-close only", options = ActivityOptions(scheduleToCloseTimeout = 45.seconds)),
        Workflow.executeLocalActivity(::inspectAttempt, "local", options = LocalActivityOptions(startToCloseTimeout = 15.seconds)),
    )
}

/** A local activity that runs until it is cancelled and records why. */
class CancellableLocalActivities {
    val started = CompletableDeferred<Unit>()
    val observedReason = CompletableDeferred<String>()
    val starts = AtomicInteger()

    @Activity
    suspend fun runUntilCancelled(): String {
        starts.incrementAndGet()
        started.complete(Unit)
        try {
            awaitCancellation()
        } catch (e: CancellationException) {
            observedReason.complete("${activityContext().cancellationReason}")
            throw e
        }
    }
}

@Workflow(name = "E2eCancelLocal")
class CancelLocalWorkflow {
    private var cancelRequested = false

    @WorkflowRun
    suspend fun run(): String {
        val handle = Workflow.startLocalActivity(
            CancellableLocalActivities::runUntilCancelled,
            options = LocalActivityOptions(startToCloseTimeout = 50.seconds, cancellationType = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED),
        )
        Workflow.waitCondition { cancelRequested }
        handle.cancel()
        return outcome(handle)
    }

    @Signal
    fun cancelNow() {
        cancelRequested = true
    }
}

/** Activity options as the server records them and the activity sees them, and local activity cancellation. */
class ActivityOptionsSpec : FunSpec({
    val servers = e2eServers()
    for (server in servers) {
        test("${server.name}: activity timeouts reach the scheduled event and the attempt's info, for a top-level function activity") {
            server.withWorker(listOf(ActivityOptionsWorkflow::class), listOf(::inspectAttempt)) {
                val handle = client.startWorkflow<List<String>>("E2eActivityOptions", options = options("activity-options"))
                handle.result() shouldBe listOf(
                    "all timeouts: schedule-to-close 1m, start-to-close 20s, heartbeat 10s, attempt 1, local false",
                    "schedule-to-close only: schedule-to-close 45s, start-to-close 45s, heartbeat null, attempt 1, local false",
                    "local: schedule-to-close null, start-to-close 15s, heartbeat null, attempt 1, local true",
                )
                val scheduled = events(handle).filter { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED }
                    .map { it.activityTaskScheduledEventAttributes }
                scheduled.map { it.activityType.name } shouldBe listOf("inspectAttempt", "inspectAttempt")
                with(scheduled[0]) {
                    scheduleToCloseTimeout.seconds shouldBe 60
                    scheduleToStartTimeout.seconds shouldBe 30
                    startToCloseTimeout.seconds shouldBe 20
                    heartbeatTimeout.seconds shouldBe 10
                }
                scheduled[1].scheduleToCloseTimeout.seconds shouldBe 45
                replay(handle)
            }
        }

        test("${server.name}: a cancelled local activity is cancelled in the worker and fails the workflow's await") {
            val activities = CancellableLocalActivities()
            server.withWorker(listOf(CancelLocalWorkflow::class), listOf(activities)) {
                val handle = client.startWorkflow<String>("E2eCancelLocal", options = options("cancel-local"))
                userActs {
                    activities.started.await()
                    handle.signal("cancelNow")
                }
                handle.result() shouldBe "ActivityFailure caused by CanceledFailure"
                activities.observedReason.await() shouldBe "CANCEL_REQUESTED"
                events(handle).count {
                    it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && it.markerRecordedEventAttributes.markerName == "core_local_activity"
                } shouldBe 1
                replay(handle)
            }
        }
    }

    val devServer = servers.single { !it.timeSkipping }
    test("dev server: an activity's summary is recorded as user metadata of its scheduled event (dev server only)") {
        devServer.withWorker(listOf(ActivityOptionsWorkflow::class), listOf(::inspectAttempt)) {
            val handle = client.startWorkflow<List<String>>("E2eActivityOptions", options = options("activity-summary"))
            handle.result().size shouldBe 3
            val scheduled = events(handle).filter { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED }
            client.dataConverter.payloadConverter.fromPayload(scheduled[0].userMetadata.summary, typeOf<String>()) shouldBe "inspect the attempt"
            scheduled[1].hasUserMetadata() shouldBe false
            replay(handle)
        }
    }
})
