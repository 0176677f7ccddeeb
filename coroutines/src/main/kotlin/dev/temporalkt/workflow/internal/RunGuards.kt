@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.workflow.CurrentWorkflow
import dev.temporalkt.workflow.WorkflowEvictedError
import kotlinx.coroutines.currentCoroutineContext
import kotlin.coroutines.ContinuationInterceptor

/*
 * The checks every workflow API call makes before it changes the run: not from a query handler or update validator
 * (read-only), not while the run is torn down, and (for suspending calls) from a coroutine of the run's own dispatcher.
 */

/** Runs [block] (a query handler or update validator, named by [reason]) with the run read-only ([requireMutable]). */
internal inline fun <T> WorkflowInstance.withReadOnly(reason: String, block: () -> T): T {
    val previous = readOnlyReason
    readOnlyReason = reason
    try {
        return block()
    } finally {
        readOnlyReason = previous
    }
}

/**
 * Throws when called from a query handler or update validator, where [api] would change the run, and while the run
 * is torn down ([WorkflowEvictedError]; see [WorkflowInstance.evict]).
 */
internal fun WorkflowInstance.requireMutable(api: String) {
    if (evicting) {
        throw WorkflowEvictedError(
            "$api cannot be used: workflow $workflowType (id '$workflowId') is being removed from the worker's " +
                "cache. Let this error propagate; the run goes on from its history.",
        )
    }
    val reason = readOnlyReason ?: return
    throw ReadOnlyViolationException(
        "$api cannot be used in $reason: queries and update validators are read-only and must not start " +
            "timers, activities or child workflows, or change workflow state. Do this in the run function or " +
            "in a signal or update handler instead.",
    )
}

/**
 * Throws when a suspending workflow API is called from a coroutine that does not run on this run's
 * dispatcher although it runs on the loop thread, as inside `runBlocking` or `Dispatchers.Unconfined`. Inline, so
 * that it is no suspension point of its own: a workflow API ending in a suspending call keeps no frame.
 */
internal suspend inline fun WorkflowInstance.requireOwnDispatcher(api: String) {
    if (currentCoroutineContext()[ContinuationInterceptor] !== dispatcher) {
        throw IllegalStateException(CurrentWorkflow.outsideLoopMessage(api, Thread.currentThread()))
    }
}
