package dev.temporalkt.workflow.internal

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Delay
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlin.time.Duration.Companion.milliseconds

/**
 * The deterministic event loop of one workflow run: every coroutine of the run (the run function, signal
 * and update handlers, everything they launch) is dispatched here, and nothing of the run executes anywhere
 * else. It plays the part of the asyncio event loop of the Python SDK.
 *
 * ## Ordering rules
 *
 * - [isDispatchNeeded] is always `true`: a resumed or launched coroutine never runs inline in the caller,
 *   it is appended to the ready queue. This holds for `launch`, `async`, `resume`, `yield()`, completion
 *   of a `CompletableDeferred` and a `Mutex` unlock alike, so the order of execution depends only on the
 *   order in which coroutines became ready.
 * - The ready queue is FIFO. [runUntilQuiescent] drains it; tasks queued while draining run in the same
 *   drain, after those already queued.
 * - When the queue is empty, the [awaitCondition] predicates are evaluated in registration order, each
 *   once per pass. Every waiter whose predicate holds is removed and resumed (queued) in that order; the
 *   predicates of one pass all see the same state because the resumed coroutines only run afterwards.
 *   A predicate that throws resumes its waiter with the exception. If any waiter was resumed the loop
 *   drains the queue again and repeats; when a pass resumes nobody and the queue is empty, the run is
 *   quiescent and the activation can be answered.
 * - A waiter always suspends at least once, even when its predicate already holds, so it is resumed at
 *   the next pass like any other.
 *
 * ## Time
 *
 * The dispatcher implements [Delay]: `delay(d)` emits a StartTimer command through [DurableTimers] and
 * the coroutine resumes when the matching FireTimer job is applied; if the coroutine is cancelled first
 * the timer is cancelled (CancelTimer). `withTimeout(d)` uses [invokeOnTimeout] in the same way: the
 * timeout action is queued when the timer fires, and disposing it (the block finished in time) cancels the
 * timer. There is no wall clock anywhere.
 *
 * ## Threads
 *
 * The loop runs on whatever thread applies the current activation ([enter]/[exit] mark it). A dispatch
 * from any other thread means that workflow code escaped the loop (a coroutine resumed from
 * `Dispatchers.IO`, another thread or a callback): the task is not run, and [onForeignDispatch] is told,
 * so the instance can fail the workflow task with an explanation instead of running code
 * non-deterministically.
 */
