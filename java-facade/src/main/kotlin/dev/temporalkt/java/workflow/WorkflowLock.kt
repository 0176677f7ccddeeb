@file:OptIn(InternalTemporalApi::class, InternalCoroutinesApi::class)

package dev.temporalkt.java.workflow

import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.workflow.internal.JavaScopes
import dev.temporalkt.workflow.CurrentWorkflow
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import java.util.concurrent.CompletionStage
import java.util.function.Supplier

/**
 * Mutual exclusion for workflow code, on the workflow's dispatcher: the Java form of the `asyncio.Lock` that keeps
 * signal and update handlers from interleaving while they wait on activities. Whoever holds it may start and await
 * operations; others asking for it wait, in the order they asked, without blocking a thread. Deterministic: the order
 * is that of the workflow's history, the same on replay.
 *
 * ```java
 * private final WorkflowLock lock = new WorkflowLock();
 *
 * @Update
 * public CompletableFuture<Integer> addItem(Item item) {
 *     // a second update waits until the first has charged and stored its item
 *     return lock.withLock(() -> Workflow.executeActivity(Cart::price, item, options)
 *         .thenApply(price -> { items.add(item); total += price; return total; }));
 * }
 * ```
 *
 * Create it in the workflow object (a field); it belongs to that run. A waiter whose cancellation scope is cancelled
 * stops waiting (its future fails with a [CanceledFailure]).
 */
public class WorkflowLock {
    private var locked = false
    private val waiters = ArrayDeque<Waiter>()

    private class Waiter(val future: WorkflowFuture<Void?>) {
        var cancellation: DisposableHandle? = null
    }

    /** Whether someone holds the lock. */
    public val isLocked: Boolean get() = locked

    /** How many are waiting for the lock. */
    public val queueLength: Int get() = waiters.size

    /**
     * Takes the lock: a future that completes (with `null`) once the caller holds it, at once when it is free. Release
     * it with [unlock], or use [withLock], which releases it for you.
     */
    public fun lock(): WorkflowFuture<Void?> {
        val run = CurrentWorkflow.get("WorkflowLock.lock")
        val future = WorkflowFuture.newFuture<Void?>(run)
        if (!locked) {
            locked = true
            future.complete(null)
            return future
        }
        val waiter = Waiter(future)
        waiters.addLast(waiter)
        val job = JavaScopes.current()?.get(Job)
        if (job != null) {
            waiter.cancellation = job.invokeOnCompletion(onCancelling = true, invokeImmediately = true) { cause ->
                if (cause != null && waiters.remove(waiter)) {
                    future.completeExceptionally(CanceledFailure("The wait for the workflow lock was cancelled"))
                }
            }
        }
        return future
    }

    /** Takes the lock if it is free and says whether it did; never waits. */
    public fun tryLock(): Boolean {
        if (locked) return false
        locked = true
        return true
    }

    /**
     * Releases the lock; the longest waiter gets it, its future completing on the workflow's dispatcher.
     *
     * @throws IllegalStateException when the lock is not held.
     */
    public fun unlock() {
        check(locked) { "WorkflowLock.unlock() was called on a lock nobody holds" }
        while (true) {
            val next = waiters.removeFirstOrNull()
            if (next == null) {
                locked = false
                return
            }
            next.cancellation?.dispose()
            if (next.future.isDone) continue // cancelled by its owner
            next.future.completeAsync { null }
            return
        }
    }

    /**
     * Takes the lock, runs [action] (which starts work and returns its future), and releases the lock when that future
     * completes, whatever its outcome; returns a future of the action's result. The lock is released too when
     * [action] throws.
     */
    public fun <T> withLock(action: Supplier<out CompletionStage<T>>): WorkflowFuture<T> {
        val acquired = lock()
        return acquired.thenCompose { action.get() }
            .whenComplete { _, _ -> if (acquired.isDone && !acquired.isCompletedExceptionally) unlock() }
    }

    override fun toString(): String = "WorkflowLock(locked=$locked, waiting=${waiters.size})"
}
