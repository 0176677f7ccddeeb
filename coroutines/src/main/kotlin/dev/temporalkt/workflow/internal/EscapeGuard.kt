package dev.temporalkt.workflow.internal

import kotlinx.coroutines.ThreadContextElement
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * Part of the context of every coroutine of a workflow run, inherited by everything the run's code starts or
 * switches to (`launch`, `async`, `withContext`). Coroutines call [updateThreadContext] each time they start or
 * resume running on a thread, whatever their dispatcher; a call anywhere but on the loop thread of [dispatcher]
 * means that workflow code runs on another thread, typically inside `withContext(Dispatchers.IO)`. [onEscape] is told
 * at once, on that thread, before the code runs, so the activation in progress fails even when the foreign block
 * returns before the workflow coroutine had to suspend.
 */
internal class EscapeGuard(
    private val dispatcher: WorkflowDispatcher,
    private val onEscape: (thread: Thread, context: CoroutineContext) -> Unit,
) : AbstractCoroutineContextElement(Key), ThreadContextElement<Unit> {
    companion object Key : CoroutineContext.Key<EscapeGuard>

    override fun updateThreadContext(context: CoroutineContext) {
        if (!dispatcher.isOnLoopThread) onEscape(Thread.currentThread(), context)
    }

    override fun restoreThreadContext(context: CoroutineContext, oldState: Unit) {
        // nothing was changed on the thread
    }

    override fun toString(): String = "EscapeGuard"
}
