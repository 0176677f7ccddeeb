package dev.temporalkt.worker.internal.threads

import dev.temporalkt.internal.InternalTemporalApi
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.withContext
import java.util.concurrent.SynchronousQueue
import java.util.concurrent.ThreadFactory
import java.util.concurrent.ThreadPoolExecutor
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * The threads workers poll and handle tasks on: one pool of daemon threads for the whole process, grown when every
 * thread is busy and shrunk after a minute idle, as a coroutine [dispatcher].
 *
 * ## One wake-up per hand-off
 * A poll's or a completion's answer arrives on the connection's transport thread and resumes the waiting coroutine
 * here: a dispatch hands the coroutine to a thread waiting idle for work (one thread wake-up), or starts a thread
 * when none waits. `Dispatchers.IO` costs two wake-ups for the same hand-off: the coroutine scheduler wakes a parked
 * worker for the task, and that worker, as it starts a task that may block, gives up its CPU share and wakes another
 * one to take over CPU work, which a worker without any looks for, does not find, and parks again. Per workflow of a
 * single activity a worker makes about five such hand-offs.
 *
 * Handlers keep their thread for as long as they run (a workflow task runs its run's code on it; an eviction waits for
 * a loop thread), so the pool has no upper bound: the workers' slots bound how many tasks run at once, and their
 * poller counts how many polls.
 *
 * ## Work after a suspension, on the same thread
 * A coroutine running on a worker thread can leave work for that thread to do as soon as it has suspended
 * ([runAfterSuspension]), and that work can resume the coroutine on the same thread when done
 * ([resumeOnThisThread]): a workflow task's coroutine suspends while the thread runs the run's code, then goes on with
 * the answer, on one thread and without a wake-up. Each thread runs the work it was left, in order, before it takes
 * the next dispatched coroutine.
 *
 * ## Resuming on the transport thread
 * Code in [onResumingThread] is not dispatched when it resumes: after a call's answer it goes on on the transport
 * thread that delivered it, up to its next suspension, and so does its caller after it returns, up to the caller's
 * next suspension or end (see [onResumingThread] for what may run there).
 */
@InternalTemporalApi
public object WorkerThreads {
    private val threadNumbers = AtomicInteger()

    private val pool = ThreadPoolExecutor(
        0, Int.MAX_VALUE, 60L, TimeUnit.SECONDS, SynchronousQueue(),
        ThreadFactory { task -> WorkerThread(task, "temporal-worker-${threadNumbers.incrementAndGet()}") },
    )

    /** Runs coroutines on the pool, except inside [onResumingThread]. */
    public val dispatcher: CoroutineDispatcher = PoolDispatcher()

    /**
     * Runs [block] (in a coroutine of [dispatcher]) so that when it resumes after a suspension it is not dispatched
     * to the pool but goes on on the thread that resumed it, usually a connection's transport thread; the caller of
     * [onResumingThread] then goes on there too once [block] returns, up to its own next suspension.
     *
     * For the end of a task only, after its last call: the code that runs there must not block and must not run user
     * code (payload codecs, interceptors, workflow or activity code); bookkeeping, metrics and handing work to other
     * coroutines (which are dispatched as usual) are fine. It saves the hand-off back to the pool for work that is
     * shorter than the hand-off itself.
     *
     * ```
     * val response = WorkerThreads.onResumingThread { connection.unary(method, request) }
     * eager.deliver(response.activityTasksList) // on the transport thread
     * ```
     */
    public suspend fun <T> onResumingThread(block: suspend () -> T): T = withContext(ResumeInPlace) { block() }

    /**
     * Runs [work] on the calling thread once the coroutine code it runs now has suspended or ended and given the
     * thread back, before the thread takes other work; returns `false`, doing nothing, when the caller is not a
     * worker thread running a coroutine of [dispatcher] (the caller then runs [work] elsewhere).
     *
     * ```
     * suspendCoroutine { continuation ->
     *     val work = Runnable { val answer = compute(); WorkerThreads.resumeOnThisThread { continuation.resume(answer) } }
     *     if (!WorkerThreads.runAfterSuspension(work)) executor.execute(work)
     * }
     * ```
     */
    public fun runAfterSuspension(work: Runnable): Boolean {
        val thread = Thread.currentThread() as? WorkerThread ?: return false
        if (!thread.inDispatchedBlock) return false
        thread.leave(work)
        return true
    }

    /**
     * Calls [resume], and a coroutine of [dispatcher] it resumes goes on on this thread, right after the work running
     * now, instead of on another worker thread; on a thread that is not a worker thread it is dispatched as usual.
     */
    public fun resumeOnThisThread(resume: () -> Unit) {
        val thread = Thread.currentThread() as? WorkerThread
        if (thread == null || !thread.inDispatchedBlock) return resume()
        thread.keepDispatches = true
        try {
            resume()
        } finally {
            thread.keepDispatches = false
        }
    }

    /** A pool thread, with the work left for it by the code it runs ([runAfterSuspension], [resumeOnThisThread]). */
    private class WorkerThread(task: Runnable, name: String) : Thread(task, name) {
        /** Inside [Dispatched.run]: the thread runs its left work before it goes back to the pool. */
        var inDispatchedBlock = false

        /** Dispatches from this thread stay on it ([resumeOnThisThread]). */
        var keepDispatches = false
        private var left: ArrayDeque<Runnable>? = null

        init {
            isDaemon = true
        }

        fun leave(work: Runnable) {
            (left ?: ArrayDeque<Runnable>().also { left = it }).addLast(work)
        }

        /** Runs the work left for this thread, including work that work leaves, in order. */
        fun runLeftWork() {
            while (true) {
                val work = left?.removeFirstOrNull() ?: return
                try {
                    work.run()
                } catch (e: Throwable) {
                    uncaughtExceptionHandler.uncaughtException(this, e)
                }
            }
        }
    }

    /** A dispatched coroutine, run on a worker thread with the work it leaves there. */
    private class Dispatched(private val block: Runnable) : Runnable {
        override fun run() {
            val thread = Thread.currentThread() as WorkerThread
            thread.inDispatchedBlock = true
            try {
                block.run()
                thread.runLeftWork()
            } finally {
                thread.inDispatchedBlock = false
            }
        }
    }

    /** Marks a context whose coroutine resumes on the resuming thread ([onResumingThread]). */
    private object ResumeInPlace : AbstractCoroutineContextElement(Key) {
        object Key : CoroutineContext.Key<ResumeInPlace>
    }

    private class PoolDispatcher : CoroutineDispatcher() {
        override fun isDispatchNeeded(context: CoroutineContext): Boolean = context[ResumeInPlace.Key] == null

        override fun dispatch(context: CoroutineContext, block: Runnable) {
            val thread = Thread.currentThread()
            if (thread is WorkerThread && thread.keepDispatches) thread.leave(block) else pool.execute(Dispatched(block))
        }

        override fun toString(): String = "WorkerThreads"
    }
}
