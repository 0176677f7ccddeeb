package dev.temporalkt.workflow

import kotlinx.coroutines.Deferred
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.consumeAsFlow
import java.util.concurrent.atomic.AtomicInteger

/**
 * Orders deferreds by completion for [dev.temporalkt.workflow.Workflow.asCompleted]. Each deferred is put into a
 * channel from its completion handler, which runs where the deferred completes: on the run's loop thread, in the
 * order the activation's resolutions and the dispatcher's coroutines complete them, so the order is the same on
 * replay. Deferreds already completed go in first, in the order given.
 */
internal object CompletionOrder {
    fun <T> of(deferreds: List<Deferred<T>>): Flow<Deferred<T>> {
        val completed = Channel<Deferred<T>>(Channel.UNLIMITED)
        if (deferreds.isEmpty()) completed.close()
        val remaining = AtomicInteger(deferreds.size)
        for (deferred in deferreds) {
            deferred.invokeOnCompletion {
                completed.trySend(deferred)
                if (remaining.decrementAndGet() == 0) completed.close()
            }
        }
        return completed.consumeAsFlow()
    }
}
