@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.internal.threads.WorkerThreads
import org.slf4j.LoggerFactory
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.Executors
import java.util.concurrent.FutureTask
import java.util.concurrent.ThreadFactory
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference
import kotlin.coroutines.Continuation
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlin.coroutines.suspendCoroutine
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
        failed(activation.runId, stuck(start, timeout!!, activation.isEviction))
    } catch (e: ExecutionException) {
        failed(activation.runId, e.cause ?: e)
    } catch (e: InterruptedException) {
        Thread.currentThread().interrupt()
        failed(activation.runId, e)
    }
}

/**
 * [WorkflowInstance.activateAll]: the activations of one workflow task applied on the loop thread in one hand-off.
 *
 * The rule: a run's code is handed to its loop thread once per workflow task, not once per activation. Rebuilding a
 * run from its history (a replay, or a worker's first task for a run it had evicted) is a sequence of activations with
 * only the engine's own work between them; handing each one to the loop thread and back cost two thread wake-ups per
 * activation, which on a busy machine were most of the time of a short replay. So the loop thread takes the
 * activations from [next] and hands the completions to [completed] itself, while the caller waits once and watches
 * each activation's deadline by the same rule as [activateOnLoopThread] ([DeadlockClock]). An activation that misses
 * its deadline is answered by the caller with a [PotentialDeadlockException]; the loop thread, when it returns from
 * it, hands nothing more over, and the caller goes on one activation at a time (which refuses all but an eviction).
 * Evictions, and every activation while another caller is in [WorkflowInstance.activate] or after a deadlock, go
 * that one-at-a-time way too.
 */
internal fun WorkflowInstance.activateAllOnLoopThread(
    first: WorkflowActivation,
    next: () -> WorkflowActivation?,
    completed: (WorkflowActivationCompletion) -> Unit,
) {
    val claimed = deadlock == null && !first.isEviction && synchronized(this) { (!activating).also { if (it) activating = true } }
    if (!claimed) return activateOneByOne(first, next, completed)
    val batch = LoopBatch()
    val task = FutureTask {
        var activation: WorkflowActivation? = first
        while (activation != null && !activation.isEviction) {
            val start = DeadlockClock.LoopStart()
            start.mark()
            batch.running.set(start)
            val completion = applyOnLoopThread(activation)
            // the caller took this activation for a deadlock and answered it: the sequence is the caller's now
            if (!batch.running.compareAndSet(start, null)) return@FutureTask null
            completed(completion)
            activation = next()
        }
        activation
    }
    var rest: WorkflowActivation? = null
    var interrupted = false
    try {
        (options.executor ?: sharedExecutor).execute(task)
        val timeoutNanos = options.deadlockTimeout?.inWholeNanoseconds
        while (true) {
            try {
                if (timeoutNanos == null) {
                    rest = task.get()
                    break
                }
                val start = batch.running.get() as DeadlockClock.LoopStart?
                val wait = if (start == null) timeoutNanos else DeadlockClock.remainingNanos(start, timeoutNanos)
                if (wait > 0L) {
                    rest = task.get(wait, TimeUnit.NANOSECONDS)
                    break
                }
                if (batch.running.compareAndSet(start, LoopBatch.TIMED_OUT)) {
                    val stuck = stuck(start!!, options.deadlockTimeout!!, eviction = false)
                    completed(failed(first.runId, stuck))
                    rest = next()
                    break
                }
            } catch (_: TimeoutException) {
                // the next round looks at the activation running now
            } catch (_: InterruptedException) {
                // the loop thread owns the sequence until it returns or misses a deadline: wait for that, then re-interrupt
                interrupted = true
            } catch (e: ExecutionException) {
                throw e.cause ?: e
            }
        }
    } finally {
        synchronized(this) { activating = false }
        if (interrupted) Thread.currentThread().interrupt()
    }
    rest?.let { activateOneByOne(it, next, completed) }
}

/**
 * [WorkflowInstance.activateAllSuspending]: the activations of one workflow task applied on the caller's own worker
 * thread, with no hand-off at all, while the caller's coroutine is suspended.
 *
 * The rule: the caller's coroutine suspends, and the thread it ran on (a worker thread, see
 * `WorkerThreads.runAfterSuspension`) applies the activations right away, taking them from [next] and handing the
 * completions to [completed], by the same rule as [activateAllOnLoopThread]; when they are done it resumes the
 * coroutine on the same thread (`WorkerThreads.resumeOnThisThread`). A thread cannot watch its own deadline, so
 * [ActivationWatchdog] watches each activation by the rule of [DeadlockClock]: when one misses its deadline the
 * watchdog resumes the coroutine instead, on another worker thread, which answers that activation with a
 * [PotentialDeadlockException] and goes on one activation at a time (which refuses all but an eviction), while the
 * blocked thread, when it returns from the activation, hands nothing more over. Whoever wins the batch's state decides
 * the outcome; the other one does nothing more. Cancelling the caller does not end the wait: the batch owns the run
 * until it ends or misses a deadline, as with [activateAllOnLoopThread].
 *
 * When the caller is not on a worker thread (a test, a replay), the batch runs on a loop thread instead, under the same
 * watch. Runs with an executor of their own ([WorkflowInstanceOptions.executor]), evictions, and every activation while
 * another caller is in [WorkflowInstance.activate] or after a deadlock go the blocking ways of [activateAllOnLoopThread].
 */
