@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.nexus

import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.enums.v1.NexusHandlerErrorRetryBehavior
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.nexus.v1.StartOperationResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class NexusResponsesTest : FunSpec({
    test("failures for servers without Temporal failure responses travel as Nexus failures with the rest as JSON") {
        val failure = Failure.newBuilder().setMessage("refused")
            .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("Refused").setNonRetryable(true)).build()
        val nexus = NexusResponses.toNexusFailure(failure)
        nexus.message shouldBe "refused"
        nexus.metadataMap shouldBe mapOf("type" to "temporal.api.failure.v1.Failure")
        val back = Failure.newBuilder().also { JsonFormat.parser().merge(nexus.details.toStringUtf8(), it) }.build()
        back shouldBe failure.toBuilder().clearMessage().build()
    }

    test("operation errors: a Temporal failure when the server takes them, the legacy operation error otherwise") {
        val modern = NexusResponses.operationError("no", canceled = false, cause = null, temporalFailures = true).startOperation
        modern.variantCase shouldBe StartOperationResponse.VariantCase.FAILURE
        modern.failure.message shouldBe "no"
        modern.failure.applicationFailureInfo.nonRetryable shouldBe true
        val legacy = NexusResponses.operationError("stop", canceled = true, cause = null, temporalFailures = false).startOperation
        legacy.variantCase shouldBe StartOperationResponse.VariantCase.OPERATION_ERROR
        @Suppress("DEPRECATION")
        legacy.operationError.operationState shouldBe "canceled"
    }

    test("handler errors carry type and retry behaviour in both formats") {
        val reply = NexusReply.HandlerError("BAD_REQUEST", false, "bad input", null)
        val failure = NexusResponses.handlerFailure(reply)
        failure.message shouldBe "bad input"
        failure.nexusHandlerFailureInfo.type shouldBe "BAD_REQUEST"
        failure.nexusHandlerFailureInfo.retryBehavior shouldBe NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE
        val legacy = NexusResponses.legacyHandlerError(reply)
        legacy.errorType shouldBe "BAD_REQUEST"
        legacy.failure.message shouldBe "bad input"
    }
})
