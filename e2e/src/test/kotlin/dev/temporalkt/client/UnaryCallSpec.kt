@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.GetSystemInfoRequest
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.client.unary
import dev.temporalkt.testing.SharedServers
import io.grpc.Status
import io.grpc.StatusException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

/** The workers' direct unary calls ([unary]) against both servers: same answers and errors as the coroutine stubs. */
class UnaryCallSpec : FunSpec({
    val servers = listOf(
        "embedded test server" to { SharedServers.embedded().target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        test("$server: a call answers what the coroutine stub answers") {
            Connection.connect(ConnectionOptions(target = target())).use { connection ->
                val request = GetSystemInfoRequest.getDefaultInstance()
                connection.unary(WorkflowServiceGrpc.getGetSystemInfoMethod(), request) shouldBe
                    connection.workflowService.getSystemInfo(request)
            }
        }

        test("$server: a failed call throws the StatusException the coroutine stub throws") {
            Connection.connect(ConnectionOptions(target = target())).use { connection ->
                val request = GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(connection.namespace)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId("no-such-workflow-${UUID.randomUUID()}"))
                    .build()
                val direct = shouldThrow<StatusException> { connection.unary(WorkflowServiceGrpc.getGetWorkflowExecutionHistoryMethod(), request) }
                val viaStub = shouldThrow<StatusException> { connection.workflowService.getWorkflowExecutionHistory(request) }
                direct.status.code shouldBe Status.Code.NOT_FOUND
                direct.status.description shouldBe viaStub.status.description
            }
        }

        test("$server: cancelling the caller cancels a long poll in flight, and the connection goes on") {
            Connection.connect(ConnectionOptions(target = target())).use { connection ->
                val poll = PollWorkflowTaskQueueRequest.newBuilder().setNamespace(connection.namespace).setIdentity(connection.identity)
                    .setTaskQueue(TaskQueue.newBuilder().setName("unary-cancel-${UUID.randomUUID()}")).build()
                withTimeout(20.seconds) {
                    coroutineScope {
                        val polling = async(start = CoroutineStart.UNDISPATCHED) {
                            connection.unary(WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod(), poll)
                        }
                        polling.cancel()
                        shouldThrow<CancellationException> { polling.await() }
                    }
                }
                connection.unary(WorkflowServiceGrpc.getGetSystemInfoMethod(), GetSystemInfoRequest.getDefaultInstance())
                    .capabilities.signalAndQueryHeader shouldBe true
            }
        }
    }
})
