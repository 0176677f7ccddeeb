package dev.temporalkt.worker.internal.workflow

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.yield
import java.util.concurrent.atomic.AtomicInteger

class RunLockTest : FunSpec({
    test("holders run one at a time, and waiters get the lock in arrival order") {
        val lock = RunLock()
        val order = mutableListOf<String>()
        coroutineScope {
            val release = CompletableDeferred<Unit>()
            val first = launch(start = CoroutineStart.UNDISPATCHED) {
                lock.withLock {
                    order += "first in"
                    release.await()
                    order += "first out"
                }
            }
            lock.isLocked shouldBe true
            val waiters = (1..3).map { i ->
                launch(start = CoroutineStart.UNDISPATCHED) { lock.withLock { order += "waiter $i" } }
            }
            release.complete(Unit)
            first.join()
            waiters.forEach { it.join() }
        }
        order shouldBe listOf("first in", "first out", "waiter 1", "waiter 2", "waiter 3")
        lock.isLocked shouldBe false
    }

    test("a waiter cancelled in the queue leaves it; the lock goes to the next one, and a failing holder releases it") {
        val lock = RunLock()
        val order = mutableListOf<String>()
        coroutineScope {
            val release = CompletableDeferred<Unit>()
            val holder = launch(start = CoroutineStart.UNDISPATCHED) {
                shouldThrow<IllegalStateException> { lock.withLock { release.await(); error("holder failed") } }
            }
            val cancelled = launch(start = CoroutineStart.UNDISPATCHED) { lock.withLock { order += "cancelled one ran" } }
            val next = launch(start = CoroutineStart.UNDISPATCHED) { lock.withLock { order += "next" } }
            cancelled.cancel()
            cancelled.join()
            release.complete(Unit)
            holder.join()
            next.join()
        }
        order shouldBe listOf("next")
        lock.isLocked shouldBe false
    }

    test("under contention from many threads no two holders overlap and every one runs") {
        val lock = RunLock()
        val inside = AtomicInteger()
        val overlaps = AtomicInteger()
        var count = 0
        withContext(Dispatchers.Default) {
            (1..2_000).map {
                async {
                    lock.withLock {
                        if (inside.incrementAndGet() != 1) overlaps.incrementAndGet()
                        count++
                        yield()
                        inside.decrementAndGet()
                    }
                }
            }.awaitAll()
        }
        overlaps.get() shouldBe 0
        count shouldBe 2_000
        lock.isLocked shouldBe false
    }
})
