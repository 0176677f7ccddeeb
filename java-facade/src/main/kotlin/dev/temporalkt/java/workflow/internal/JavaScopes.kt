@file:OptIn(InternalTemporalApi::class, InternalCoroutinesApi::class)

package dev.temporalkt.java.workflow.internal

import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.TemporalFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.workflow.WorkflowContext
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.InternalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.currentCoroutineContext
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.intercepted
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * The cancellation scope of the Java workflow code running now on this thread: the coroutine context (a [Job], and
 * the update being handled, if any) in which the operations that code starts (activities, timers, conditions, child
 * workflows) are launched, so that cancelling the scope's job cancels them.
 *
 * Java code runs in three ways, each setting the scope while it runs: an annotated method called by the run
 * ([callJava]), a callback of a workflow future (which runs in the scope that was current when it was registered),
 * and a scope's body (`CancellationScope.run`). Between two of these, on the loop thread, no scope is set.
 */
internal object JavaScopes {
    private val current = ThreadLocal<CoroutineContext?>()

    /** The scope of the Java code running now, or `null` when none is set. */
    fun current(): CoroutineContext? = current.get()

    /** Runs [block] with [scope] as the current scope, restoring the previous one afterwards. */
    fun <T> within(scope: CoroutineContext?, block: () -> T): T {
        val previous = current.get()
        if (scope == null) current.remove() else current.set(scope)
        try {
            return block()
        } finally {
            if (previous == null) current.remove() else current.set(previous)
        }
    }

    /**
     * The scope the operations of the calling Java code are launched in: the current one, else (for code the SDK did
     * not call, such as a callback registered on a plain `CompletableFuture`) the run's root scope.
     */
    fun currentOrRoot(run: WorkflowContext): CoroutineContext = current() ?: run.coroutineScope.coroutineContext
}

/**
 * Calls Java workflow code ([block]: a run method, a signal or update handler) from the coroutine the run gives it,
 * in a cancellation scope of its own, and returns its result: a value, or the value of the `CompletionStage` it
 * returns once that completes.
 *
 * The scope is a job without parent, so the operations the code starts are not children of the caller's coroutine:
 * the run (or the handler) is over when the returned stage completes, whatever the code left pending, as in the other
 * Java SDKs. When [linkCancellation] is set (the run method), cancelling the caller's coroutine (a workflow
 * cancellation request) cancels the scope, and so every operation the code started in it; the stage is then awaited
 * regardless, so the code can react (catch the cancellation, clean up in a detached scope) before the run closes.
 * Teardown needs no link: evicting the run resumes every pending operation with its error.
 */
internal suspend fun callJava(linkCancellation: Boolean, block: () -> Any?): Any? {
    val caller = currentCoroutineContext()
    val scopeJob = Job()
    val scope = caller.minusKey(Job) + scopeJob
    val link = if (linkCancellation) {
        caller[Job]?.invokeOnCompletion(onCancelling = true, invokeImmediately = true) { cause ->
            if (cause != null) scopeJob.cancel(cause as? CancellationException ?: CancellationException(cause.message, cause))
        }
    } else {
        null
    }
    try {
        val result = JavaScopes.within(scope) { block() }
        val stage = result as? CompletionStage<*> ?: return result
        return awaitRegardless(stage)
    } catch (e: Throwable) {
        link?.dispose()
        throw e
    }
}

/**
 * The value of [stage] once it completes, or what it failed with (unwrapped as [unwrapCompletion] does), whether or
 * not the calling coroutine is cancelled meanwhile. The caller resumes on its dispatcher from one completion callback
 * of the stage, so a suspended run keeps no coroutine, context or cancellation handler of this wait.
 */
private suspend fun awaitRegardless(stage: CompletionStage<*>): Any? {
    if (stage is CompletableFuture<*> && stage.isDone) {
        return try {
            stage.get()
        } catch (e: ExecutionException) {
            throw unwrapCompletion(e)
        }
    }
    return suspendCoroutineUninterceptedOrReturn { caller ->
        val continuation = caller.intercepted()
        stage.whenComplete { value, failure ->
            if (failure == null) continuation.resume(value) else continuation.resumeWithException(unwrapCompletion(failure))
        }
        COROUTINE_SUSPENDED
    }
}

/** [e] without the [CompletionException] and [ExecutionException] wrappers futures add. */
internal fun unwrapCompletion(e: Throwable): Throwable {
    var current = e
    while ((current is CompletionException || current is ExecutionException) && current.cause != null) current = current.cause!!
    return current
}

/**
 * What the future of an operation ([what], for the message) completes with when the operation failed with [e]: a
 * cancellation of the operation (a cancelled scope, timer or condition) becomes a [CanceledFailure], which workflow
 * code can tell from other failures and which closes a cancelled workflow as cancelled.
 */
internal fun operationFailure(e: Throwable, what: String): Throwable = when {
    e is TemporalFailure -> e
    e is CancellationException -> CanceledFailure("$what was cancelled" + (e.message?.let { ": $it" } ?: ""), cause = null)
    else -> unwrapCompletion(e)
}
