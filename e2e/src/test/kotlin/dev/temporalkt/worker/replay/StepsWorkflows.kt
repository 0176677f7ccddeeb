package dev.temporalkt.worker.replay

import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds
import dev.temporalkt.workflow.ActivityOptions

private val options = ActivityOptions(startToCloseTimeout = 10.seconds)

/** What every version of "Steps" shares: after its first steps it waits for the signal `release`. */
abstract class ReleasableSteps {
    private var released = false

    @Signal
    fun release() {
        released = true
    }

    protected suspend fun afterRelease(result: String): String {
        Workflow.waitCondition { released }
        return result
    }
}

/**
 * Workflow type "Steps" as first deployed: its first task schedules activity 1 (`echo`) and starts timer 1 (the
 * `async` body runs once the run function suspends); once both are done it waits for the signal `release`.
 * History: 5 ActivityTaskScheduled, 6 TimerStarted.
 */
@Workflow(name = "Steps")
class StepsWorkflow : ReleasableSteps() {
    @WorkflowRun
    suspend fun run(): String {
        val result = coroutineScope {
            val timer = async { delay(100.milliseconds) }
            val echoed = Workflow.executeActivity(ScenarioActivities::echo, "one", options = options)
            timer.await()
            echoed
        }
        return afterRelease(result)
    }
}

/** "Steps" calling activity `refuse` where `echo` was. */
@Workflow(name = "Steps")
class StepsChangedActivityWorkflow : ReleasableSteps() {
    @WorkflowRun
    suspend fun run(): String {
        val result = coroutineScope {
            val timer = async { delay(100.milliseconds) }
            val echoed = Workflow.executeActivity(ScenarioActivities::refuse, "one", options = options)
            timer.await()
            echoed
        }
        return afterRelease(result)
    }
}

/** "Steps" without the timer. */
@Workflow(name = "Steps")
class StepsRemovedTimerWorkflow : ReleasableSteps() {
    @WorkflowRun
    suspend fun run(): String {
        val result = Workflow.executeActivity(ScenarioActivities::echo, "one", options = options)
        return afterRelease(result)
    }
}

/** "Steps" starting a second timer in its first task. */
@Workflow(name = "Steps")
class StepsExtraTimerWorkflow : ReleasableSteps() {
    @WorkflowRun
    suspend fun run(): String {
        val result = coroutineScope {
            val timer = async { delay(100.milliseconds) }
            val echoed = Workflow.executeActivity(ScenarioActivities::echo, "one", options = options)
            val second = async { delay(200.milliseconds) }
            timer.await()
            second.await()
            echoed
        }
        return afterRelease(result)
    }
}

/** "Steps" starting the timer before scheduling the activity. */
@Workflow(name = "Steps")
class StepsReorderedWorkflow : ReleasableSteps() {
    @WorkflowRun
    suspend fun run(): String {
        val result = coroutineScope {
            val echoed = async { Workflow.executeActivity(ScenarioActivities::echo, "one", options = options) }
            delay(100.milliseconds)
            echoed.await()
        }
        return afterRelease(result)
    }
}
