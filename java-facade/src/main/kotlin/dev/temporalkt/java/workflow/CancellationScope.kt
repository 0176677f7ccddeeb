@file:OptIn(InternalTemporalApi::class, InternalCoroutinesApi::class)

package dev.temporalkt.java.workflow

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.workflow.internal.JavaScopes
import dev.temporalkt.workflow.CurrentWorkflow
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import java.util.function.Supplier
import kotlin.coroutines.CoroutineContext

/**
 * A group of pending workflow operations that can be cancelled together: the activities, local activities, child
 * workflows, timers and conditions that Java workflow code starts while the scope is current (in its body, and in
 * the continuations registered there) belong to it. Cancelling it requests cancellation of each of them, and of its
 * child scopes; each operation's future then completes as its cancellation type says (an activity with an
 * [dev.temporalkt.failure.ActivityFailure] caused by a [dev.temporalkt.failure.CanceledFailure], a timer or condition
 * with a `CanceledFailure`). Operations started in a cancelled scope fail at once with a `CanceledFailure`.
 *
 * The run method runs in the workflow's root scope, which a cancellation request for the workflow cancels; signal and
 * update handlers run in scopes of their own, which it does not cancel (as for Kotlin workflows).
 *
 * ```java
 * // cancel a group: race two activities, cancel the slower one
 * List<CompletableFuture<Quote>> quotes = new ArrayList<>();
 * CancellationScope race = Workflow.newCancellationScope(() -> {
 *     quotes.add(Workflow.executeActivity(Quotes::fromA, request, options));
 *     quotes.add(Workflow.executeActivity(Quotes::fromB, request, options));
 * });
 * race.run();
 * return Workflow.anyOf(quotes).whenComplete((quote, failure) -> race.cancel());
 *
 * // clean up after the workflow was cancelled, in a scope the cancellation does not reach
 * return Workflow.executeActivity(Orders::process, order, options)
 *     .exceptionallyCompose(failure -> {
 *         if (!Workflow.isCancelRequested()) return Workflow.failedFuture(failure);
 *         return Workflow.newDetachedCancellationScope(() -> {})
 *             .call(() -> Workflow.executeActivity(Orders::release, order, options))
 *             .thenCompose(released -> Workflow.failedFuture(failure));
 *     });
 * ```
 */
public class CancellationScope private constructor(
    internal val context: CoroutineContext,
    private val body: Runnable,
    /** Whether this scope is detached: not cancelled with the scope it was created in, nor with the workflow. */
    public val isDetached: Boolean,
) {
    private val job: Job get() = context[Job]!!

    /** Runs this scope's body now, with this scope current; what it starts belongs to this scope. */
    public fun run() {
        JavaScopes.within(context) { body.run() }
    }

    /**
     * Runs [body] now with this scope current and returns what it returns (typically the future of what it started),
     * so that the operations it starts belong to this scope.
     */
    public fun <T> call(body: Supplier<T>): T = JavaScopes.within(context) { body.get() }

    /** Requests cancellation of everything in this scope and its child scopes. Idempotent. */
    public fun cancel() {
        cancel("the cancellation scope was cancelled")
    }

    /** [cancel] with a [reason], which the cancelled operations' failures mention. */
    public fun cancel(reason: String) {
        job.cancel(CancellationException(reason))
    }

    /** Whether cancellation of this scope was requested (by [cancel], an enclosing scope or the workflow). */
    public val isCancelRequested: Boolean get() = job.isCancelled

    /**
     * A future that completes (with `null`) when cancellation of this scope is requested, by [cancel], an enclosing
     * scope, or, for the run method's scope, a cancellation request for the workflow. It never fails.
     */
    public fun getCancellationRequest(): WorkflowFuture<Void?> {
        val run = CurrentWorkflow.get("CancellationScope.getCancellationRequest")
        val request = WorkflowFuture.newFuture<Void?>(run)
        job.invokeOnCompletion(onCancelling = true, invokeImmediately = true) { cause -> if (cause != null) request.complete(null) }
        return request
    }

    override fun equals(other: Any?): Boolean = other is CancellationScope && other.job === job

    override fun hashCode(): Int = System.identityHashCode(job)

    override fun toString(): String = "CancellationScope(cancelRequested=$isCancelRequested, detached=$isDetached)"

    /** The current scope. */
    public companion object {
        /**
         * The scope of the workflow code running now: the run method's root scope, a handler's scope, or the scope
         * whose body (or a continuation registered in it) runs.
         *
         * @throws IllegalStateException outside workflow code.
         */
        @JvmStatic
        public fun current(): CancellationScope {
            val run = CurrentWorkflow.get("CancellationScope.current()")
            return CancellationScope(JavaScopes.currentOrRoot(run), Runnable {}, isDetached = false)
        }

        internal fun child(detached: Boolean, body: Runnable): CancellationScope {
            val run = CurrentWorkflow.get(if (detached) "Workflow.newDetachedCancellationScope" else "Workflow.newCancellationScope")
            val parent = JavaScopes.currentOrRoot(run)
            val job = if (detached) Job() else Job(parent[Job])
            return CancellationScope(parent + job, body, detached)
        }
    }
}
