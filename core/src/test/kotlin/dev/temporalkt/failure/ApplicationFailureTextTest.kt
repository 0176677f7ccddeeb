package dev.temporalkt.failure

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class ApplicationFailureTextTest : FunSpec({
    test("toString names the class, the message, the type and non-retryability") {
        ApplicationFailure("card declined", type = "PaymentError", nonRetryable = true).toString() shouldBe
            "dev.temporalkt.failure.ApplicationFailure: card declined (type=PaymentError, nonRetryable)"
        ApplicationFailure("plain").toString() shouldBe "dev.temporalkt.failure.ApplicationFailure: plain"
    }
})
