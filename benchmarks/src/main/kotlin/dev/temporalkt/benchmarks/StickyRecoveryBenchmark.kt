package dev.temporalkt.benchmarks

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.TimeoutType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.sync.withPermit
import java.util.UUID

/**
 * Sticky-queue starvation under a backlog, measured: starts two temporal-kt worker processes on one task queue of a
 * dev server of its own, starts `workflows` `BenchSteps` runs (`steps` activities one after the other) at once, kills
 * one worker (SIGKILL) once the workers are into the runs, starts a replacement, waits for every run to complete and
 * counts, in the histories, the workflow tasks that timed out waiting for a worker (`WorkflowTaskTimedOut` with
 * `TIMEOUT_TYPE_SCHEDULE_TO_START`), by the queue the task was scheduled on:
 *  - the killed worker's sticky queue: unavoidable, the server moves such a task to the normal queue only after the
 *    sticky schedule-to-start timeout (10 s);
 *  - a live worker's sticky queue: a task that waited for a worker that was up: the starvation this measures;
 *  - the normal queue.
 *
 * Usage: `StickyRecoveryBenchmark [workflows=400] [steps=5]`. Not a test; the figures go to stdout.
 */
object StickyRecoveryBenchmark {
    @JvmStatic
    fun main(args: Array<String>) {
        val workflows = args.getOrNull(0)?.toInt() ?: 400
        val steps = args.getOrNull(1)?.toInt() ?: 5
        DevServer.start().use { server -> run(server, workflows, steps) }
    }

    fun run(server: DevServer, workflows: Int, steps: Int) = runBlocking(Dispatchers.Default) {
        val launcher = WorkerLauncher(server, emptyList())
        val taskQueue = "sticky-recovery-${UUID.randomUUID()}"
        val (killed, _) = launcher.start(Variant.KT, taskQueue, workflows, "worker-killed")
        val (live, _) = launcher.start(Variant.KT, taskQueue, workflows, "worker-live")
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), BenchmarkTracing.clientOptions())
        val started = System.nanoTime()
        val starts = Semaphore(64)
        val handles: List<WorkflowHandle<Int>> = (1..workflows).map { i ->
            async {
                starts.withPermit {
                    client.startWorkflow<Int>("BenchSteps", steps, options = WorkflowOptions(id = "steps-$i-${UUID.randomUUID()}", taskQueue = taskQueue))
                }
            }
        }.awaitAll()
        println("started $workflows workflows of $steps steps in ${(System.nanoTime() - started) / 1_000_000} ms")
        // the workers are into the runs (each has runs cached with tasks on its sticky queue) once a fifth of the
        // activities ran
        while (killed.stats().activities + live.stats().activities < workflows.toLong() * steps / 5) delay(100)
        val killedPid = killed.pid
        killed.kill()
        println("killed worker $killedPid after ${(System.nanoTime() - started) / 1_000_000} ms")
        val (replacement, _) = launcher.start(Variant.KT, taskQueue, workflows, "worker-replacement")
        handles.map { async { it.result() } }.awaitAll()
        println("all $workflows workflows completed after ${(System.nanoTime() - started) / 1_000_000} ms")
        var onKilledSticky = 0
        var onLiveSticky = 0
        var onNormal = 0
        var workflowTasks = 0
        for (handle in handles) {
            val events = handle.fetchHistory().history.eventsList
            val queueOfScheduled = events.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED }
                .associate { it.eventId to it.workflowTaskScheduledEventAttributes.taskQueue.name }
            workflowTasks += queueOfScheduled.size
            for (event in events) {
                if (event.eventType != EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT) continue
                val timedOut = event.workflowTaskTimedOutEventAttributes
                if (timedOut.timeoutType != TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) continue
                val queue = queueOfScheduled.getValue(timedOut.scheduledEventId)
                when {
                    queue == taskQueue -> onNormal++
                    queue.startsWith("$killedPid@") -> onKilledSticky++
                    else -> onLiveSticky++
                }
            }
        }
        println(
            "RESULT workflows=$workflows steps=$steps workflowTasks=$workflowTasks " +
                "scheduleToStartTimeouts=${onKilledSticky + onLiveSticky + onNormal} onKilledWorkerSticky=$onKilledSticky " +
                "onLiveWorkerSticky=$onLiveSticky onNormalQueue=$onNormal",
        )
        live.close()
        replacement.close()
        client.connection.close()
    }
}
