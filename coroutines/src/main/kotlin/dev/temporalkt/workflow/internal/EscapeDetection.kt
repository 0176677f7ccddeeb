@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.workflow.CurrentWorkflow
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext

/*
 * Detection of workflow code that runs off the run's loop thread. Each finding becomes the run's
 * [WorkflowInstance.escape], which fails the activation with an explanation of what to do instead.
 */

/** Called by the dispatcher when a coroutine of the run is resumed on [thread], not the loop thread. */
internal fun WorkflowInstance.onForeignDispatch(thread: Thread) {
    if (escape != null) return
    escape = WorkflowEscapeException(
        "A coroutine of workflow $workflowType (id '$workflowId') was resumed on thread '${thread.name}', outside the " +
            "workflow's dispatcher. " + CurrentWorkflow.outsideLoopMessage("Resuming workflow code", thread).substringAfter(". "),
    )
}

/** Called by [EscapeGuard] when a coroutine of the run starts or resumes on [thread], not the loop thread. */
internal fun WorkflowInstance.onForeignThread(thread: Thread, context: CoroutineContext) {
    if (escape != null || evicting) return
    escape = WorkflowEscapeException(
        "A coroutine of workflow $workflowType (id '$workflowId') ran on thread '${thread.name}' (dispatcher " +
            "${context[ContinuationInterceptor]}), outside the workflow's dispatcher. " +
            CurrentWorkflow.outsideLoopMessage("Running workflow code", thread).substringAfter(". "),
    )
}

/**
 * A workflow coroutine still running under another dispatcher once the run is quiescent (`withContext` to a
 * dispatcher whose thread has not picked the block up yet), as a [WorkflowEscapeException]; `null` when none.
 */
internal fun WorkflowInstance.coroutineOnForeignDispatcher(): WorkflowEscapeException? {
    fun find(job: Job): CoroutineContext? {
        for (child in job.children) {
            val context = (child as? CoroutineScope)?.coroutineContext
            val interceptor = context?.get(ContinuationInterceptor)
            if (child.isActive && interceptor != null && interceptor !== dispatcher) return context
            find(child)?.let { return it }
        }
        return null
    }
    val context = find(rootJob) ?: return null
    return WorkflowEscapeException(
        "A coroutine of workflow $workflowType (id '$workflowId') switched to ${context[ContinuationInterceptor]}, " +
            "outside the workflow's dispatcher. " +
            CurrentWorkflow.outsideLoopMessage("Running workflow code", Thread.currentThread()).substringAfter(". "),
    )
}