@OptIn(InternalCoroutinesApi::class)
internal class WorkflowDispatcher(
    private val timers: DurableTimers,
    private val onForeignDispatch: (thread: Thread) -> Unit,
) : CoroutineDispatcher(), Delay {
    // Both sized for an idle run: the ready queue is replaced by an unallocated one whenever the run goes
    // quiescent, and the waiter list grows from nothing (a run usually waits on one condition at a time).
    private var ready = ArrayDeque<Runnable>()
    private val conditions = ArrayList<ConditionWaiter>(0)

    @Volatile
    private var loopThread: Thread? = null

    /** Marks the current thread as the loop thread until [exit]. */
    fun enter() {
        loopThread = Thread.currentThread()
    }

    /** The loop thread is gone until the next [enter]. */
    fun exit() {
        loopThread = null
    }

    /** Whether the caller runs on the loop thread of an activation in progress. */
    val isOnLoopThread: Boolean get() = loopThread === Thread.currentThread()

    /** Whether no task is queued and nothing waits for a condition pass. */
    val isIdle: Boolean get() = ready.isEmpty() && conditions.isEmpty()

    /** Number of coroutines waiting in [awaitCondition]. */
    val conditionWaiterCount: Int get() = conditions.size

    override fun isDispatchNeeded(context: CoroutineContext): Boolean = true

    override fun dispatch(context: CoroutineContext, block: Runnable) {
        val thread = Thread.currentThread()
        if (loopThread !== thread) {
            onForeignDispatch(thread)
            return
        }
        ready.addLast(block)
    }

    /** Appends [block] to the ready queue; only on the loop thread. */
    fun enqueue(block: Runnable) {
        check(isOnLoopThread) { "WorkflowDispatcher.enqueue called outside the loop thread" }
        ready.addLast(block)
    }

    /**
     * Runs ready tasks and condition passes until nothing can make progress (see the class documentation),
     * or until [stop] answers `true` between two tasks.
     */
    fun runUntilQuiescent(stop: () -> Boolean = { false }) {
        while (true) {
            while (true) {
                if (stop()) return
                val task = ready.removeFirstOrNull() ?: break
                task.run()
            }
            if (!resumeSatisfiedConditions()) break
        }
        ready = ArrayDeque()
    }

    private fun resumeSatisfiedConditions(): Boolean {
        if (conditions.isEmpty()) return false
        var resumed = false
        for (waiter in conditions.toList()) {
            if (!waiter.registered) continue
            val outcome = runCatching { waiter.predicate() }
            if (outcome.isSuccess && outcome.getOrThrow() == false) continue
            waiter.registered = false
            conditions.remove(waiter)
            waiter.resume(outcome.exceptionOrNull())
            resumed = true
        }
        return resumed
    }

    /** Suspends until [predicate] holds at a condition pass of [runUntilQuiescent]. */
    suspend fun awaitCondition(predicate: () -> Boolean) {
        suspendCancellableCoroutine<Unit> { continuation ->
            val waiter = ConditionWaiter(predicate, continuation)
            conditions.add(waiter)
            continuation.invokeOnCancellation(waiter)
        }
    }

    /**
     * Calls [onMet] once [predicate] holds at a condition pass of [runUntilQuiescent], with `null`, or with the error
     * the predicate threw or the run was torn down with ([failConditionWaiters]): what [awaitCondition] resumes its
     * caller with, at the same point (queued), but without a suspended coroutine. Disposing the returned handle before
     * then stops the wait, and [onMet] is not called.
     */
    fun whenCondition(predicate: () -> Boolean, onMet: (Throwable?) -> Unit): DisposableHandle {
        val waiter = ConditionWaiter(predicate, onMet)
        conditions.add(waiter)
        return waiter
    }

    override fun scheduleResumeAfterDelay(timeMillis: Long, continuation: CancellableContinuation<Unit>) {
        val seq = timers.startTimer(timeMillis.milliseconds, continuation)
        continuation.invokeOnCancellation { timers.cancelTimer(seq) }
    }

    override fun invokeOnTimeout(timeMillis: Long, block: Runnable, context: CoroutineContext): DisposableHandle {
        val seq = timers.startTimer(timeMillis.milliseconds) { ready.addLast(block) }
        return DisposableHandle { timers.cancelTimer(seq) }
    }

    /**
     * Resumes every coroutine waiting in [awaitCondition] with [error] (queued, in registration order); used when the run
     * is torn down, so the waiters end instead of waiting for a pass that never comes.
     */
    fun failConditionWaiters(error: Throwable) {
        val waiters = conditions.toList()
        conditions.clear()
        for (waiter in waiters) {
            waiter.registered = false
            waiter.resume(error)
        }
    }

    /** Drops every queued task and condition waiter; used when the run is evicted. */
    fun clear() {
        ready.clear()
        conditions.clear()
    }

    override fun toString(): String = "WorkflowDispatcher"

    /**
     * A suspended [awaitCondition] (its [target] is the continuation; also its cancellation handler, which takes it off
     * the list), or a [whenCondition] (its [target] is the callback; also its handle). One field for both keeps a
     * waiting run's waiter as small as before callbacks existed.
     */
    private inner class ConditionWaiter(
        val predicate: () -> Boolean,
        private val target: Any,
    ) : (Throwable?) -> Unit, DisposableHandle {
        var registered = true

        /** Resumes the waiting coroutine, or dispatches the callback as its resumption would be, with [error] or (when `null`) success. */
        @Suppress("UNCHECKED_CAST")
        fun resume(error: Throwable?) {
            if (target is CancellableContinuation<*>) {
                val continuation = target as CancellableContinuation<Unit>
                if (error == null) continuation.resume(Unit) else continuation.resumeWithException(error)
            } else {
                val callback = target as (Throwable?) -> Unit
                dispatch(EmptyCoroutineContext, Runnable { callback(error) })
            }
        }

        override fun invoke(cause: Throwable?) {
            dispose()
        }

        override fun dispose() {
            if (!registered) return
            registered = false
            conditions.remove(this)
        }
    }
}
