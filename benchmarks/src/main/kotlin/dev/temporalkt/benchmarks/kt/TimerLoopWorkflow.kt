package dev.temporalkt.benchmarks.kt

import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlin.time.Duration.Companion.hours

/** Sleeps an hour, forever: a long-running run whose history is one timer after another. */
@Workflow(name = "BenchTimerLoop")
class TimerLoopWorkflow {
    @WorkflowRun
    suspend fun run() {
        while (true) Workflow.sleep(1.hours)
    }
}
