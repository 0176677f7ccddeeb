package dev.temporalkt.benchmarks.kt

import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlin.time.Duration.Companion.seconds

/** A child of [FanOutWorkflow]: runs one activity and returns its result. */
@Workflow(name = "BenchFanOutChild")
class FanOutChildWorkflow {
    @WorkflowRun
    suspend fun run(input: String): String =
        Workflow.executeActivity(BenchActivities::echo, input, options = ActivityOptions(startToCloseTimeout = 60.seconds))
}
