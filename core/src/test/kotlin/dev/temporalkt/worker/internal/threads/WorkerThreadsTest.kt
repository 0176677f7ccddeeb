@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.threads

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.withContext
import kotlin.concurrent.thread
import kotlin.coroutines.resume
import kotlin.coroutines.suspendCoroutine

/** States of a thread that has let its coroutine go: waiting for work, or ended (a thread of the test's own). */
private val LET_GO = setOf(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED)

/**
 * Suspends until a new thread named [name] resumes the caller, once the caller's thread has let the coroutine go (it
 * waits for work again): a resume before the coroutine suspended would let it go on where it was.
 */
private suspend fun resumedFrom(name: String) {
    val suspending = Thread.currentThread()
    suspendCancellableCoroutine { continuation ->
        thread(name = name) {
            while (suspending.state !in LET_GO) Thread.onSpinWait()
            continuation.resume(Unit)
        }
    }
}

class WorkerThreadsTest : FunSpec({
    test("coroutines run on the pool's daemon threads and come back there after a suspension") {
        runBlocking {
            withContext(WorkerThreads.dispatcher) {
                Thread.currentThread().name shouldStartWith "temporal-worker-"
                Thread.currentThread().isDaemon shouldBe true
                resumedFrom("transport")
                Thread.currentThread().name shouldStartWith "temporal-worker-"
            }
        }
    }

    test("inside onResumingThread code goes on on the thread that resumed it, and so does its caller until it suspends") {
        runBlocking {
            withContext(WorkerThreads.dispatcher) {
                val inside = WorkerThreads.onResumingThread {
                    resumedFrom("transport-1")
                    Thread.currentThread().name
                }
                inside shouldStartWith "transport-1"
                Thread.currentThread().name shouldStartWith "transport-1"
                // the caller's next suspension is dispatched as usual
                resumedFrom("transport-2")
                Thread.currentThread().name shouldStartWith "temporal-worker-"
            }
        }
    }

    test("work left for after the suspension runs on the same thread and resumes the coroutine there") {
        runBlocking {
            withContext(WorkerThreads.dispatcher) {
                val caller = Thread.currentThread()
                var ranOn: Thread? = null
                val answer = suspendCoroutine { continuation ->
                    val left = WorkerThreads.runAfterSuspension {
                        ranOn = Thread.currentThread()
                        WorkerThreads.resumeOnThisThread { continuation.resume(42) }
                    }
                    left shouldBe true
                }
                answer shouldBe 42
                ranOn shouldBe caller
                Thread.currentThread() shouldBe caller
            }
        }
    }

    test("off the worker threads nothing is left for later, and a resume is dispatched as usual") {
        WorkerThreads.runAfterSuspension { error("must not run") } shouldBe false
        runBlocking {
            withContext(WorkerThreads.dispatcher) {
                suspendCoroutine { continuation ->
                    thread(name = "elsewhere") { WorkerThreads.resumeOnThisThread { continuation.resume(Unit) } }
                }
                Thread.currentThread().name shouldStartWith "temporal-worker-"
            }
        }
    }

    test("a coroutine started from there in a scope of its own is handed to the pool") {
        runBlocking {
            val ranOn = CompletableDeferred<String>()
            withContext(WorkerThreads.dispatcher) {
                WorkerThreads.onResumingThread { resumedFrom("transport") }
                Thread.currentThread().name shouldStartWith "transport"
                CoroutineScope(WorkerThreads.dispatcher).launch { ranOn.complete(Thread.currentThread().name) }
            }
            ranOn.await() shouldStartWith "temporal-worker-"
        }
    }
})
