package dev.temporalkt.worker.internal.workflow

import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine

/**
 * The suspending lock of one cached run, that keeps two of its tasks (a workflow task and a legacy query task)
 * from running at once.
 *
 * Built for runs that sit idle in a cache by the thousand: unlocked, it is one small object (a
 * `kotlinx.coroutines.sync.Mutex` keeps a waiter segment for life). Waiters are queued only while the lock is
 * contended, in arrival order, and the lock passes straight to the first of them on release.
 *
 * Cancellation: a waiter cancelled while queued leaves the queue; one cancelled as the lock is handed to it
 * (before it resumes) passes the lock on at once, so the lock is never held by a coroutine that will not run.
 *
 * ```
 * run.lock.withLock { process(run, task) }
 * ```
 */
internal class RunLock {
    private var locked = false
    private var waiters: ArrayDeque<CancellableContinuation<Unit>>? = null

    /** Whether a task holds the lock now. */
    val isLocked: Boolean get() = synchronized(this) { locked }

    /** Takes the lock if it is free, without waiting; the caller then releases it with [unlock]. */
    fun tryLock(): Boolean = synchronized(this) {
        if (locked) false else true.also { locked = true }
    }

    /** Runs [block] holding the lock, suspending until it is free. */
    suspend fun <T> withLock(block: suspend () -> T): T {
        lock()
        try {
            return block()
        } finally {
            unlock()
        }
    }

    private suspend fun lock() {
        synchronized(this) {
            if (!locked) {
                locked = true
                return
            }
        }
        suspendCancellableCoroutine { continuation ->
            val acquired = synchronized(this) {
                if (!locked) {
                    locked = true
                    true
                } else {
                    (waiters ?: ArrayDeque<CancellableContinuation<Unit>>().also { waiters = it }).addLast(continuation)
                    false
                }
            }
            if (acquired) {
                continuation.resume(Unit) { _, _, _ -> unlock() }
            } else {
                continuation.invokeOnCancellation { synchronized(this) { waiters?.remove(continuation) } }
            }
        }
    }

    /** Releases the lock, to the first waiter if any. */
    fun unlock() {
        val next = synchronized(this) {
            val next = waiters?.removeFirstOrNull()
            if (next == null) {
                locked = false
                waiters = null
            }
            next
        }
        // Cancelled before it could resume (or already cancelled): the lock goes on to the next waiter.
        next?.resume(Unit) { _, _, _ -> unlock() }
    }
}
