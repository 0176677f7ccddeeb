@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import org.slf4j.LoggerFactory
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.Executors
import java.util.concurrent.FutureTask
import java.util.concurrent.ThreadFactory
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration

/*
 * The hand-off of an activation from the caller's thread to the run's loop thread, and the deadline on it.
 *
 * The caller blocks while the loop thread (one of the options' executor, or of a shared pool) applies the activation,
 * at most the deadlock timeout. A loop thread that does not return in time is reported with its stack: the activation
 * fails with a PotentialDeadlockException, every later activation fails with it too, and only an eviction is accepted;
 * if the blocked thread is still running user code then, it tears the run down itself when it returns. A teardown is
 * bounded even without deadlock detection: code that does not stop is reported (logged once), not waited for.
 */

private val log = LoggerFactory.getLogger(WorkflowInstance::class.java)

/** How long a teardown may take when deadlock detection is off, before it is reported and left behind. */
private val TEARDOWN_TIMEOUT: Duration = Duration.parse("10s")

private val sharedExecutor: Executor by lazy {
    val counter = AtomicInteger()
    Executors.newCachedThreadPool(
        ThreadFactory { r -> Thread(r, "temporal-workflow-${counter.incrementAndGet()}").apply { isDaemon = true } },
    )
}

/** [WorkflowInstance.activate]: refuses a second concurrent caller, then applies [activation] on the loop thread. */
internal fun WorkflowInstance.activateOnLoopThread(activation: WorkflowActivation): WorkflowActivationCompletion {
    synchronized(this) {
        if (activating) {
            return failed(
                activation.runId,
                IllegalStateException(
                    "Workflow $workflowType (id '$workflowId', run '${activation.runId}') was given an activation while " +
                        "another one is still being applied on another thread. A run applies one activation at a time; " +
                        "this one fails so that the run is evicted and replayed from its history.",
                ),
            )
        }
        activating = true
    }
    try {
        return applyWithDeadline(activation)
    } finally {
        synchronized(this) { activating = false }
    }
}

private fun WorkflowInstance.applyWithDeadline(activation: WorkflowActivation): WorkflowActivationCompletion {
    deadlock?.let { stuck ->
        if (!activation.isEviction) return failed(activation.runId, stuck)
        // The blocked thread may still be running user code: it evicts the run itself when it returns.
        val stillRunning = synchronized(this) {
            evictWhenLoopReturns = loopRunning
            loopRunning
        }
        if (stillRunning) return WorkflowActivationCompletion.Successful(activation.runId, emptyList())
    }
    val start = DeadlockClock.LoopStart()
    val task = FutureTask {
        start.mark()
        applyOnLoopThread(activation)
    }
    (options.executor ?: sharedExecutor).execute(task)
    val timeout = options.deadlockTimeout ?: if (activation.isEviction) TEARDOWN_TIMEOUT else null
    return try {
        if (timeout == null) task.get() else DeadlockClock.await(task, start, timeout)
    } catch (_: TimeoutException) {
        val thread = start.thread!!
        // The frames below the dispatcher loop are the runtime's own; the user code is above them.
        val stack = thread.stackTrace.takeWhile { it.className != WorkflowDispatcher::class.java.name }.toTypedArray()
        val message = if (activation.isEviction) teardownMessage(timeout!!, thread, stack) else deadlockMessage(timeout!!, thread, stack)
        val stuck = PotentialDeadlockException(message, stack)
        deadlock = stuck
        if (activation.isEviction) log.error(message)
        failed(activation.runId, stuck)
    } catch (e: ExecutionException) {
        failed(activation.runId, e.cause ?: e)
    } catch (e: InterruptedException) {
        Thread.currentThread().interrupt()
        failed(activation.runId, e)
    }
}

private fun WorkflowInstance.teardownMessage(timeout: Duration, thread: Thread, stack: Array<StackTraceElement>): String =
    "Workflow $workflowType (id '$workflowId', run '$runId') did not stop within $timeout of being removed from the " +
        "worker's cache: its code goes on running on thread '${thread.name}', which stays busy until it returns. The " +
        "worker goes on without the run (nothing it does reaches the server; the run continues from its history). " +
        "Workflow code must let WorkflowEvictedError and CancellationException propagate instead of catching Throwable " +
        "(or them) in a loop. Stack of the thread:\n" + stack.joinToString("\n") { "\tat $it" }

private fun WorkflowInstance.deadlockMessage(timeout: Duration, thread: Thread, stack: Array<StackTraceElement>): String =
    "Potential deadlock detected: workflow $workflowType (id '$workflowId') ran for more than $timeout without " +
        "yielding in one workflow task. Workflow code must not block its thread: no Thread.sleep, blocking I/O, locks or " +
        "long computations. Use delay() or Workflow.waitCondition() to wait and activities for blocking work. Stack of " +
        "the blocked thread '${thread.name}':\n" + stack.joinToString("\n") { "\tat $it" }
