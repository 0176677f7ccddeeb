package dev.temporalkt.worker.internal.activity

import dev.temporalkt.internal.InternalTemporalApi
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

@OptIn(InternalTemporalApi::class)
class HeartbeatThrottleTest : FunSpec({
    test("80% of the heartbeat timeout") {
        HeartbeatThrottle.interval(10.seconds) shouldBe 8.seconds
        HeartbeatThrottle.interval(1.seconds) shouldBe 800.milliseconds
        HeartbeatThrottle.interval(75.seconds) shouldBe 60.seconds
    }

    test("capped at 60 seconds") {
        HeartbeatThrottle.interval(10.minutes) shouldBe 60.seconds
        HeartbeatThrottle.interval(76.seconds) shouldBe 60.seconds
    }

    test("30 seconds without a heartbeat timeout (absent or zero)") {
        HeartbeatThrottle.interval(null) shouldBe 30.seconds
        HeartbeatThrottle.interval(Duration.ZERO) shouldBe 30.seconds
    }

    test("custom default and maximum") {
        HeartbeatThrottle.interval(null, defaultInterval = 5.seconds) shouldBe 5.seconds
        HeartbeatThrottle.interval(20.seconds, maxInterval = 10.seconds) shouldBe 10.seconds
    }
})
