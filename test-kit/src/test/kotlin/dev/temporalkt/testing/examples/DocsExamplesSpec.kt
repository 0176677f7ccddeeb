package dev.temporalkt.testing.examples

import dev.temporalkt.activity.ActivityCancellationReason
import dev.temporalkt.activity.ActivityCancelledException
import dev.temporalkt.client.typed.executeUpdate
import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.testing.ActivityEnvironment
import dev.temporalkt.testing.ActivityMock
import dev.temporalkt.testing.HistoryAssert
import dev.temporalkt.testing.kotest.TemporalSpecExtension
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Duration as JavaDuration
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.hours

/** The testing examples of the Temporal docs, written with the Kotest extension on the time-skipping server. */
class DocsExamplesSpec : FunSpec({
    val temporal = install(TemporalSpecExtension()) {
        workflows(
            GreetingWorkflow::class, ShoutingWorkflow::class, MonthlyReminderWorkflow::class, ApprovalWorkflow::class,
            DoublerWorkflow::class, LoopingWorkflow::class, CoordinatorWorkflow::class,
        )
    }

    test("a mocked activity replaces the real one under its name") {
        temporal.register(
            ActivityMock.of(GreetingActivities::composeGreeting) { input: ComposeGreetingInput ->
                "${input.greeting}, ${input.name} from mocked activity!"
            },
        )
        temporal.client.executeWorkflow(GreetingWorkflow::run, "World", temporal.workflowOptions()) shouldBe
            "Hello, World from mocked activity!"
        temporal.activityCalls.argumentsOf(GreetingActivities::composeGreeting) shouldBe
            listOf(listOf(ComposeGreetingInput("Hello", "World")))
    }

    test("a blocking fake of a suspend activity, and the calls recorded") {
        temporal.register(ActivityMock.blocking(GreetingActivities::shout) { text: String -> "fake: $text" })
        temporal.client.executeWorkflow(ShoutingWorkflow::run, "Ada", temporal.workflowOptions()) shouldBe "fake: hello, Ada"
        temporal.activityCalls.activityTypes shouldBe listOf("shout")
    }

    test("the real activity runs when it is registered") {
        temporal.register(GreetingActivities())
        temporal.client.executeWorkflow(GreetingWorkflow::run, "World", temporal.workflowOptions()) shouldBe "Hello, World!"
    }

    test("a workflow sleeping 30 days completes at once under automatic time skipping") {
        val before = temporal.environment.currentTime()
        val handle = temporal.client.startWorkflow(MonthlyReminderWorkflow::run, "ada", temporal.workflowOptions())
        handle.result() shouldBe "reminded ada after 30 days"
        (JavaDuration.between(before, temporal.environment.currentTime()) >= JavaDuration.ofDays(30)) shouldBe true
        HistoryAssert.assertThat(handle.fetchHistory()).hasTimerStarted(30.days).hasWorkflowCompleted().hasNoFailedWorkflowTask()
    }

    test("manual time skipping: a signal sent after a simulated delay of two hours") {
        val handle = temporal.client.startWorkflow(ApprovalWorkflow::run, temporal.workflowOptions())
        val before = temporal.environment.currentTime()
        temporal.sleep(2.hours)
        (JavaDuration.between(before, temporal.environment.currentTime()) >= JavaDuration.ofHours(2)) shouldBe true
        handle.signal(ApprovalWorkflow::approve, "ada")
        handle.result() shouldBe "approved by ada"
        HistoryAssert.assertThat(handle.fetchHistory()).hasTimerStarted(1.days).hasSignal("approve")
    }

    test("manual time skipping past the deadline: the approval times out") {
        val handle = temporal.client.startWorkflow(ApprovalWorkflow::run, temporal.workflowOptions())
        temporal.sleep(2.days)
        handle.result() shouldBe "timed out"
    }

    test("a failed assertion in workflow code fails the workflow with its message") {
        temporal.client.executeWorkflow(DoublerWorkflow::run, 21, temporal.workflowOptions()) shouldBe 42
        val failed = shouldThrow<WorkflowFailedException> {
            temporal.client.executeWorkflow(DoublerWorkflow::run, -1, temporal.workflowOptions())
        }
        val cause = failed.cause.shouldBeInstanceOf<ApplicationFailure>()
        cause.type shouldBe "AssertionError"
        cause.message shouldBe "-1 should be > 0"
    }

    test("continue-as-new through a test hook on the history length") {
        val handle = temporal.client.startWorkflow(LoopingWorkflow::run, LoopingInput(target = 6, maxHistoryLength = 10), temporal.workflowOptions())
        handle.result() shouldBe 6
        val runs = temporal.context.histories()
        (runs.size > 1) shouldBe true
        runs.dropLast(1).forEach { HistoryAssert.assertThat(it).hasContinuedAsNew() }
        HistoryAssert.assertThat(runs.last()).hasWorkflowCompleted()
    }

    test("history assertions: child started, update completed, signal received") {
        temporal.register(GreetingActivities())
        val handle = temporal.client.startWorkflow(CoordinatorWorkflow::run, temporal.workflowOptions())
        // awaited in real time: with the clock free until the wait returns, the server could jump past the run's
        // execution timeout right after the update completes, since the run then waits for a signal only
        temporal.environment.withoutAutoTimeSkipping { handle.executeUpdate(CoordinatorWorkflow::note, "first") } shouldBe 2
        handle.signal(CoordinatorWorkflow::finish)
        handle.result() shouldBe listOf("Hello, child!", "first")
        HistoryAssert.assertThat(handle.fetchHistory())
            .hasChildWorkflowStarted(GreetingWorkflow::class)
            .hasUpdateCompleted("note")
            .hasSignal("finish")
            .hasNoActivityScheduled("composeGreeting")
            .hasNoFailedWorkflowTask()
        val missing = shouldThrow<AssertionError> { HistoryAssert.assertThat(handle.fetchHistory()).hasTimerStarted(1.hours) }
        missing.message!!.lines().first() shouldBe "Expected a timer started for PT1H; timers started: none in the history:"
    }

    test("activity heartbeats are captured") {
        val heartbeats = mutableListOf<Any?>()
        val env = ActivityEnvironment(onHeartbeat = { heartbeats += it.single() })
        env.run { HeartbeatActivities().activityWithHeartbeats("test") }
        heartbeats shouldBe listOf("param: test", "second heartbeat")
    }

    test("an activity is cancelled between heartbeats") {
        lateinit var env: ActivityEnvironment
        env = ActivityEnvironment(onHeartbeat = { details -> if (details == listOf(3)) env.cancel() })
        val cancelled = shouldThrow<ActivityCancelledException> { env.run { HeartbeatActivities().countUntilCancelled() } }
        cancelled.reason shouldBe ActivityCancellationReason.CANCEL_REQUESTED
        env.heartbeats shouldBe listOf(listOf(0), listOf(1), listOf(2), listOf(3))
    }
})
