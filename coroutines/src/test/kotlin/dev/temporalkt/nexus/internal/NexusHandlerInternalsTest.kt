package dev.temporalkt.nexus.internal

import dev.temporalkt.nexus.NexusNames
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.nexus.NexusHandlerErrorType
import dev.temporalkt.nexus.NexusHandlerException
import dev.temporalkt.nexus.NexusOperation
import dev.temporalkt.nexus.NexusOperationOptions
import dev.temporalkt.nexus.NexusService
import dev.temporalkt.nexus.WorkflowRunOperation
import dev.temporalkt.nexus.WorkflowRunOperationOptions
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.Base64
import kotlin.reflect.typeOf
import kotlin.time.Duration

@NexusService(name = "Billing")
class BillingService {
    @NexusOperation
    suspend fun charge(amount: Long): String = "charged $amount"

    @NexusOperation(name = "refund-later")
    suspend fun refundLater(orderId: String): WorkflowRunOperation<List<String>> =
        WorkflowRunOperation.start("Refund", orderId, options = WorkflowRunOperationOptions(workflowId = "refund-$orderId"))

    @NexusOperation
    fun ping(): String = "pong"

    fun notAnOperation(): Unit = Unit
}

class NotAService {
    @NexusOperation
    fun op(): String = ""
}

@NexusService
class TwoParameters {
    @NexusOperation
    fun op(a: String, b: String): String = a + b
}

class NexusHandlerInternalsTest : FunSpec({
    test("a workflow-run token is unpadded base64url JSON with type, namespace and workflow id, and decodes back") {
        val token = NexusOperationToken(namespace = "default", workflowId = "greet-1").encode()
        String(Base64.getUrlDecoder().decode(token)) shouldBe "{\"t\":1,\"ns\":\"default\",\"wid\":\"greet-1\"}"
        token.endsWith("=") shouldBe false
        NexusOperationToken.decode(token) shouldBe NexusOperationToken(namespace = "default", workflowId = "greet-1")
    }

    test("bad tokens are rejected with a message saying what is wrong") {
        shouldThrow<IllegalArgumentException> { NexusOperationToken.decode("") }.message shouldBe "the operation token is empty"
        shouldThrow<IllegalArgumentException> { NexusOperationToken.decode("not base64!") }.message!!
            .startsWith("the operation token is not base64url") shouldBe true
        val otherType = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"t\":2,\"ns\":\"d\",\"wid\":\"w\"}".toByteArray())
        shouldThrow<IllegalArgumentException> { NexusOperationToken.decode(otherType) }.message shouldBe
            "the operation token has type 2, expected 1 (workflow run)"
    }

    test("a workflow-event link converts from its Nexus URL form and back") {
        val nexus = NexusLinks.toNexus("default", "caller 1", "run-9", 5, EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED)
        nexus.url shouldBe "temporal:///namespaces/default/workflows/caller%201/run-9/history" +
            "?referenceType=EventReference&eventID=5&eventType=NexusOperationScheduled"
        nexus.type shouldBe "temporal.api.common.v1.Link.WorkflowEvent"
        val link = NexusLinks.toTemporal(nexus)!!.workflowEvent
        link.namespace shouldBe "default"
        link.workflowId shouldBe "caller 1"
        link.runId shouldBe "run-9"
        link.eventRef.eventId shouldBe 5L
        link.eventRef.eventType shouldBe EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED
        NexusLinks.toTemporal(nexus.toBuilder().setType("other").build()) shouldBe null
        NexusLinks.toTemporal(nexus.toBuilder().setUrl("https://example.com/x").build()) shouldBe null
    }

    test("handler exceptions are retryable by their type unless told otherwise") {
        NexusHandlerException(NexusHandlerErrorType.INTERNAL, "boom").isRetryable shouldBe true
        NexusHandlerException(NexusHandlerErrorType.BAD_REQUEST, "bad").isRetryable shouldBe false
        NexusHandlerException(NexusHandlerErrorType.INTERNAL, "boom", retryable = false).isRetryable shouldBe false
    }

    test("the registry reads services, operation names, input types and workflow-run operations") {
        val registry = NexusServiceRegistry.of(listOf(BillingService()))
        registry.serviceNames shouldBe setOf("Billing")
        val charge = registry.find("Billing", "charge").first!!
        charge.inputType shouldBe typeOf<Long>()
        charge.isWorkflowRun shouldBe false
        val refund = registry.find("Billing", "refund-later").first!!
        refund.isWorkflowRun shouldBe true
        registry.find("Billing", "ping").first!!.inputType shouldBe null
        registry.find("Billing", "notAnOperation").second shouldBe
            "Nexus service 'Billing' has no operation 'notAnOperation' (operations: [charge, ping, refund-later])"
        registry.find("Shipping", "ship").second shouldBe "Nexus service 'Shipping' is not registered on this worker (registered: [Billing])"
    }

    test("invalid services are reported together") {
        val e = shouldThrow<IllegalArgumentException> {
            NexusServiceRegistry.of(listOf(NotAService(), TwoParameters(), BillingService(), BillingService(), BillingService::class))
        }
        e.message shouldBe "Invalid Nexus services:\n" +
            "  - dev.temporalkt.nexus.internal.NotAService is not a Nexus service handler: annotate the class with @NexusService\n" +
            "  - Nexus operation TwoParameters.op takes 2 parameters; an operation takes its input as at most one parameter (wrap several values in one class)\n" +
            "  - Nexus service TwoParameters (dev.temporalkt.nexus.internal.TwoParameters) has no @NexusOperation functions\n" +
            "  - Nexus service 'Billing' is registered twice\n" +
            "  - Nexus service dev.temporalkt.nexus.internal.BillingService was registered as a class; register an instance (nexusServices = listOf(BillingService()))"
    }

    test("typed callers read names and unwrap the result type of workflow-run operations") {
        NexusNames.service(BillingService::class) shouldBe "Billing"
        NexusNames.operation(BillingService::refundLater) shouldBe "refund-later"
        NexusNames.inputType(BillingService::refundLater) shouldBe typeOf<String>()
        NexusNames.resultType(BillingService::refundLater) shouldBe typeOf<List<String>>()
        NexusNames.resultType(BillingService::charge) shouldBe typeOf<String>()
        shouldThrow<IllegalArgumentException> { NexusNames.service(NotAService::class) }.message shouldBe
            "Class dev.temporalkt.nexus.internal.NotAService is not a Nexus service: annotate it with @NexusService"
    }

    test("options are validated") {
        shouldThrow<IllegalArgumentException> { NexusOperationOptions(scheduleToCloseTimeout = Duration.ZERO) }.message shouldBe
            "NexusOperationOptions.scheduleToCloseTimeout must be positive, was 0s"
        shouldThrow<IllegalArgumentException> { WorkflowRunOperationOptions(workflowId = " ") }.message shouldBe
            "WorkflowRunOperationOptions.workflowId must not be blank"
    }
})
