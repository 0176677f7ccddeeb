package dev.temporalkt.samples.timers

import dev.temporalkt.activity.Activity
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.Collections
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.seconds

/** The trial's side effects. */
class TrialActivities {
    /** What the activities did, in order (for the sample's output and its test). */
    val log: MutableList<String> = Collections.synchronizedList(mutableListOf())

    @Activity
    suspend fun sendReminder(subscription: String, number: Int): String = "reminder $number for $subscription".also { log += it }

    @Activity
    suspend fun releaseResources(subscription: String, why: String): String =
        "released the resources of $subscription ($why)".also { log += it }
}

private val quick = ActivityOptions(startToCloseTimeout = 10.seconds)

/**
 * A trial subscription with durable timers and cancellation.
 *
 * A coroutine sends a reminder every [TrialTimes.reminderEverySeconds] (`delay` in workflow code is a durable timer);
 * the run waits for the customer to convert for at most [TrialTimes.trialSeconds] (`waitCondition` with a timeout), then
 * cancels the reminder coroutine. Cancellation interrupts whatever a coroutine waits on with a
 * `CancellationException`; cleanup in `withContext(NonCancellable)` still runs activities. When the client cancels the
 * whole run, the same cleanup runs and rethrowing ends the run as cancelled.
 */
@Workflow
class TrialSubscriptionWorkflow {
    private var converted = false

    @WorkflowRun
    suspend fun run(subscription: String, times: TrialTimes): String = coroutineScope {
        var sent = 0
        val reminders = launch {
            while (true) {
                delay(times.reminderEverySeconds.seconds)
                Workflow.executeActivity(TrialActivities::sendReminder, subscription, ++sent, options = quick)
            }
        }
        try {
            val convertedInTime = Workflow.waitCondition(times.trialSeconds.seconds) { converted }
            reminders.cancel()
            reminders.join()
            if (convertedInTime) "$subscription converted after $sent reminders" else "$subscription's trial ended after $sent reminders"
        } catch (e: CancellationException) {
            withContext(NonCancellable) {
                Workflow.executeActivity(TrialActivities::releaseResources, subscription, "cancelled", options = quick)
            }
            throw e
        }
    }

    @Signal
    fun convert() {
        converted = true
    }
}

/** How long the trial lasts and how often it reminds, in seconds (days on the embedded server, seconds on a real one). */
@kotlinx.serialization.Serializable
data class TrialTimes(val trialSeconds: Long, val reminderEverySeconds: Long) {
    companion object {
        /** A 30-day trial with weekly reminders. */
        val MONTH: TrialTimes = TrialTimes(30.days.inWholeSeconds, 7.days.inWholeSeconds)

        /** A 10-second trial with reminders every 3 seconds, for a real server. */
        val SHORT: TrialTimes = TrialTimes(10, 3)
    }
}

/** What the sample observed for one trial. */
data class TrialOutcome(val result: String, val status: WorkflowExecutionStatus, val activityLog: List<String>)

/** Runs a trial to its end, or cancels it from the client right after starting it when [cancel] is true. */
suspend fun runTrial(client: Client, workflowId: String, times: TrialTimes, cancel: Boolean, taskQueue: String = "trials"): TrialOutcome {
    val activities = TrialActivities()
    return Worker(client, taskQueue, workflows = listOf(TrialSubscriptionWorkflow::class), activities = listOf(activities)).start().use {
        val handle = client.startWorkflow(TrialSubscriptionWorkflow::run, workflowId, times, WorkflowOptions(id = workflowId, taskQueue = taskQueue))
        if (cancel) handle.cancel("the customer unsubscribed")
        val result = try {
            handle.result()
        } catch (e: WorkflowFailedException) {
            "failed with ${e.cause?.let { it::class.simpleName }}"
        }
        TrialOutcome(result, handle.describe().status, activities.log.toList())
    }
}

/**
 * Timers and cancellation with cleanup: one trial runs out (a month of timers, which pass at once on the embedded
 * server), another is cancelled by the client.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.timers.TimerCancellationSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val times = if (SampleServer.skipsTime) TrialTimes.MONTH else TrialTimes.SHORT
        for (cancel in listOf(false, true)) {
            val id = SampleServer.uniqueId(if (cancel) "trial-cancelled" else "trial")
            val outcome = runTrial(client, id, times, cancel)
            println("Workflow $id${if (cancel) " (cancelled by the client)" else ""}: ${outcome.result}; status ${outcome.status}")
            outcome.activityLog.forEach { println("  activity: $it") }
        }
    }
}