internal suspend fun WorkflowInstance.activateAllOnCallerThread(
    first: WorkflowActivation,
    next: () -> WorkflowActivation?,
    completed: (WorkflowActivationCompletion) -> Unit,
) {
    if (options.executor != null) return activateAllOnLoopThread(first, next, completed)
    val claimed = deadlock == null && !first.isEviction && synchronized(this) { (!activating).also { if (it) activating = true } }
    if (!claimed) return activateOneByOne(first, next, completed)
    val timeout = options.deadlockTimeout
    val outcome = try {
        suspendCoroutine { continuation ->
            val batch = CallerThreadBatch(this, first, next, completed, timeout?.inWholeNanoseconds, continuation)
            if (timeout != null) ActivationWatchdog.watch(batch)
            if (!WorkerThreads.runAfterSuspension(batch)) sharedExecutor.execute(batch)
        }
    } finally {
        synchronized(this) { activating = false }
    }
    val rest = when (outcome) {
        is DeadlockClock.LoopStart -> {
            completed(failed(first.runId, stuck(outcome, timeout!!, eviction = false)))
            next()
        }
        else -> outcome as WorkflowActivation?
    }
    rest?.let { activateOneByOne(it, next, completed) }
}

/**
 * The activations of [activateAllOnCallerThread], applied where [run] is called; resumes [continuation] with the first
 * activation it did not apply (an eviction) or `null`, or — from the watchdog — with the [DeadlockClock.LoopStart] of
 * the activation that missed its deadline.
 */
private class CallerThreadBatch(
    private val instance: WorkflowInstance,
    private val first: WorkflowActivation,
    private val next: () -> WorkflowActivation?,
    private val completed: (WorkflowActivationCompletion) -> Unit,
    private val timeoutNanos: Long?,
    private val continuation: Continuation<Any?>,
) : Runnable, ActivationWatchdog.Watched {
    /** The activation being applied ([DeadlockClock.LoopStart]), [LoopBatch.TIMED_OUT], or `null` between two. */
    private val running = AtomicReference<Any?>(null)

    override fun run() {
        val rest = try {
            var activation: WorkflowActivation? = first
            while (activation != null && !activation.isEviction) {
                val start = DeadlockClock.LoopStart()
                start.mark()
                running.set(start)
                val completion = instance.applyOnLoopThread(activation)
                // the watchdog took this activation for a deadlock and resumed the caller: the sequence is the caller's now
                if (!running.compareAndSet(start, null)) return
                completed(completion)
                activation = next()
            }
            activation
        } catch (e: Throwable) {
            end { continuation.resumeWithException(e) }
            return
        }
        end { continuation.resume(rest) }
    }

    private inline fun end(crossinline resume: () -> Unit) {
        if (timeoutNanos != null) ActivationWatchdog.unwatch(this)
        WorkerThreads.resumeOnThisThread { resume() }
    }

    override fun check(): Boolean {
        val start = running.get() as? DeadlockClock.LoopStart ?: return false
        if (DeadlockClock.remainingNanos(start, timeoutNanos!!) > 0L) return false
        if (!running.compareAndSet(start, LoopBatch.TIMED_OUT)) return false
        continuation.resume(start)
        return true
    }
}

/** The activation a batch's loop thread is applying ([DeadlockClock.LoopStart]), [TIMED_OUT], or `null` between two. */
private class LoopBatch {
    val running = AtomicReference<Any?>(null)

    companion object {
        val TIMED_OUT = Any()
    }
}

private fun WorkflowInstance.activateOneByOne(
    first: WorkflowActivation,
    next: () -> WorkflowActivation?,
    completed: (WorkflowActivationCompletion) -> Unit,
) {
    var activation: WorkflowActivation? = first
    while (activation != null) {
        completed(activateOnLoopThread(activation))
        activation = next()
    }
}

/** Records that the activation begun at [start] missed its [timeout], logging it for an eviction, and returns the error. */
private fun WorkflowInstance.stuck(start: DeadlockClock.LoopStart, timeout: Duration, eviction: Boolean): PotentialDeadlockException {
    val thread = start.thread!!
    // The frames below the dispatcher loop are the runtime's own; the user code is above them.
    val stack = thread.stackTrace.takeWhile { it.className != WorkflowDispatcher::class.java.name }.toTypedArray()
    val message = if (eviction) teardownMessage(timeout, thread, stack) else deadlockMessage(timeout, thread, stack)
    val stuck = PotentialDeadlockException(message, stack)
    deadlock = stuck
    if (eviction) log.error(message)
    return stuck
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
