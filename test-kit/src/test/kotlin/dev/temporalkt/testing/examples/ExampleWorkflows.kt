package dev.temporalkt.testing.examples

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.matchers.ints.shouldBeGreaterThan
import kotlinx.serialization.Serializable
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.seconds

// The workflows and activities of the testing examples, shared by the Kotlin specs and the Java tests.

/** The input of [GreetingActivities.composeGreeting]. */
@Serializable
data class ComposeGreetingInput(val greeting: String, val name: String)

class GreetingActivities {
    @Activity
    fun composeGreeting(input: ComposeGreetingInput): String = "${input.greeting}, ${input.name}!"

    @Activity
    suspend fun shout(text: String): String = text.uppercase()
}

@Workflow(name = "GreetingWorkflow")
class GreetingWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String =
        Workflow.executeActivity(
            GreetingActivities::composeGreeting, ComposeGreetingInput("Hello", name),
            options = ActivityOptions(startToCloseTimeout = 10.seconds),
        )
}

@Workflow(name = "ShoutingWorkflow")
class ShoutingWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String =
        Workflow.executeActivity(GreetingActivities::shout, "hello, $name", options = ActivityOptions(startToCloseTimeout = 10.seconds))
}

/** Sleeps for 30 days, then says when it woke up. */
@Workflow(name = "MonthlyReminder")
class MonthlyReminderWorkflow {
    @WorkflowRun
    suspend fun run(to: String): String {
        val start = Workflow.now()
        Workflow.sleep(30.days)
        return "reminded $to after ${java.time.Duration.between(start, Workflow.now()).toDays()} days"
    }
}

/** Waits up to a day for an approval signal. */
@Workflow(name = "Approval")
class ApprovalWorkflow {
    private var approvedBy: String? = null

    @WorkflowRun
    suspend fun run(): String {
        val approved = Workflow.waitCondition(1.days) { approvedBy != null }
        return if (approved) "approved by $approvedBy" else "timed out"
    }

    @Signal
    fun approve(by: String) {
        approvedBy = by
    }
}

/** Asserts on its input inside workflow code. */
@Workflow(name = "Doubler")
class DoublerWorkflow {
    @WorkflowRun
    suspend fun run(n: Int): Int {
        n shouldBeGreaterThan 0
        return n * 2
    }
}

/** The state a [LoopingWorkflow] run carries into the next. */
@Serializable
data class LoopingInput(val iteration: Int = 0, val target: Int, val maxHistoryLength: Int? = null)

/**
 * Counts to its target, one hour per step, continuing as new when the server suggests it or, as a test hook, when the
 * history is longer than [LoopingInput.maxHistoryLength].
 */
@Workflow(name = "Looping")
class LoopingWorkflow {
    @WorkflowRun
    suspend fun run(input: LoopingInput): Int {
        var iteration = input.iteration
        while (iteration < input.target) {
            Workflow.sleep(1.hours)
            iteration++
            if (shouldContinueAsNew(input.maxHistoryLength)) Workflow.continueAsNew(input.copy(iteration = iteration))
        }
        return iteration
    }

    private fun shouldContinueAsNew(maxHistoryLength: Int?): Boolean =
        Workflow.isContinueAsNewSuggested() || (maxHistoryLength != null && Workflow.historyLength() > maxHistoryLength)
}

/** Starts a child, takes an update, and returns when told. */
@Workflow(name = "Coordinator")
class CoordinatorWorkflow {
    private var done = false
    private val notes = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        notes += Workflow.executeChildWorkflow(GreetingWorkflow::run, "child")
        Workflow.waitCondition { done }
        return notes
    }

    @Update
    suspend fun note(text: String): Int {
        Workflow.waitCondition { notes.isNotEmpty() }   // after the child's greeting
        notes += text
        return notes.size
    }

    @Signal
    fun finish() {
        done = true
    }
}

class HeartbeatActivities {
    @Activity
    fun activityWithHeartbeats(param: String) {
        val context = ActivityContext.current()
        context.heartbeat("param: $param")
        context.heartbeat("second heartbeat")
    }

    /** Heartbeats its progress until cancelled, then says how far it got. */
    @Activity
    fun countUntilCancelled(): Int {
        val context = ActivityContext.current()
        var count = 0
        while (true) {
            context.heartbeat(count)
            context.throwIfCancelled()
            count++
        }
    }
}
