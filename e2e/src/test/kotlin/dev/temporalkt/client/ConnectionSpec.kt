package dev.temporalkt.client

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.net.FlakyTcpForwarder
import io.grpc.Status
import io.grpc.StatusException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeEmpty
import java.net.ServerSocket
import java.util.UUID

/** [Connection] against both servers: the embedded time-skipping test server and the Temporal CLI dev server. */
class ConnectionSpec : FunSpec({
    // Workflows started here never get a worker, and a pending workflow task holds the embedded server's clock:
    // a private instance keeps the shared one's time skipping free for other specs.
    val embedded = lazy { EmbeddedTestServer.start() }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value.target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        test("$server: connect checks GetSystemInfo and caches it") {
            Connection.connect(ConnectionOptions(target = target())).use { connection ->
                val info = connection.systemInfo()
                info.capabilities.signalAndQueryHeader shouldBe true
                (connection.systemInfo() === info) shouldBe true
            }
        }

        test("$server: start a workflow execution with the generated API and read its history back") {
            Connection.connect(ConnectionOptions(target = target())).use { connection ->
                val workflowId = "connection-check-${UUID.randomUUID()}"
                val input = Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                    .setData(ByteString.copyFromUtf8("\"hello\""))
                    .build()
                val started = connection.workflowService.startWorkflowExecution(
                    StartWorkflowExecutionRequest.newBuilder()
                        .setNamespace(connection.namespace)
                        .setIdentity(connection.identity)
                        .setRequestId(UUID.randomUUID().toString())
                        .setWorkflowId(workflowId)
                        .setWorkflowType(WorkflowType.newBuilder().setName("ConnectionCheck"))
                        .setTaskQueue(TaskQueue.newBuilder().setName("connection-check"))
                        .setInput(Payloads.newBuilder().addPayloads(input))
                        .build(),
                )
                started.runId.shouldNotBeEmpty()
                val history = connection.workflowService.getWorkflowExecutionHistory(
                    GetWorkflowExecutionHistoryRequest.newBuilder()
                        .setNamespace(connection.namespace)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(started.runId))
                        .build(),
                ).history
                val first = history.getEvents(0)
                first.eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED
                val attributes = first.workflowExecutionStartedEventAttributes
                attributes.workflowType.name shouldBe "ConnectionCheck"
                attributes.taskQueue.name shouldBe "connection-check"
                attributes.identity shouldBe connection.identity
                attributes.input.getPayloads(0).toByteArray() shouldBe input.toByteArray()
            }
        }

        test("$server: transient connection failures are retried until the server answers") {
            FlakyTcpForwarder(target(), dropFirst = 2).use { flaky ->
                Connection.connect(ConnectionOptions(target = flaky.target)).use { connection ->
                    connection.systemInfo().capabilities.signalAndQueryHeader shouldBe true
                }
                (flaky.connections >= 3) shouldBe true
            }
        }
    }

    test("dev server: DescribeNamespace answers for the default namespace; an unknown one is NOT_FOUND, not retried") {
        Connection.connect(ConnectionOptions(target = SharedServers.devServer().target)).use { connection ->
            connection.workflowService.describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("default").build(),
            ).namespaceInfo.name shouldBe "default"
            val error = shouldThrow<StatusException> {
                connection.workflowService.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("no-such-namespace").build())
            }
            error.status.code shouldBe Status.Code.NOT_FOUND
        }
    }

    test("connecting to a port where nothing listens fails with a message naming the target") {
        val port = ServerSocket(0).use { it.localPort }
        val error = shouldThrow<ConnectionException> {
            Connection.connect(ConnectionOptions(target = "127.0.0.1:$port", retry = RpcRetryOptions(maximumAttempts = 2)))
        }
        error.message shouldContain "Cannot connect to Temporal at 127.0.0.1:$port"
        error.message shouldContain "check the address"
        (error.cause as StatusException).status.code shouldBe Status.Code.UNAVAILABLE
    }

    test("a lazy connection does not touch the network until the first call") {
        val port = ServerSocket(0).use { it.localPort }
        Connection.connect(ConnectionOptions(target = "127.0.0.1:$port", lazy = true)).use { connection ->
            connection.isClosed shouldBe false
        }
    }

    test("invalid metadata names are rejected with the offending name") {
        val error = shouldThrow<IllegalArgumentException> {
            Connection.open(ConnectionOptions(metadata = mapOf("bad header" to "x"))).close()
        }
        error.message shouldContain "'bad header'"
    }
})
