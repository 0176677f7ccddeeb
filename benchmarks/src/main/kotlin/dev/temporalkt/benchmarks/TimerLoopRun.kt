package dev.temporalkt.benchmarks

import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.benchmarks.kt.TimerLoopWorkflow
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.EvictionReason
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.internal.replay.EngineOptions
import dev.temporalkt.worker.internal.replay.WorkflowRunEngine
import dev.temporalkt.worker.internal.replay.WorkflowTaskCompletion
import dev.temporalkt.worker.internal.workflow.WorkflowRuntime
import dev.temporalkt.workflow.internal.KotlinWorkflowRuntimes
import dev.temporalkt.workflow.internal.WorkflowInstanceOptions

/**
 * One run of [TimerLoopWorkflow] held the way the worker's cache holds it (a [WorkflowRunEngine] and, from its first
 * activation on, the Kotlin runtime's run) and driven in-process the way the worker processes its workflow tasks: each
 * task goes through `applyWorkflowTask`, then `nextActivation` / `activate` / `applyCompletion` until the engine has no
 * more activations, then `taskCompletion`. The tasks are those of [TimerLoopHistory]. Between tasks the run keeps
 * nothing but the engine and the instance, so the heap it holds is what a cached run of the workflow holds.
 */
@OptIn(InternalTemporalApi::class)
class TimerLoopRun(private val workflowId: String, private val runId: String, private val shared: Shared) {
    /** What every run shares, as every run of a worker does. */
    class Shared(
        val engineOptions: EngineOptions = EngineOptions(),
        val runtimes: KotlinWorkflowRuntimes = KotlinWorkflowRuntimes(
            listOf(TimerLoopWorkflow::class), DataConverter.default, WorkflowInstanceOptions(taskQueue = TASK_QUEUE, namespace = NAMESPACE),
        ),
    )

    private val engine = WorkflowRunEngine(NAMESPACE, TASK_QUEUE, shared.engineOptions)
    private var instance: WorkflowRuntime? = null

    /** Timers fired so far. */
    var timersFired: Int = 0
        private set

    /**
     * Processes the run's first task, then the tasks of [timers] fired timers, one by one; the run is left having
     * just started its next timer, as a cached run waits for it.
     */
    fun drive(timers: Int) {
        var completion = process(TimerLoopHistory.firstTask(workflowId, runId, TASK_QUEUE))
        repeat(timers) {
            val timer = startedTimer(completion)
            timersFired++
            completion = process(TimerLoopHistory.timerFiredTask(workflowId, runId, timersFired, timer, completion.sdkMetadata))
        }
        startedTimer(completion)
    }

    /** Evicts the run as the worker does when it leaves the cache: its coroutines end and its instance is dropped. */
    fun evict() {
        val current = instance ?: return
        instance = null
        val eviction = ActivationJob.RemoveFromCache("benchmark done", EvictionReason.CACHE_FULL)
        current.activate(WorkflowActivation(runId, null, false, 0, listOf(eviction)))
    }

    private fun process(task: PollWorkflowTaskQueueResponse): WorkflowTaskCompletion {
        engine.applyWorkflowTask(task)
        while (true) {
            val activation = engine.nextActivation() ?: break
            val current = instance
                ?: shared.runtimes.create(activation.jobs.filterIsInstance<ActivationJob.InitializeWorkflow>().first()).also { instance = it }
            engine.applyCompletion(current.activate(activation))
        }
        val completion = engine.taskCompletion()
        check(completion.failure == null) { "workflow task of run $runId failed after $timersFired timer(s): ${completion.failure?.message}" }
        return completion
    }

    /** The StartTimer command of [completion], which must be the only command: the next timer of the loop. */
    private fun startedTimer(completion: WorkflowTaskCompletion) =
        completion.commands.singleOrNull()?.takeIf { it.commandType == CommandType.COMMAND_TYPE_START_TIMER }?.startTimerCommandAttributes
            ?: error("run $runId answered timer $timersFired with ${completion.commands.map { it.commandType }} instead of one StartTimer")

    companion object {
        const val NAMESPACE = "default"
        const val TASK_QUEUE = "bench-timer-loop"
    }
}
