@file:OptIn(InternalTemporalApi::class, InternalCoroutinesApi::class)

package dev.temporalkt.java.workflow.internal

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.workflow.WorkflowContext
import dev.temporalkt.workflow.internal.whenCondition
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.DisposableHandle
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import java.util.concurrent.CompletableFuture
import java.util.function.Supplier
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext

/**
 * Completes the [future] of `Workflow.await(condition)` from the run's condition passes ([whenCondition]) instead of
 * by a coroutine suspended in `waitCondition`, with the same outcomes at the same points of the run's loop: `null`
 * once the condition holds, what the condition threw (or the run was torn down with), and a `CanceledFailure` when
 * the future or its cancellation [scope] is cancelled, dispatched when that happens, as a cancelled coroutine is
 * resumed. A condition that held but whose completion had not run yet when the cancellation came completes the future
 * as cancelled too, as a coroutine resumed but not yet running would be.
 *
 * It is the condition's callback (`(Throwable?) -> Unit`) and the future's cancel operation (a [Runnable]: a Kotlin
 * function type of another arity would make casts to the callback's type fail).
 */
internal class ConditionWait(
    private val dispatcher: CoroutineDispatcher,
    private val scope: CoroutineContext,
    private val future: CompletableFuture<Void?>,
) : (Throwable?) -> Unit, Runnable {
    private var waiter: DisposableHandle? = null
    private var scopeLink: DisposableHandle? = null
    private var cancellation: CancellationException? = null

    /** Starts waiting for [condition] (the scope must be active): throws as `waitCondition` would, from a read-only handler or a torn-down run. */
    fun start(run: WorkflowContext, condition: Supplier<Boolean>) {
        waiter = run.whenCondition("Workflow.await", { condition.get() }, this)
        scopeLink = scope[Job]?.invokeOnCompletion(onCancelling = true) { cause ->
            if (cause != null) cancel(cause as? CancellationException ?: CancellationException("Parent job is Cancelling", cause))
        }
    }

    /** The condition held (`error` is `null`) or the wait failed with `error`; runs dispatched on the run's loop. */
    override fun invoke(error: Throwable?) {
        complete(error ?: cancellation)
    }

    /** The future was cancelled (`WorkflowFuture.cancel`). */
    override fun run() {
        cancel(CancellationException("$WHAT was cancelled"))
    }

    private fun cancel(cause: CancellationException) {
        if (future.isDone || cancellation != null) return
        cancellation = cause
        waiter?.dispose()
        scopeLink?.dispose()
        dispatcher.dispatch(EmptyCoroutineContext, Runnable { complete(cause) })
    }

    private fun complete(failure: Throwable?) {
        if (future.isDone) return
        scopeLink?.dispose()
        JavaScopes.within(scope) {
            if (failure == null) future.complete(null) else future.completeExceptionally(operationFailure(failure, WHAT))
        }
    }

    companion object {
        /** What the wait is called in failure messages. */
        const val WHAT = "the wait for a condition"
    }
}
