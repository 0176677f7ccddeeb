package dev.temporalkt.client

import io.grpc.Status.Code
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class RpcRetryOptionsSpec : FunSpec({
    val options = RpcRetryOptions()
    val start = "temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution"
    val describe = "temporal.api.workflowservice.v1.WorkflowService/DescribeWorkflowExecution"
    val poll = "temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue"

    test("transient codes are retried for every call") {
        for (code in listOf(Code.UNAVAILABLE, Code.ABORTED, Code.RESOURCE_EXHAUSTED)) {
            options.isRetryable(code, start, longPoll = false) shouldBe true
            options.isRetryable(code, poll, longPoll = true) shouldBe true
        }
    }

    test("INTERNAL is retried only for read-only calls") {
        options.isRetryable(Code.INTERNAL, describe, longPoll = false) shouldBe true
        options.isRetryable(Code.INTERNAL, start, longPoll = false) shouldBe false
    }

    test("DEADLINE_EXCEEDED is retried except for long polls") {
        options.isRetryable(Code.DEADLINE_EXCEEDED, start, longPoll = false) shouldBe true
        options.isRetryable(Code.DEADLINE_EXCEEDED, poll, longPoll = true) shouldBe false
    }

    test("non-retryable codes fail at once") {
        for (code in listOf(Code.INVALID_ARGUMENT, Code.NOT_FOUND, Code.ALREADY_EXISTS, Code.PERMISSION_DENIED,
            Code.UNAUTHENTICATED, Code.FAILED_PRECONDITION, Code.CANCELLED, Code.UNIMPLEMENTED)) {
            options.isRetryable(code, describe, longPoll = false) shouldBe false
        }
    }

    test("backoff grows by the coefficient and is capped at the maximum interval") {
        options.backoff(1, Code.UNAVAILABLE) shouldBe 100.milliseconds
        options.backoff(2, Code.UNAVAILABLE) shouldBe 170.milliseconds
        options.backoff(3, Code.UNAVAILABLE) shouldBe 289.milliseconds
        options.backoff(20, Code.UNAVAILABLE) shouldBe 5.seconds
    }

    test("RESOURCE_EXHAUSTED starts from its own longer interval") {
        options.backoff(1, Code.RESOURCE_EXHAUSTED) shouldBe 1.seconds
        options.backoff(2, Code.RESOURCE_EXHAUSTED) shouldBe 1.7.seconds
    }

    test("invalid options say what is wrong") {
        shouldThrow<IllegalArgumentException> { RpcRetryOptions(maximumAttempts = 0) }.message shouldContain "maximumAttempts"
        shouldThrow<IllegalArgumentException> { RpcRetryOptions(backoffCoefficient = 0.5) }.message shouldContain "backoffCoefficient"
        shouldThrow<IllegalArgumentException> { RpcRetryOptions(jitter = 2.0) }.message shouldContain "jitter"
    }

    test("TLS options need the client certificate and key together") {
        shouldThrow<IllegalArgumentException> { TlsOptions(clientCert = byteArrayOf(1)) }.message shouldContain "given together"
    }
})
