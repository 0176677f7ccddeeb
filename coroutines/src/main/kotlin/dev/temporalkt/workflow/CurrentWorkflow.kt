package dev.temporalkt.workflow

import dev.temporalkt.internal.InternalTemporalApi

/**
 * The workflow run whose code the current thread is executing, set by the runtime only on the run's loop thread while
 * an activation is applied. Workflow API calls find their run here, which is also how calls from outside the loop
 * (another dispatcher, another thread, after the activation) are detected.
 */
@InternalTemporalApi
public object CurrentWorkflow {
    private val current = ThreadLocal<WorkflowContext?>()

    public fun set(run: WorkflowContext?) {
        if (run == null) current.remove() else current.set(run)
    }

    /** The run whose loop thread this is, or `null` outside workflow code. */
    public fun currentOrNull(): WorkflowContext? = current.get()?.takeIf { it.isOnLoopThread }

    /** The run of the calling workflow code; [api] names the function called, for the error message. */
    public fun get(api: String): WorkflowContext {
        val run = current.get()
        if (run != null && run.isOnLoopThread) return run
        throw IllegalStateException(outsideLoopMessage(api, Thread.currentThread()))
    }

    public fun outsideLoopMessage(api: String, thread: Thread): String =
        "$api was called outside a workflow's dispatcher (on thread '${thread.name}'). Workflow code must run " +
            "only on the workflow's own deterministic dispatcher: do not switch to Dispatchers.IO or " +
            "Dispatchers.Default with withContext, do not use GlobalScope or runBlocking, and do not start threads " +
            "or callbacks that call back into the workflow. Run I/O and other non-deterministic work in an " +
            "activity (Workflow.executeActivity) and use coroutineScope/launch/async for concurrency inside " +
            "the workflow."
}
