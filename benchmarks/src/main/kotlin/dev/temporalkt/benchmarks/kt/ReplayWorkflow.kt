package dev.temporalkt.benchmarks.kt

import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Until stopped by a signal, runs rounds of [fanout] concurrent activities plus a short timer; counts "ping"
 * signals. Issues the same commands as the Java SDK `ReplayWorkflowImpl`, so both replay one recorded history.
 */
@Workflow(name = "BenchReplay")
class ReplayWorkflow {
    private val pings = mutableListOf<String>()
    private var stopped = false

    @WorkflowRun
    suspend fun run(fanout: Int): Int {
        val options = ActivityOptions(startToCloseTimeout = 60.seconds)
        var round = 0
        while (!stopped) {
            val pending = (0 until fanout).map { Workflow.startActivity(BenchActivities::echo, "$round-$it", options = options) }
            delay(1.milliseconds)
            pending.forEach { it.await() }
            round++
        }
        return pings.size
    }

    @Signal
    fun ping(value: String) {
        pings += value
    }

    @Signal
    fun stop() {
        stopped = true
    }
}
