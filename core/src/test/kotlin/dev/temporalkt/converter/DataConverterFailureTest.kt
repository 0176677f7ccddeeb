package dev.temporalkt.converter

import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.failure.TimeoutFailure
import dev.temporalkt.failure.TimeoutType
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf

/** The real payload and failure converters together with a codec chain, as clients and workers use them. */
class DataConverterFailureTest : FunSpec({
    val dataConverter = DataConverter(
        failureConverter = DefaultFailureConverter(encodeCommonAttributes = true),
        codecs = listOf(GzipCodec(), XorCodec()),
    )

    test("a failure chain with details leaves no plaintext behind a codec and decodes back to typed exceptions") {
        val exception = ApplicationFailure(
            "card declined",
            type = "PaymentError",
            nonRetryable = true,
            details = FailureDetails.of(Order("secret-order", 3)),
            cause = TimeoutFailure("activity timed out", TimeoutType.HEARTBEAT, FailureDetails.of("last-beat"), IllegalStateException("socket closed")),
        )

        val failure = dataConverter.encodeFailure(exception)
        val wire = failure.toByteString().toStringUtf8()
        for (secret in listOf("card declined", "secret-order", "last-beat", "socket closed")) {
            wire.contains(secret) shouldBe false
        }
        failure.message shouldBe "Encoded failure"
        failure.applicationFailureInfo.type shouldBe "PaymentError"

        val decoded = dataConverter.decodeFailure(failure).shouldBeInstanceOf<ApplicationFailure>()
        decoded.message shouldBe "card declined"
        decoded.type shouldBe "PaymentError"
        decoded.nonRetryable shouldBe true
        decoded.details<Order>() shouldBe Order("secret-order", 3)
        val timeout = decoded.cause.shouldBeInstanceOf<TimeoutFailure>()
        timeout.message shouldBe "activity timed out"
        timeout.timeoutType shouldBe TimeoutType.HEARTBEAT
        timeout.lastHeartbeatDetails.get<String>(0) shouldBe "last-beat"
        val root = timeout.cause.shouldBeInstanceOf<ApplicationFailure>()
        root.message shouldBe "socket closed"
        root.type shouldBe "IllegalStateException"
    }
})
