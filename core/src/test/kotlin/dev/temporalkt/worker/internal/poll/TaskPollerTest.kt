package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import kotlin.random.Random
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

@OptIn(InternalTemporalApi::class, ExperimentalCoroutinesApi::class)
class TaskPollerTest : FunSpec({
    test("fixed-size slots: acquire, tryAcquire and idempotent release") {
        runTest {
            val slots = FixedSizeSlotSupplier(2)
            val a = slots.acquire()
            val b = slots.tryAcquire()!!
            slots.tryAcquire() shouldBe null
            slots.availableSlots shouldBe 0
            a.release()
            a.release()
            a.isReleased shouldBe true
            slots.availableSlots shouldBe 1
            b.release()
            slots.availableSlots shouldBe 2
        }
        shouldThrow<IllegalArgumentException> { FixedSizeSlotSupplier(0) }.message shouldContain "at least one slot"
    }

    test("a poller takes a slot before polling and the slot is held until the handler ends") {
        runTest {
            val slots = FixedSizeSlotSupplier(1)
            val tasks = Channel<Int>(Channel.UNLIMITED)
            var polls = 0
            val finish = mutableMapOf<Int, CompletableDeferred<Unit>>()
            val handled = mutableListOf<Int>()
            val poller = TaskPoller(
                name = "test",
                pollerCount = 3,
                slots = slots,
                context = backgroundScope.coroutineContext,
                poll = { polls++; tasks.receive() },
                handler = { task, _ ->
                    handled += task
                    finish.getOrPut(task) { CompletableDeferred() }.await()
                },
            )
            poller.start()
            runCurrent()
            polls shouldBe 1 // one slot: one poll in flight although three pollers run
            tasks.send(1)
            runCurrent()
            handled shouldContainExactly listOf(1)
            polls shouldBe 1 // the handler holds the only slot
            slots.availableSlots shouldBe 0
            finish.getOrPut(1) { CompletableDeferred() }.complete(Unit)
            runCurrent()
            polls shouldBe 2
            tasks.send(2)
            runCurrent()
            handled shouldContainExactly listOf(1, 2)
            poller.runningHandlers shouldBe 1
            poller.stopPolling()
            finish.getOrPut(2) { CompletableDeferred() }.complete(Unit)
            poller.awaitHandlers(1.seconds) shouldBe true
            slots.availableSlots shouldBe 1
        }
    }

    test("a polled task is handled where its poll resumed, after the next poll went out: one dispatch per task") {
        runTest {
            val scheduler = backgroundScope.coroutineContext[ContinuationInterceptor] as CoroutineDispatcher
            var dispatches = 0
            val counting = object : CoroutineDispatcher() {
                override fun dispatch(context: CoroutineContext, block: Runnable) {
                    dispatches++
                    scheduler.dispatch(context, block)
                }
            }
            val answers = Channel<Int>(Channel.UNLIMITED)
            val events = mutableListOf<String>()
            val poller = TaskPoller(
                name = "handoff",
                pollerCount = 1,
                slots = FixedSizeSlotSupplier(2),
                context = backgroundScope.coroutineContext + counting,
                poll = { events += "poll"; answers.receive() },
                handler = { task, _ -> events += "handle $task" },
            )
            poller.start()
            runCurrent()
            events shouldContainExactly listOf("poll")
            dispatches = 0
            answers.send(1)
            runCurrent()
            // the answer resumed the poll loop once; the next poll and then the handler started without a dispatch
            events shouldContainExactly listOf("poll", "poll", "handle 1")
            dispatches shouldBe 1
            poller.stopPolling() shouldBe false
            poller.awaitHandlers(1.seconds) shouldBe true
        }
    }

    test("a stop does not wait for a handler that took its poll loop's thread, only for the loops still polling") {
        runTest {
            val answers = Channel<Int>(Channel.UNLIMITED)
            val release = CompletableDeferred<Unit>()
            val handled = mutableListOf<Int>()
            val poller = TaskPoller(
                name = "stop",
                pollerCount = 2,
                slots = FixedSizeSlotSupplier(4),
                context = backgroundScope.coroutineContext,
                poll = { answers.receive() },
                handler = { task, _ ->
                    release.await()
                    handled += task
                },
            )
            poller.start()
            runCurrent()
            answers.send(3)
            runCurrent()
            poller.runningHandlers shouldBe 1
            poller.stopPolling() shouldBe false
            poller.isStopped shouldBe true
            poller.runningHandlers shouldBe 1
            release.complete(Unit)
            poller.awaitHandlers(1.seconds) shouldBe true
            handled shouldContainExactly listOf(3)
        }
    }

    test("a draining stop lets the polls in flight return: a task the server hands them then is run, no poll starts after") {
        runTest {
            val answers = Channel<Int?>(Channel.UNLIMITED)
            var polls = 0
            val handled = mutableListOf<Int>()
            val poller = TaskPoller(
                name = "drain",
                pollerCount = 2,
                slots = FixedSizeSlotSupplier(4),
                context = backgroundScope.coroutineContext,
                poll = { polls++; answers.receive() },
                handler = { task, _ -> handled += task },
            )
            poller.start()
            runCurrent()
            polls shouldBe 2
            poller.beginStop()
            // what a server that completes a stopping worker's polls does: one poll gets the task it was already
            // matched with, the other an empty answer
            answers.send(7)
            answers.send(null)
            poller.stopPolling(drain = 5.seconds) shouldBe true
            runCurrent()
            handled shouldContainExactly listOf(7)
            polls shouldBe 2
            poller.isStopped shouldBe true
        }
    }

    /** Polls that the server never answers, counting the ones cancelled; [block] stops the poller. */
    fun unansweredPolls(pollers: Int, block: suspend (TaskPoller<Int>) -> Unit): Int {
        var cancelled = 0
        runTest {
            val poller = TaskPoller<Int>(
                name = "unanswered",
                pollerCount = pollers,
                slots = FixedSizeSlotSupplier(pollers),
                context = backgroundScope.coroutineContext,
                poll = {
                    try {
                        awaitCancellation()
                    } finally {
                        cancelled++
                    }
                },
                handler = { _, _ -> },
            )
            poller.start()
            runCurrent()
            block(poller)
        }
        return cancelled
    }

    test("a draining stop cancels the polls the server did not answer once the drain time is up") {
        unansweredPolls(2) { poller ->
            poller.beginStop()
            poller.stopPolling(drain = 3.seconds) shouldBe false
        } shouldBe 2
    }

    test("a stop without drain time cancels polls in flight at once") {
        unansweredPolls(1) { poller -> poller.stopPolling() shouldBe false } shouldBe 1
    }

    test("empty poll responses release the slot and poll again") {
        runTest {
            val slots = FixedSizeSlotSupplier(1)
            var polls = 0
            val handled = mutableListOf<String>()
            val poller = TaskPoller(
                name = "test",
                pollerCount = 1,
                slots = slots,
                context = backgroundScope.coroutineContext,
                poll = { polls++; if (polls < 4) null else if (polls == 4) "task" else awaitCancellation() },
                handler = { task, _ -> handled += task },
            )
            poller.start()
            runCurrent()
            polls shouldBe 5
            handled shouldContainExactly listOf("task")
            slots.availableSlots shouldBe 0 // the fifth poll holds it
            poller.stopPolling()
            slots.availableSlots shouldBe 1
        }
    }

    test("poll errors are retried with growing backoff, never in a tight loop") {
        runTest {
            val pollTimes = mutableListOf<Long>()
            val poller = TaskPoller<String>(
                name = "test",
                pollerCount = 1,
                slots = FixedSizeSlotSupplier(1),
                context = backgroundScope.coroutineContext,
                poll = { pollTimes += testScheduler.currentTime; error("unavailable") },
                handler = { _, _ -> },
                backoff = PollBackoff(initial = 100.milliseconds, maximum = 1.seconds, jitter = 0.0),
            )
            poller.start()
            advanceTimeBy(3_000)
            pollTimes shouldContainExactly listOf(0L, 100L, 300L, 700L, 1_500L, 2_500L)
            poller.stopPolling()
        }
    }

    test("a fatal poll error stops polling and is reported") {
        runTest {
            val fatal = CompletableDeferred<Throwable>()
            var polls = 0
            val poller = TaskPoller<String>(
                name = "test",
                pollerCount = 2,
                slots = FixedSizeSlotSupplier(2),
                context = backgroundScope.coroutineContext,
                poll = { polls++; throw IllegalStateException("namespace not found") },
                handler = { _, _ -> },
                isFatal = { it is IllegalStateException },
                onFatal = { fatal.complete(it) },
            )
            poller.start()
            advanceTimeBy(10_000)
            fatal.await().message shouldBe "namespace not found"
            poller.isStopped shouldBe true
            (polls <= 2) shouldBe true
        }
    }

    test("backoff arithmetic and validation") {
        val backoff = PollBackoff(initial = 200.milliseconds, maximum = 10.seconds, multiplier = 2.0, jitter = 0.2)
        backoff.baseDelay(1) shouldBe 200.milliseconds
        backoff.baseDelay(2) shouldBe 400.milliseconds
        backoff.baseDelay(6) shouldBe 6_400.milliseconds
        backoff.baseDelay(7) shouldBe 10.seconds
        backoff.baseDelay(1_000) shouldBe 10.seconds
        val random = Random(42)
        repeat(100) {
            val d = backoff.delay(3, random)
            (d >= 640.milliseconds && d <= 960.milliseconds) shouldBe true
        }
        shouldThrow<IllegalArgumentException> { PollBackoff(initial = 0.milliseconds) }.message shouldContain "must be positive"
    }
})
