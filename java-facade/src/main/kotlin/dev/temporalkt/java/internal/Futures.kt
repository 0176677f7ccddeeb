package dev.temporalkt.java.internal

import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.channels.produce
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.future.future
import kotlinx.coroutines.runBlocking
import java.util.Spliterator
import java.util.Spliterators
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.stream.Stream
import java.util.stream.StreamSupport

/**
 * Runs the Kotlin client's suspending calls for Java callers: each call is a coroutine whose outcome completes the
 * returned [CompletableFuture]; cancelling the future cancels the call. A call starts on the caller's thread and
 * moves to the client's threads at its first suspension (usually the request to the server), so client interceptors
 * see the caller's thread-bound context, such as the current OpenTelemetry span.
 */
@OptIn(ExperimentalCoroutinesApi::class)
internal object Futures {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("temporal-kt-java-client"))

    /** Runs [block] as a coroutine and returns a future of its result. */
    fun <T> run(block: suspend () -> T): CompletableFuture<T> = scope.future(start = CoroutineStart.UNDISPATCHED) { block() }

    /** [run] for calls without a result: the future completes with `null`. */
    @Suppress("UNCHECKED_CAST")
    fun runVoid(block: suspend () -> Unit): CompletableFuture<Void> = scope.future<Void?>(start = CoroutineStart.UNDISPATCHED) {
        block()
        null
    } as CompletableFuture<Void>

    /**
     * The elements of [flow] as a sequential [Stream] that collects the flow as the stream is consumed (blocking the
     * consuming thread while the next element is fetched); closing the stream stops the collection.
     */
    fun <T : Any> stream(flow: Flow<T>): Stream<T> {
        val iterator = FlowIterator(flow)
        val spliterator = Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED or Spliterator.NONNULL)
        return StreamSupport.stream(spliterator, false).onClose(iterator::close)
    }

    private class FlowIterator<T : Any>(private val flow: Flow<T>) : Iterator<T> {
        private var channel: ReceiveChannel<T>? = null
        private var next: T? = null
        private var done = false

        override fun hasNext(): Boolean {
            if (next != null) return true
            if (done) return false
            val source = channel ?: scope.produce { flow.collect { send(it) } }.also { channel = it }
            val result = runBlocking { source.receiveCatching() }
            if (result.isSuccess) {
                next = result.getOrThrow()
                return true
            }
            done = true
            val cause = result.exceptionOrNull() ?: return false
            throw when (cause) {
                is RuntimeException -> cause
                is Error -> cause
                else -> CompletionException(cause)
            }
        }

        override fun next(): T {
            if (!hasNext()) throw NoSuchElementException()
            return next!!.also { next = null }
        }

        fun close() {
            done = true
            channel?.cancel()
        }
    }
}
