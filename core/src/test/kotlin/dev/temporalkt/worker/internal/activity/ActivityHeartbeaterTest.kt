package dev.temporalkt.worker.internal.activity

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.internal.InternalTemporalApi
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.test.TestScope
import kotlinx.coroutines.test.advanceTimeBy
import kotlinx.coroutines.test.runCurrent
import kotlinx.coroutines.test.runTest
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

@OptIn(InternalTemporalApi::class, ExperimentalCoroutinesApi::class)
class ActivityHeartbeaterTest : FunSpec({
    fun details(text: String): Payloads =
        Payloads.newBuilder().addPayloads(Payload.newBuilder().setData(ByteString.copyFromUtf8(text))).build()

    fun Payloads.text(): String = getPayloads(0).data.toStringUtf8()

    class Harness(scope: TestScope, timeout: Duration?, val reply: (String) -> ActivityCancelReason? = { null }) {
        val sent = mutableListOf<Pair<Long, String>>()
        val cancels = mutableListOf<ActivityCancelReason>()
        val heartbeater = ActivityHeartbeater(
            throttleInterval = HeartbeatThrottle.interval(timeout),
            heartbeatTimeout = timeout,
            scope = scope.backgroundScope,
            send = { d ->
                sent += scope.testScheduler.currentTime to d.getPayloads(0).data.toStringUtf8()
                reply(d.getPayloads(0).data.toStringUtf8())
            },
            onCancel = { cancels += it },
            timeSource = scope.testScheduler.timeSource,
        )
    }

    test("first heartbeat goes out at once, later ones at most once per interval with the newest details") {
        runTest {
            val h = Harness(this, 10.seconds) // interval 8 s
            h.heartbeater.start()
            h.heartbeater.record(details("a"))
            runCurrent()
            h.sent shouldContainExactly listOf(0L to "a")
            advanceTimeBy(1_000); h.heartbeater.record(details("b"))
            advanceTimeBy(1_000); h.heartbeater.record(details("c"))
            runCurrent()
            h.sent shouldContainExactly listOf(0L to "a")
            advanceTimeBy(6_001)
            h.sent shouldContainExactly listOf(0L to "a", 8_000L to "c")
            // idle after the next interval: a new heartbeat is sent at once
            advanceTimeBy(20_000)
            h.heartbeater.record(details("d"))
            runCurrent()
            h.sent.last() shouldBe (28_001L to "d")
            h.heartbeater.finish() shouldBe details("d")
        }
    }

    test("finish flushes details recorded during the throttle interval") {
        runTest {
            val h = Harness(this, null) // interval 30 s
            h.heartbeater.start()
            h.heartbeater.record(details("1"))
            runCurrent()
            h.heartbeater.record(details("2"))
            advanceTimeBy(5_000)
            h.sent.map { it.second } shouldContainExactly listOf("1")
            h.heartbeater.finish()!!.text() shouldBe "2"
            h.sent shouldContainExactly listOf(0L to "1", 5_000L to "2")
            h.heartbeater.record(details("after"))
            runCurrent()
            h.sent.size shouldBe 2
        }
    }

    test("finish without flush sends nothing more") {
        runTest {
            val h = Harness(this, null)
            h.heartbeater.start()
            h.heartbeater.record(details("1"))
            runCurrent()
            h.heartbeater.record(details("2"))
            h.heartbeater.finish(flush = false)!!.text() shouldBe "2"
            h.sent.map { it.second } shouldContainExactly listOf("1")
        }
    }

    test("the server's answer cancels the attempt") {
        runTest {
            val h = Harness(this, null, reply = { if (it == "x") ActivityCancelReason.CANCEL_REQUESTED else null })
            h.heartbeater.start()
            h.heartbeater.record(details("x"))
            runCurrent()
            h.cancels shouldContainExactly listOf(ActivityCancelReason.CANCEL_REQUESTED)
            h.heartbeater.finish()
        }
    }

    test("no heartbeat within the heartbeat timeout cancels with HEARTBEAT_TIMEOUT, measured from the last one") {
        runTest {
            val h = Harness(this, 10.seconds)
            h.heartbeater.start()
            advanceTimeBy(6_000)
            h.heartbeater.record(details("alive"))
            advanceTimeBy(9_999)
            h.cancels.shouldBeEmpty()
            advanceTimeBy(2)
            h.cancels shouldContainExactly listOf(ActivityCancelReason.HEARTBEAT_TIMEOUT)
            h.heartbeater.finish()
        }
    }

    test("a failing send is logged and the next heartbeat still goes out") {
        runTest {
            var fail = true
            val sent = mutableListOf<String>()
            val heartbeater = ActivityHeartbeater(
                throttleInterval = 1.seconds,
                heartbeatTimeout = null,
                scope = backgroundScope,
                send = { d ->
                    if (fail) { fail = false; error("unavailable") }
                    sent += d.text(); null
                },
                onCancel = {},
                timeSource = testScheduler.timeSource,
            )
            heartbeater.start()
            heartbeater.record(details("1"))
            runCurrent()
            heartbeater.sentCount shouldBe 0
            advanceTimeBy(2_000)
            heartbeater.record(details("2"))
            runCurrent()
            sent shouldContainExactly listOf("2")
            heartbeater.sentCount shouldBe 1
            heartbeater.finish()
        }
    }

    test("an attempt that never heartbeats launches no send loop; the first record launches it") {
        runTest {
            val background = backgroundScope.coroutineContext[kotlinx.coroutines.Job]!!
            val h = Harness(this, null)
            h.heartbeater.start()
            runCurrent()
            h.heartbeater.sendLoopLaunched shouldBe false
            background.children.count() shouldBe 0
            h.heartbeater.record(details("a"))
            h.heartbeater.sendLoopLaunched shouldBe true
            runCurrent()
            h.sent shouldContainExactly listOf(0L to "a")
            background.children.count() shouldBe 1
            h.heartbeater.finish() shouldBe details("a")
            background.children.count() shouldBe 0
            h.sent shouldContainExactly listOf(0L to "a")
        }
    }

    test("finish without any heartbeat sends nothing and returns null; a timeout still starts only the watchdog") {
        runTest {
            val background = backgroundScope.coroutineContext[kotlinx.coroutines.Job]!!
            val quiet = Harness(this, null)
            quiet.heartbeater.start()
            quiet.heartbeater.finish() shouldBe null
            quiet.sent.shouldBeEmpty()
            quiet.heartbeater.record(details("late"))
            quiet.heartbeater.sendLoopLaunched shouldBe false

            val watched = Harness(this, 10.seconds)
            watched.heartbeater.start()
            runCurrent()
            watched.heartbeater.sendLoopLaunched shouldBe false
            background.children.count() shouldBe 1
            advanceTimeBy(10_001)
            watched.cancels shouldContainExactly listOf(ActivityCancelReason.HEARTBEAT_TIMEOUT)
            watched.heartbeater.finish() shouldBe null
            watched.sent.shouldBeEmpty()
        }
    }
})
