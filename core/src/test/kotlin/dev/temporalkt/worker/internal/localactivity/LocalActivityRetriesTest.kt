package dev.temporalkt.worker.internal.localactivity

import com.google.protobuf.Duration as ProtoDuration
import dev.temporalkt.api.common.v1.RetryPolicy
import dev.temporalkt.api.enums.v1.TimeoutType
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.TimeoutFailureInfo
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

private fun appFailure(type: String = "Boom", nonRetryable: Boolean = false, nextRetryDelaySeconds: Long? = null): Failure {
    val info = ApplicationFailureInfo.newBuilder().setType(type).setNonRetryable(nonRetryable)
    nextRetryDelaySeconds?.let { info.setNextRetryDelay(ProtoDuration.newBuilder().setSeconds(it)) }
    return Failure.newBuilder().setMessage("failed").setApplicationFailureInfo(info).build()
}

private fun timeout(type: TimeoutType) = Failure.newBuilder().setMessage("timed out")
    .setTimeoutFailureInfo(TimeoutFailureInfo.newBuilder().setTimeoutType(type)).build()

class LocalActivityRetriesTest : FunSpec({
    test("the default policy doubles from 1 s and caps at 100 s") {
        (1..9).map { LocalActivityRetries.backoff(null, it, appFailure()) } shouldBe
            listOf(1.seconds, 2.seconds, 4.seconds, 8.seconds, 16.seconds, 32.seconds, 64.seconds, 100.seconds, 100.seconds)
    }

    test("a policy's interval, coefficient, maximum interval and maximum attempts apply") {
        val policy = RetryPolicy.newBuilder().setInitialInterval(ProtoDuration.newBuilder().setNanos(100_000_000))
            .setBackoffCoefficient(3.0).setMaximumInterval(ProtoDuration.newBuilder().setSeconds(1)).setMaximumAttempts(4).build()
        (1..4).map { LocalActivityRetries.backoff(policy, it, appFailure()) } shouldBe
            listOf(100.milliseconds, 300.milliseconds, 900.milliseconds, null)
    }

    test("non-retryable failures, listed types, cancellations and timeouts other than start-to-close are final") {
        val policy = RetryPolicy.newBuilder().addNonRetryableErrorTypes("Fatal").build()
        LocalActivityRetries.backoff(policy, 1, appFailure(nonRetryable = true)) shouldBe null
        LocalActivityRetries.backoff(policy, 1, appFailure(type = "Fatal")) shouldBe null
        LocalActivityRetries.backoff(policy, 1, Failure.newBuilder().setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance()).build()) shouldBe null
        LocalActivityRetries.backoff(policy, 1, timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE)) shouldBe null
        LocalActivityRetries.backoff(policy, 1, timeout(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE)) shouldBe 1.seconds
    }

    test("an application failure's next retry delay replaces the computed backoff") {
        LocalActivityRetries.backoff(null, 1, appFailure(nextRetryDelaySeconds = 90)) shouldBe 90.seconds
    }
})
