package dev.temporalkt.benchmarks.kt

import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlin.time.Duration.Companion.seconds

/**
 * Runs [steps][run] activities one after the other: every activity completion gives the run a new workflow task, which
 * the server puts on the sticky queue of the worker that has the run cached.
 */
@Workflow(name = "BenchSteps")
class StepsWorkflow {
    @WorkflowRun
    suspend fun run(steps: Int): Int {
        repeat(steps) { step ->
            Workflow.executeActivity(BenchActivities::echo, "step-$step", options = ActivityOptions(startToCloseTimeout = 60.seconds))
        }
        return steps
    }
}
