package dev.temporalkt.common

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds
import dev.temporalkt.api.common.v1.RetryPolicy as RetryPolicyProto

class RetryPolicyTest : FunSpec({
    test("a full policy round-trips through its proto with exact field values") {
        val policy = RetryPolicy(
            initialInterval = 1500.milliseconds,
            backoffCoefficient = 3.0,
            maximumInterval = 2.minutes,
            maximumAttempts = 5,
            nonRetryableErrorTypes = listOf("CardDeclined", "IllegalArgumentException"),
        )

        val proto = policy.toProto()

        proto.initialInterval.seconds shouldBe 1
        proto.initialInterval.nanos shouldBe 500_000_000
        proto.backoffCoefficient shouldBe 3.0
        proto.maximumInterval.seconds shouldBe 120
        proto.maximumInterval.nanos shouldBe 0
        proto.maximumAttempts shouldBe 5
        proto.nonRetryableErrorTypesList shouldBe listOf("CardDeclined", "IllegalArgumentException")
        RetryPolicy.fromProto(proto) shouldBe policy
        RetryPolicy.fromProto(RetryPolicyProto.parseFrom(proto.toByteArray())) shouldBe policy
    }

    test("the default policy leaves the maximum interval to the server") {
        val proto = RetryPolicy.DEFAULT.toProto()
        proto.initialInterval.seconds shouldBe 1
        proto.backoffCoefficient shouldBe 2.0
        proto.hasMaximumInterval() shouldBe false
        proto.maximumAttempts shouldBe 0
        proto.nonRetryableErrorTypesCount shouldBe 0
    }

    test("unset proto fields are read as the server defaults") {
        RetryPolicy.fromProto(RetryPolicyProto.getDefaultInstance()) shouldBe RetryPolicy.DEFAULT
        RetryPolicy.fromProto(RetryPolicyProto.newBuilder().setMaximumAttempts(3).build()) shouldBe
            RetryPolicy(maximumAttempts = 3)
    }

    test("invalid values are rejected with a message naming the property") {
        shouldThrow<IllegalArgumentException> { RetryPolicy(backoffCoefficient = 0.5) }.message shouldBe
            "RetryPolicy.backoffCoefficient must be at least 1.0 (1.0 retries at a constant interval), was 0.5"
        shouldThrow<IllegalArgumentException> { RetryPolicy(initialInterval = 0.seconds) }.message shouldBe
            "RetryPolicy.initialInterval must be a positive, finite duration, was 0s"
        shouldThrow<IllegalArgumentException> {
            RetryPolicy(initialInterval = 10.seconds, maximumInterval = 5.seconds)
        }.message shouldBe "RetryPolicy.maximumInterval (5s) must not be less than initialInterval (10s)"
        shouldThrow<IllegalArgumentException> { RetryPolicy(maximumAttempts = -1) }.message shouldBe
            "RetryPolicy.maximumAttempts must be 0 (unlimited) or positive, was -1"
        shouldThrow<IllegalArgumentException> { RetryPolicy(nonRetryableErrorTypes = listOf("Ok", " ")) }.message shouldBe
            "RetryPolicy.nonRetryableErrorTypes[1] is blank; list application failure type names"
        shouldThrow<IllegalArgumentException> { RetryPolicy.DEFAULT.copy(backoffCoefficient = Double.NaN) }
    }

    test("a proto with an out-of-range value is rejected when read") {
        val proto = RetryPolicyProto.newBuilder().setBackoffCoefficient(0.5).build()
        shouldThrow<IllegalArgumentException> { RetryPolicy.fromProto(proto) }.message shouldBe
            "RetryPolicy.backoffCoefficient must be at least 1.0 (1.0 retries at a constant interval), was 0.5"
    }

    test("the builder takes java.time durations") {
        val policy = RetryPolicy.newBuilder()
            .initialInterval(java.time.Duration.ofSeconds(2))
            .maximumInterval(java.time.Duration.ofSeconds(30))
            .maximumAttempts(4)
            .nonRetryableErrorTypes("Fatal")
            .build()
        policy shouldBe RetryPolicy(2.seconds, 2.0, 30.seconds, 4, listOf("Fatal"))
        policy.initialIntervalJava shouldBe java.time.Duration.ofSeconds(2)
        policy.maximumIntervalJava shouldBe java.time.Duration.ofSeconds(30)
    }
})
