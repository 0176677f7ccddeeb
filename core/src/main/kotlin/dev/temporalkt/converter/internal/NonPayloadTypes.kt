package dev.temporalkt.converter.internal

import dev.temporalkt.internal.InternalTemporalApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.channels.ReceiveChannel
import kotlinx.coroutines.channels.SendChannel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.Semaphore
import java.io.InputStream
import java.io.OutputStream
import java.io.Reader
import java.io.Writer
import java.util.concurrent.CompletionStage
import java.util.concurrent.Future
import java.util.concurrent.locks.Lock
import java.util.stream.BaseStream
import kotlin.coroutines.Continuation
import kotlin.coroutines.CoroutineContext

/**
 * Classes whose values can never be payloads: they stand for behaviour, running computations or open resources rather
 * than data (function types, coroutine machinery, lazy or one-shot sources, pending results, threads, locks and I/O
 * streams). Payload converters accept almost any class, so these are refused by name instead: by a worker for the
 * parameter and return types of its workflows and activities, and by a client for the arguments it is asked to send
 * (start, signal, query and update by name), before anything goes to the server.
 */
@InternalTemporalApi
public object NonPayloadTypes {
    private val refused: List<Pair<Class<*>, String>> = listOf(
        Function::class.java to "a function type",
        Continuation::class.java to "a coroutine continuation",
        Job::class.java to "a running coroutine (Job or Deferred)",
        CoroutineContext::class.java to "a coroutine context",
        Flow::class.java to "a Flow (a stream of values produced while it is collected)",
        ReceiveChannel::class.java to "a channel",
        SendChannel::class.java to "a channel",
        Mutex::class.java to "a lock",
        Semaphore::class.java to "a semaphore",
        Lock::class.java to "a lock",
        Sequence::class.java to "a lazy Sequence",
        Iterator::class.java to "an iterator",
        BaseStream::class.java to "a Java stream",
        Future::class.java to "a pending result (Future)",
        CompletionStage::class.java to "a pending result (CompletionStage)",
        Thread::class.java to "a thread",
        InputStream::class.java to "an I/O stream",
        OutputStream::class.java to "an I/O stream",
        Reader::class.java to "a reader",
        Writer::class.java to "a writer",
    )

    /** What a [type] stands for when its values cannot be payloads (`"a thread"`), `null` when a converter may take it. */
    public fun reason(type: Class<*>): String? = refused.firstOrNull { (refusedClass, _) -> refusedClass.isAssignableFrom(type) }?.second

    /**
     * Refuses [args] of a call a client is about to send when one is a value that cannot be a payload (by its runtime
     * class: see [reason]). [what] names the call for the message (`signal 'approve' of workflow 'order-1'`).
     *
     * @throws IllegalArgumentException naming the argument's position and class and saying what to send instead.
     */
    public fun checkArguments(what: String, args: List<Any?>) {
        args.forEachIndexed { index, value ->
            if (value == null) return@forEachIndexed
            val reason = reason(value.javaClass) ?: return@forEachIndexed
            throw IllegalArgumentException(
                "Argument $index of $what is ${value.javaClass.name}, $reason, which cannot be sent as a payload; " +
                    "send plain data instead (a @Serializable class, a class Jackson can convert such as a data class, " +
                    "a primitive, String, or collections of them)",
            )
        }
    }
}
