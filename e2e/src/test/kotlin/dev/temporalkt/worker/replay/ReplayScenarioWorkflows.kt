package dev.temporalkt.worker.replay

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.TemporalFailure
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.UpdateValidator
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Activities of the replay scenarios. */
class ScenarioActivities {
    @Activity
    suspend fun echo(text: String): String = "echo $text"

    @Activity
    fun refuse(text: String): String = throw ApplicationFailure("refused $text", type = "Refused", nonRetryable = true)

    /** Fails its first attempt, then succeeds. */
    @Activity
    suspend fun failOnce(text: String): String {
        val attempt = activityContext().info.attempt
        if (attempt == 1) throw ApplicationFailure("attempt 1 of $text failed", type = "FirstAttempt")
        return "$text on attempt $attempt"
    }

    /** Waits until cancelled, at most 20 s. */
    @Activity
    suspend fun waitUntilCancelled(): String {
        delay(20_000)
        return "never cancelled"
    }

    /** Heartbeats until cancelled (a cancellation arrives in a heartbeat response), at most 20 s. */
    @Activity
    suspend fun heartbeatUntilCancelled(): String {
        val context = activityContext()
        repeat(400) {
            context.heartbeat(it)
            delay(50)
        }
        return "never cancelled"
    }
}

private val quick = ActivityOptions(startToCloseTimeout = 10.seconds)

/** A timer that fires, a timer cancelled before it fires (the coroutine awaiting it is cancelled), another timer. */
@Workflow(name = "ScenarioTimers")
class TimersWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        coroutineScope {
            val long = async { delay(1.hours) }
            delay(100.milliseconds)
            long.cancel()
        }
        delay(50.milliseconds)
        return "timers done"
    }
}

/** An activity that completes, one that fails, and one cancelled with each cancellation type. */
@Workflow(name = "ScenarioActivities")
class ActivitiesWorkflow {
    @WorkflowRun
    suspend fun run(): List<String> {
        val outcomes = mutableListOf<String>()
        outcomes += Workflow.executeActivity(ScenarioActivities::echo, "a", options = quick)
        outcomes += try {
            Workflow.executeActivity(ScenarioActivities::refuse, "b", options = quick)
        } catch (e: ActivityFailure) {
            "failed: ${e.cause?.message}"
        }
        for (type in ActivityCancellationType.entries) {
            val handle = Workflow.startActivity(
                ScenarioActivities::heartbeatUntilCancelled,
                options = ActivityOptions(startToCloseTimeout = 30.seconds, heartbeatTimeout = 1.seconds, cancellationType = type),
            )
            delay(300.milliseconds)
            handle.cancel()
            outcomes += try {
                "$type: ${handle.await()}"
            } catch (e: ActivityFailure) {
                "$type: ${e::class.simpleName} caused by ${e.cause?.let { it::class.simpleName }}"
            } catch (e: TemporalFailure) {
                "$type: ${e::class.simpleName}"
            }
        }
        return outcomes
    }
}

/** Signals, a query, updates accepted and completed (one after a timer), rejected by the validator and failed. */
@Workflow(name = "ScenarioMessages")
class MessagesWorkflow {
    private val items = mutableListOf<String>()
    private var finished = false

    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.waitCondition { finished }
        return items
    }

    @Signal
    fun add(item: String) {
        items += item
    }

    @Signal
    fun finish() {
        finished = true
    }

    @Query
    fun count(): Int = items.size

    @Update
    suspend fun addChecked(item: String): Int {
        delay(10.milliseconds)
        items += item
        return items.size
    }

    @UpdateValidator("addChecked")
    fun validateAddChecked(item: String) {
        require(item.isNotBlank()) { "item must not be blank" }
    }

    @Update
    fun refuse(item: String): Int = throw ApplicationFailure("refused $item", type = "Refused", nonRetryable = true)
}

/** Waits an hour; a cancel request runs a clean-up activity and cancels the execution. */
@Workflow(name = "ScenarioCancelled")
class CancelledWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        try {
            delay(1.hours)
            return "not cancelled"
        } catch (e: CancellationException) {
            withContext(NonCancellable) { Workflow.executeActivity(ScenarioActivities::echo, "cleanup", options = quick) }
            throw e
        }
    }
}

