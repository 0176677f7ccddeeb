package dev.temporalkt.workflow.internal

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.isActive
import kotlinx.coroutines.withContext

/**
 * Awaits a resolution delivered by the replay core. If the awaiting coroutine is cancelled first, [requestCancel]
 * emits the cancel command and the wait continues, shielded, until the core resolves: it resolves at once or
 * later depending on the cancellation type of the command, so the runtime never guesses. The resolution's
 * failure is thrown if it has one, otherwise the cancellation.
 */
@OptIn(ExperimentalCoroutinesApi::class)
internal suspend fun <T> CompletableDeferred<T>.awaitResolution(requestCancel: () -> Unit): T {
    try {
        return await()
    } catch (e: CancellationException) {
        if (isCompleted || currentCoroutineContext().isActive) throw e
        requestCancel()
        withContext(NonCancellable) { join() }
        getCompletionExceptionOrNull()?.let { throw it }
        throw e
    }
}
