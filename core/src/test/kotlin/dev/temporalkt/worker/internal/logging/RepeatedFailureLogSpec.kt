package dev.temporalkt.worker.internal.logging

import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.grpc.StatusException
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.slf4j.event.EventRecordingLogger
import org.slf4j.event.Level
import org.slf4j.event.SubstituteLoggingEvent
import org.slf4j.helpers.SubstituteLogger
import java.net.ConnectException
import java.util.concurrent.LinkedBlockingQueue
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

@OptIn(InternalTemporalApi::class)
class RepeatedFailureLogSpec : FunSpec({
    val refused = StatusException(Status.UNAVAILABLE.withDescription("io exception").withCause(ConnectException("Connection refused: /127.0.0.1:7233")))
    val recycled = StatusException(Status.UNAVAILABLE.withDescription("Connection closed after GOAWAY. HTTP/2 error code: NO_ERROR, debug data: max_age"))

    class Recorded {
        val events = LinkedBlockingQueue<SubstituteLoggingEvent>()
        var now = 0L
        val log = RepeatedFailureLog(
            EventRecordingLogger(SubstituteLogger("test", null, false), events),
            "Polling workflow:q",
            reminderInterval = 30.seconds,
            nanoTime = { now },
        )

        /** The events above DEBUG as `LEVEL message`, formatted; whether any carries a throwable. */
        fun printed(): List<String> = events.filter { it.level != Level.DEBUG }.map {
            "${it.level} " + org.slf4j.helpers.MessageFormatter.arrayFormat(it.message, it.argumentArray).message +
                (if (it.throwable != null) " +trace" else "")
        }
    }

    test("an outage: one WARN when a caller fails twice in a row, reminders at most every 30 s, one INFO on recovery; traces at DEBUG only") {
        val r = Recorded()
        repeat(5) { r.log.failed(refused, inARow = 1) } // five pollers cut at once
        r.printed() shouldBe emptyList()
        r.now += 200.milliseconds.inWholeNanoseconds
        r.log.failed(refused, inARow = 2)
        repeat(100) { i -> r.now += 100.milliseconds.inWholeNanoseconds; r.log.failed(refused, inARow = 3 + i % 5) } // 10 s more
        r.log.isFailing shouldBe true
        r.now += 25.seconds.inWholeNanoseconds
        r.log.failed(refused, inARow = 9) // 35 s after the first WARN
        r.now += 1.seconds.inWholeNanoseconds
        r.log.succeeded()
        r.log.succeeded()
        r.printed() shouldBe listOf(
            "WARN Polling workflow:q is failing: UNAVAILABLE: io exception (Connection refused: /127.0.0.1:7233); retrying " +
                "with back-off (logged again at most every 30s while it lasts; stack traces at DEBUG)",
            "WARN Polling workflow:q is still failing: 103 failed attempts in the last 35s; the last error: UNAVAILABLE: " +
                "io exception (Connection refused: /127.0.0.1:7233)",
            "INFO Polling workflow:q works again after 103 failed attempts in 36s",
        )
        r.events.count { it.level == Level.DEBUG && it.throwable === refused } shouldBe 107
    }

    test("connection recycling cuts a poll: DEBUG only, even several in a row, and no recovery line") {
        val r = Recorded()
        r.log.failed(recycled, inARow = 1)
        r.log.failed(recycled, inARow = 2)
        r.log.succeeded()
        r.printed() shouldBe emptyList()
        r.events.size shouldBe 2
        RepeatedFailureLog.isConnectionRecycling(recycled) shouldBe true
        RepeatedFailureLog.isConnectionRecycling(refused) shouldBe false
    }
})