/** A patch in use and a deprecated patch. */
@Workflow(name = "ScenarioPatches")
class PatchesWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val v2 = Workflow.patched("v2")
        Workflow.deprecatePatch("v1")
        delay(10.milliseconds)
        return if (v2) "v2" else "v1"
    }
}

/** Continues as new until [round] reaches 2. */
@Workflow(name = "ScenarioContinueAsNew")
class ContinueAsNewWorkflow {
    @WorkflowRun
    suspend fun run(round: Int): Int {
        delay(10.milliseconds)
        if (round < 2) Workflow.continueAsNew(round + 1)
        return round
    }
}

/** Fails the execution with an application failure after a timer. */
@Workflow(name = "ScenarioFailure")
class FailureWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        delay(10.milliseconds)
        throw ApplicationFailure("order rejected", type = "Rejected", nonRetryable = true)
    }
}

/**
 * Local activities: one that succeeds, one retried in the worker (a short backoff, below the local retry threshold),
 * one retried after a durable timer (a backoff above the threshold), and one cancelled while it runs.
 */
@Workflow(name = "ScenarioLocalActivities")
class LocalActivitiesWorkflow {
    @WorkflowRun
    suspend fun run(): List<String> {
        val results = mutableListOf<String>()
        results += Workflow.executeLocalActivity(ScenarioActivities::echo, "local", options = LocalActivityOptions(startToCloseTimeout = 10.seconds))
        val retried = LocalActivityOptions(
            startToCloseTimeout = 10.seconds,
            retryPolicy = RetryPolicy(initialInterval = 10.milliseconds, backoffCoefficient = 1.0),
        )
        results += Workflow.executeLocalActivity(ScenarioActivities::failOnce, "in the worker", options = retried)
        val timerBackoff = retried.copy(
            retryPolicy = RetryPolicy(initialInterval = 200.milliseconds, backoffCoefficient = 1.0),
            localRetryThreshold = 100.milliseconds,
        )
        results += Workflow.executeLocalActivity(ScenarioActivities::failOnce, "after a timer", options = timerBackoff)
        val waiting = Workflow.startLocalActivity(ScenarioActivities::waitUntilCancelled, options = LocalActivityOptions(startToCloseTimeout = 30.seconds))
        delay(50.milliseconds)
        waiting.cancel()
        results += try {
            waiting.await()
        } catch (e: ActivityFailure) {
            "cancelled: ${e.cause?.javaClass?.simpleName}"
        }
        return results
    }
}

/**
 * Draws a random number, waits for the `go` signal, draws another: a run reset to its second workflow task draws the
 * first number again (the seed comes from the first run's id) and the second from the seed of the new run.
 */
@Workflow(name = "ScenarioResetDraws")
class ResetDrawsWorkflow {
    private var go = false

    @WorkflowRun
    suspend fun run(): List<Long> {
        val before = Workflow.random().nextLong()
        Workflow.waitCondition { go }
        return listOf(before, Workflow.random().nextLong())
    }

    @Signal
    fun go() {
        go = true
    }
}

/** Every scenario workflow class. */
val scenarioWorkflows = listOf(
    TimersWorkflow::class, ActivitiesWorkflow::class, MessagesWorkflow::class, CancelledWorkflow::class,
    PatchesWorkflow::class, ContinueAsNewWorkflow::class, FailureWorkflow::class, LocalActivitiesWorkflow::class,
    ResetDrawsWorkflow::class,
)

/** [count] one-millisecond timers in a row: five history events each. */
@Workflow(name = "ScenarioManyTimers")
class ManyTimersWorkflow {
    @WorkflowRun
    suspend fun run(count: Int): Int {
        repeat(count) { delay(1.milliseconds) }
        return count
    }
}

/** [count] `echo` activities one after another: about three event batches each. */
@Workflow(name = "ScenarioManyActivities")
class ManyActivitiesWorkflow {
    @WorkflowRun
    suspend fun run(count: Int): Int {
        repeat(count) { Workflow.executeActivity(ScenarioActivities::echo, "$it", options = quick) }
        return count
    }
}
