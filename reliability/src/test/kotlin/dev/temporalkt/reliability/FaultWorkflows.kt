package dev.temporalkt.reliability

import dev.temporalkt.activity.Activity
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** The activity of [StepsWorkflow]: does [workMillis] of work, then records `<runKey> <step>` in [log]. */
class StepActivities(private val log: ExecutionLog, private val workMillis: Long) {
    @Activity
    suspend fun step(runKey: String, step: Int): String {
        if (workMillis > 0) delay(workMillis)
        log.record(entry(runKey, step))
        return result(runKey, step)
    }

    companion object {
        /** The line [step] records. */
        fun entry(runKey: String, step: Int): String = "$runKey $step"

        /** What [step] returns, and so what a run of [StepsWorkflow] returns for each step. */
        fun result(runKey: String, step: Int): String = "$runKey:$step"
    }
}

/**
 * Runs [steps] activities one after the other and returns their results. With `gated`, the last step waits for the
 * `release` signal (so a test knows no run can finish before it signals); with `pauseMillis > 0`, a durable timer
 * runs before the last step.
 */
@Workflow(name = "FaultSteps")
class StepsWorkflow {
    private var released = false

    @WorkflowRun
    suspend fun run(runKey: String, steps: Int, gated: Boolean, pauseMillis: Long): List<String> {
        val results = mutableListOf<String>()
        for (step in 1..steps) {
            if (step == steps) {
                if (gated) Workflow.waitCondition { released }
                if (pauseMillis > 0) delay(pauseMillis.milliseconds)
            }
            results += Workflow.executeActivity(StepActivities::step, runKey, step, options = STEP_OPTIONS)
        }
        return results
    }

    @Signal
    fun release() {
        released = true
    }

    companion object {
        /** Short timeouts and retries, so an attempt lost with a killed worker is retried within seconds. */
        val STEP_OPTIONS = ActivityOptions(
            startToCloseTimeout = 4.seconds,
            retryPolicy = RetryPolicy(initialInterval = 200.milliseconds, maximumInterval = 1.seconds),
        )

        /** The result of a run with [runKey] and [steps] steps. */
        fun expectedResult(runKey: String, steps: Int): List<String> = (1..steps).map { StepActivities.result(runKey, it) }
    }
}

/** Activities that exhaust the worker JVM's resources. */
class ExhaustingActivities {
    /** Allocates 1 MiB arrays and keeps them until the heap is exhausted. */
    @Activity
    fun exhaustHeap(): Int {
        val hoard = ArrayList<ByteArray>()
        while (true) hoard += ByteArray(1 shl 20)
    }
}

/** Runs [ExhaustingActivities.exhaustHeap] once (no retries). */
@Workflow(name = "FaultExhaustHeap")
class HeapExhaustingWorkflow {
    @WorkflowRun
    suspend fun run(): Int = Workflow.executeActivity(
        ExhaustingActivities::exhaustHeap,
        options = ActivityOptions(startToCloseTimeout = 60.seconds, retryPolicy = RetryPolicy(maximumAttempts = 1)),
    )
}

/** Workflow code that recurses until the stack overflows. */
@Workflow(name = "FaultStackOverflow")
class StackOverflowWorkflow {
    @WorkflowRun
    suspend fun run(start: Int): Int = descend(start)

    private fun descend(depth: Int): Int = if (depth < 0) 0 else descend(depth + 1) + 1
}
