package dev.temporalkt.worker.internal.localactivity

import kotlinx.coroutines.CompletableDeferred

/**
 * The worker's local activity slots, granted strictly in the order they were requested.
 *
 * A request is made without suspending ([request]), at the moment the workflow schedules the local activity, so the
 * local activities of a workflow task get their slots in the order the workflow scheduled them, whichever of their
 * coroutines runs first. The returned deferred completes when the slot is granted; it may already be complete.
 *
 * Rules:
 *  1. at most `capacity` requests are granted and not yet [release]d at any time;
 *  2. a request waits only while all slots are taken, and waiting requests are granted first in, first out;
 *  3. a waiting request that is [withdraw]n is never granted; withdrawing one that was granted meanwhile gives
 *     its slot back (so a withdrawal racing a grant never loses a slot).
 */
internal class LocalActivitySlots(capacity: Int) {
    private var free = capacity
    private val waiting = ArrayDeque<CompletableDeferred<Unit>>()

    /** Asks for a slot; the result completes once it is granted (at once when one is free and nobody waits). */
    fun request(): CompletableDeferred<Unit> = synchronized(this) {
        if (free > 0 && waiting.isEmpty()) {
            free--
            CompletableDeferred(Unit)
        } else {
            CompletableDeferred<Unit>().also { waiting.addLast(it) }
        }
    }

    /** Gives up [request]: it is never granted if it was still waiting, and its slot is released if it was. */
    fun withdraw(request: CompletableDeferred<Unit>) {
        val granted = synchronized(this) {
            if (waiting.remove(request)) {
                request.cancel()
                false
            } else {
                true
            }
        }
        if (granted) release()
    }

    /** Returns a granted slot: it goes to the oldest waiting request, or becomes free. */
    fun release() {
        val next = synchronized(this) {
            waiting.removeFirstOrNull() ?: run {
                free++
                null
            }
        }
        next?.complete(Unit)
    }
}
