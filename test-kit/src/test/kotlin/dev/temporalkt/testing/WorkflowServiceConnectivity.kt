package dev.temporalkt.testing

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoRequest
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoResponse
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.TerminateWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub
import io.grpc.ManagedChannelBuilder
import io.kotest.core.factory.TestFactory
import io.kotest.core.spec.style.funSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotBeBlank
import java.util.UUID
import java.util.concurrent.TimeUnit

/** Runs [block] with a blocking workflow-service stub on a plaintext channel to [target]; all its calls share one 10 s deadline. */
internal fun <T> withWorkflowService(target: String, block: (WorkflowServiceBlockingStub) -> T): T {
    val channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build()
    try {
        return block(WorkflowServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS))
    } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS)
    }
}

/** A `json/plain` payload written by hand: the JSON string `"hello"`. */
internal val HELLO_JSON_PAYLOAD: Payload = Payload.newBuilder()
    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
    .setData(ByteString.copyFromUtf8("\"hello\""))
    .build()

/**
 * The raw workflow-service checks every server must pass, named after [serverName] so the report
 * shows which server ran them. [checkSystemInfo] adds the server-specific `GetSystemInfo` expectations.
 *
 * The workflow check terminates a workflow whose first task is still pending. The time-skipping test
 * server never releases the clock hold of such a task, so [connect] must not hand out the shared
 * embedded server (it would stop skipping time for every later test).
 */
internal fun workflowServiceConnectivity(
    serverName: String,
    checkSystemInfo: (GetSystemInfoResponse) -> Unit,
    connect: () -> Pair<String, String>,
): TestFactory = funSpec {
    test("$serverName: GetSystemInfo reports the capabilities SDKs rely on") {
        val (target, _) = connect()
        val info = withWorkflowService(target) { it.getSystemInfo(GetSystemInfoRequest.getDefaultInstance()) }
        info.capabilities.signalAndQueryHeader shouldBe true
        info.capabilities.sdkMetadata shouldBe true
        info.capabilities.encodedFailureAttributes shouldBe true
        info.capabilities.upsertMemo shouldBe true
        info.capabilities.eagerWorkflowStart shouldBe true
        checkSystemInfo(info)
    }

    test("$serverName: a started workflow's history records type, task queue and exact input, then its termination") {
        val (target, namespace) = connect()
        val workflowId = "connectivity-${UUID.randomUUID()}"
        val taskQueue = "connectivity-queue-${UUID.randomUUID()}"
        withWorkflowService(target) { service ->
            val started = service.startWorkflowExecution(
                StartWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace)
                    .setWorkflowId(workflowId)
                    .setWorkflowType(WorkflowType.newBuilder().setName("ConnectivityCheck"))
                    .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                    .setInput(Payloads.newBuilder().addPayloads(HELLO_JSON_PAYLOAD))
                    .setIdentity("connectivity-spec")
                    .setRequestId(UUID.randomUUID().toString())
                    .build(),
            )
            started.runId.shouldNotBeBlank()
            val execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(started.runId).build()
            val historyRequest = GetWorkflowExecutionHistoryRequest.newBuilder()
                .setNamespace(namespace)
                .setExecution(execution)
                .build()

            val events = service.getWorkflowExecutionHistory(historyRequest).history.eventsList
            events.shouldNotBeEmpty()
            val first = events.first()
            first.eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
            val attributes = first.workflowExecutionStartedEventAttributes
            attributes.workflowType.name shouldBe "ConnectivityCheck"
            attributes.taskQueue.name shouldBe taskQueue
            attributes.input.payloadsCount shouldBe 1
            attributes.input.getPayloads(0).data.toByteArray() shouldBe "\"hello\"".toByteArray(Charsets.UTF_8)
            attributes.input.getPayloads(0).metadataMap["encoding"]?.toStringUtf8() shouldBe "json/plain"

            service.terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace)
                    .setWorkflowExecution(execution)
                    .setReason("connectivity check done")
                    .setIdentity("connectivity-spec")
                    .build(),
            )
            val afterTermination = service.getWorkflowExecutionHistory(historyRequest).history.eventsList
            afterTermination.first().eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
            val last = afterTermination.last()
            last.eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
            last.workflowExecutionTerminatedEventAttributes.reason shouldBe "connectivity check done"
            afterTermination.map { it.eventType } shouldBe listOf(
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
            )
        }
    }
}
