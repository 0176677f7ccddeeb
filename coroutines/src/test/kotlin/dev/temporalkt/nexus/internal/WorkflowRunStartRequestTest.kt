package dev.temporalkt.nexus.internal

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.WorkflowIdConflictPolicy as IdConflictProto
import dev.temporalkt.api.enums.v1.WorkflowIdReusePolicy as IdReuseProto
import dev.temporalkt.api.nexus.v1.StartOperationRequest
import dev.temporalkt.client.WorkflowIdConflictPolicy
import dev.temporalkt.client.WorkflowIdReusePolicy
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.buildSearchAttributes
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.encodeValue
import dev.temporalkt.nexus.WorkflowRunOperation
import dev.temporalkt.nexus.WorkflowRunOperationOptions
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

class WorkflowRunStartRequestTest : FunSpec({
    val converter = DataConverter.default
    val region = SearchAttributeKey.forKeyword("Region")
    val link = NexusLinks.toNexus("default", "caller", "run-1", 5, EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED)
    val start = StartOperationRequest.newBuilder().setService("Billing").setOperation("refundLater").setRequestId("req-1")
        .setCallback("http://caller/callback").putCallbackHeader("token", "abc").addLinks(link).build()

    test("a workflow-run operation's start options are mapped onto the StartWorkflowExecution request") {
        val retry = RetryPolicy(initialInterval = 2.seconds, maximumAttempts = 3)
        val run = WorkflowRunOperation.start<String>(
            "Refund", "order-7",
            options = WorkflowRunOperationOptions(
                workflowId = "refund-7",
                executionTimeout = 10.minutes,
                idReusePolicy = WorkflowIdReusePolicy.REJECT_DUPLICATE,
                idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING,
                retryPolicy = retry,
                memo = mapOf("customer" to "ada", "attempts" to 2),
                searchAttributes = buildSearchAttributes { this[region] = "eu" },
                staticSummary = "Refund of order 7",
                staticDetails = "Started by **billing**",
            ),
        )
        val request = WorkflowRunStartRequest.of("default", "worker-1", "billing-tq", converter, start, run)
        request.namespace shouldBe "default"
        request.identity shouldBe "worker-1"
        request.workflowId shouldBe "refund-7"
        request.workflowType.name shouldBe "Refund"
        request.taskQueue.name shouldBe "billing-tq"
        request.requestId shouldBe "req-1"
        request.input.payloadsList shouldBe listOf(converter.encodeValue<Any?>("order-7"))
        request.workflowExecutionTimeout.seconds shouldBe 600L
        request.hasWorkflowRunTimeout() shouldBe false
        request.workflowIdReusePolicy shouldBe IdReuseProto.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
        request.workflowIdConflictPolicy shouldBe IdConflictProto.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING
        request.retryPolicy shouldBe retry.toProto()
        request.memo.fieldsMap shouldBe mapOf("customer" to converter.encodeValue("ada"), "attempts" to converter.encodeValue(2))
        request.searchAttributes shouldBe buildSearchAttributes { this[region] = "eu" }.toProto()
        request.userMetadata.summary shouldBe converter.encodeValue("Refund of order 7")
        request.userMetadata.details shouldBe converter.encodeValue("Started by **billing**")
        request.completionCallbacksList.single().nexus.url shouldBe "http://caller/callback"
        request.completionCallbacksList.single().nexus.headerMap shouldBe mapOf("token" to "abc")
        request.linksList.single().workflowEvent.workflowId shouldBe "caller"
    }

    test("options left at their defaults leave the request's optional fields unset") {
        val run = WorkflowRunOperation.start<String>("Refund", "order-8", options = WorkflowRunOperationOptions(workflowId = "refund-8"))
        val request = WorkflowRunStartRequest.of("default", "worker-1", "billing-tq", converter, start, run)
        request.workflowIdReusePolicy shouldBe IdReuseProto.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
        request.workflowIdConflictPolicy shouldBe IdConflictProto.WORKFLOW_ID_CONFLICT_POLICY_UNSPECIFIED
        request.hasRetryPolicy() shouldBe false
        request.hasMemo() shouldBe false
        request.hasSearchAttributes() shouldBe false
        request.hasUserMetadata() shouldBe false
        request.hasWorkflowExecutionTimeout() shouldBe false
    }

    test("non-positive timeouts are rejected naming the option") {
        shouldThrow<IllegalArgumentException> {
            WorkflowRunOperationOptions(workflowId = "w", runTimeout = 0.seconds)
        }.message shouldBe "WorkflowRunOperationOptions.runTimeout must be a positive, finite duration or null, was 0s"
    }
})
