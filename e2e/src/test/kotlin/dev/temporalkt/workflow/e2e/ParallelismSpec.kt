package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.converter.DefaultPayloadConverter
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.withTimeout
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class QuoteActivities {
    /** A supplier's quote, after [pauseMillis] of pretend work. */
    @Activity
    suspend fun quote(supplier: String, pauseMillis: Long): String {
        delay(pauseMillis.milliseconds)
        return "$supplier quote"
    }
}

private val QUOTE_OPTIONS = ActivityOptions(startToCloseTimeout = 10.seconds)

@Workflow(name = "E2eFanOut")
class FanOutWorkflow {
    @WorkflowRun
    suspend fun run(suppliers: List<String>): List<String> = coroutineScope {
        suppliers.map { supplier -> async { Workflow.executeActivity(QuoteActivities::quote, supplier, 0L, options = QUOTE_OPTIONS) } }
            .awaitAll()
    }
}

@Workflow(name = "E2eQuoteRace")
class QuoteRaceWorkflow {
    /** Asks every supplier at once (the first ones take longest) and lists the quotes as they arrive. */
    @WorkflowRun
    suspend fun run(suppliers: List<String>, pauseStepMillis: Long): List<String> = coroutineScope {
        val quotes = suppliers.mapIndexed { index, supplier ->
            val pause = (suppliers.size - 1 - index) * pauseStepMillis
            async { Workflow.executeActivity(QuoteActivities::quote, supplier, pause, options = QUOTE_OPTIONS) }
        }
        Workflow.asCompleted(quotes).map { it.await() }.toList()
    }
}

@Workflow(name = "E2eDeadlines")
class DeadlinesWorkflow {
    /** A deadline met (its timer is cancelled), a deadline missed (its timer fires), and a sleep with a summary. */
    @WorkflowRun
    suspend fun run(waitMillis: Long): List<String> {
        val quick = withTimeout(1.hours) { Workflow.executeActivity(QuoteActivities::quote, "quick", 0L, options = QUOTE_OPTIONS) }
        val late = try {
            withTimeout(waitMillis.milliseconds) {
                Workflow.waitCondition { false }
                "never"
            }
        } catch (e: TimeoutCancellationException) {
            "timed out"
        }
        Workflow.sleep(waitMillis.milliseconds, summary = "cool-down")
        return listOf(quick, late)
    }
}

/** Concurrency inside workflow code (async/awaitAll, asCompleted, withTimeout), end to end on both servers, replayed. */
class ParallelismSpec : FunSpec({
    val workflows = listOf(FanOutWorkflow::class, QuoteRaceWorkflow::class, DeadlinesWorkflow::class)
    val activities = listOf(QuoteActivities())
    val converter = DefaultPayloadConverter()

    for (server in e2eServers()) {
        test("${server.name}: async activities awaited with awaitAll are scheduled in one workflow task; results keep their order") {
            server.withWorker(workflows, activities) {
                val handle = client.startWorkflow<List<String>>("E2eFanOut", listOf("a", "b", "c"), options = options("fan-out"))
                handle.result() shouldBe listOf("a quote", "b quote", "c quote")
                val scheduled = events(handle).filter { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED }
                scheduled.size shouldBe 3
                scheduled.map { it.activityTaskScheduledEventAttributes.workflowTaskCompletedEventId }.toSet().size shouldBe 1
                replay(handle)
            }
        }

        test("${server.name}: asCompleted gives the activity results in the order history records their completions") {
            server.withWorker(workflows, activities) {
                val suppliers = listOf("north", "east", "south", "west")
                val handle = client.startWorkflow<List<String>>("E2eQuoteRace", suppliers, 200L, options = options("race"))
                val result = handle.result()
                val completions = events(handle).filter { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED }.map {
                    converter.fromPayload(it.activityTaskCompletedEventAttributes.result.getPayloads(0), typeOf<String>())
                }
                result shouldBe completions
                result.toSet() shouldBe suppliers.map { "$it quote" }.toSet()
                replay(handle)
            }
        }

        // The embedded server skips the whole day; the dev server really waits, so it gets a short one.
        val wait = if (server.timeSkipping) 1.days else 300.milliseconds
        test("${server.name}: withTimeout in workflow code runs on a durable timer, cancelled when met and fired when missed") {
            server.withWorker(workflows, activities) {
                val handle = client.startWorkflow<List<String>>("E2eDeadlines", wait.inWholeMilliseconds, options = options("deadlines"))
                handle.result() shouldBe listOf("quick quote", "timed out")
                val events = events(handle)
                val started = events.filter { it.eventType == EventType.EVENT_TYPE_TIMER_STARTED }
                started.map { it.timerStartedEventAttributes.startToFireTimeout.seconds } shouldBe
                    listOf(3600L, wait.inWholeSeconds, wait.inWholeSeconds)
                val cancelled = events.filter { it.eventType == EventType.EVENT_TYPE_TIMER_CANCELED }
                cancelled.map { it.timerCanceledEventAttributes.timerId } shouldBe listOf(started[0].timerStartedEventAttributes.timerId)
                val fired = events.filter { it.eventType == EventType.EVENT_TYPE_TIMER_FIRED }
                fired.map { it.timerFiredEventAttributes.timerId } shouldBe started.drop(1).map { it.timerStartedEventAttributes.timerId }
                started.map { if (it.hasUserMetadata() && it.userMetadata.hasSummary()) converter.fromPayload(it.userMetadata.summary, typeOf<String>()) else null } shouldBe
                    listOf(null, null, "cool-down")
                replay(handle)
            }
        }
    }
})
