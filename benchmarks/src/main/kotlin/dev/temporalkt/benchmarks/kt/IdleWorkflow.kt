package dev.temporalkt.benchmarks.kt

import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlin.time.Duration.Companion.seconds

/** Runs one activity, then waits (cached, idle) until released by a signal. */
@Workflow(name = "BenchIdle")
class IdleWorkflow {
    private var released = false

    @WorkflowRun
    suspend fun run(input: String): String {
        val result = Workflow.executeActivity(BenchActivities::echo, input, options = ActivityOptions(startToCloseTimeout = 60.seconds))
        Workflow.waitCondition { released }
        return result
    }

    @Signal
    fun release() {
        released = true
    }
}
