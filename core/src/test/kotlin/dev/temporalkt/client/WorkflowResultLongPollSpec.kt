package dev.temporalkt.client

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.HistoryEventFilterType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.history.v1.WorkflowExecutionCompletedEventAttributes
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpcKt
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.net.InetSocketAddress
import java.util.concurrent.atomic.AtomicInteger

/** Waiting for a workflow's result across long polls that end without an event. */
class WorkflowResultLongPollSpec : FunSpec({
    test("a close-event long poll answered with no events and no page token is repeated until the close event comes") {
        val calls = AtomicInteger()
        val requests = mutableListOf<GetWorkflowExecutionHistoryRequest>()
        val service = object : WorkflowServiceGrpcKt.WorkflowServiceCoroutineImplBase() {
            override suspend fun getWorkflowExecutionHistory(request: GetWorkflowExecutionHistoryRequest): GetWorkflowExecutionHistoryResponse {
                synchronized(requests) { requests += request }
                // the first two polls run out, as the embedded test server answers them
                if (calls.incrementAndGet() <= 2) return GetWorkflowExecutionHistoryResponse.getDefaultInstance()
                val result = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                    .setData(ByteString.copyFromUtf8("\"done\"")).build()
                val closed = HistoryEvent.newBuilder().setEventId(9).setEventType(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
                    .setWorkflowExecutionCompletedEventAttributes(
                        WorkflowExecutionCompletedEventAttributes.newBuilder().setResult(Payloads.newBuilder().addPayloads(result)),
                    )
                return GetWorkflowExecutionHistoryResponse.newBuilder().setHistory(History.newBuilder().addEvents(closed)).build()
            }
        }
        val server = NettyServerBuilder.forAddress(InetSocketAddress("127.0.0.1", 0)).addService(service).build().start()
        try {
            val client = Client(Connection.open(ConnectionOptions(target = "127.0.0.1:${server.port}", lazy = true)))
            client.getWorkflowHandle<String>("order-1").result() shouldBe "done"
            calls.get() shouldBe 3
            requests.all { it.waitNewEvent && it.historyEventFilterType == HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT } shouldBe true
            client.connection.close()
        } finally {
            server.shutdownNow()
        }
    }
})
