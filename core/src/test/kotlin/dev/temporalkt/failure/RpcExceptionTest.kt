package dev.temporalkt.failure

import com.google.protobuf.Any as ProtoAny
import dev.temporalkt.api.errordetails.v1.NamespaceNotFoundFailure
import dev.temporalkt.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure
import io.grpc.Status
import io.grpc.StatusRuntimeException
import io.grpc.protobuf.StatusProto
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs

class RpcExceptionTest : FunSpec({
    test("a StatusRuntimeException maps to its code and description") {
        val grpc = StatusRuntimeException(Status.NOT_FOUND.withDescription("workflow not found for ID: wf-1"))

        val rpc = RpcException.from(grpc)

        rpc.code shouldBe RpcStatusCode.NOT_FOUND
        rpc.rpcMessage shouldBe "workflow not found for ID: wf-1"
        rpc.message shouldBe "NOT_FOUND: workflow not found for ID: wf-1"
        rpc.statusDetails.shouldBeNull()
        rpc.cause shouldBeSameInstanceAs grpc
    }

    test("rich status details are exposed as typed Temporal error details") {
        val status = com.google.rpc.Status.newBuilder()
            .setCode(Status.Code.ALREADY_EXISTS.value())
            .setMessage("Workflow execution is already running. WorkflowId: wf-1")
            .addDetails(
                ProtoAny.pack(
                    WorkflowExecutionAlreadyStartedFailure.newBuilder().setStartRequestId("req-1").setRunId("run-1").build(),
                ),
            )
            .build()

        val rpc = RpcException.from(StatusProto.toStatusRuntimeException(status))

        rpc.code shouldBe RpcStatusCode.ALREADY_EXISTS
        rpc.rpcMessage shouldBe "Workflow execution is already running. WorkflowId: wf-1"
        val detail = rpc.detail<WorkflowExecutionAlreadyStartedFailure>().shouldNotBeNull()
        detail.runId shouldBe "run-1"
        detail.startRequestId shouldBe "req-1"
        rpc.detail(NamespaceNotFoundFailure::class.java).shouldBeNull()
    }

    test("checked StatusExceptions and wrapped gRPC errors are found, anything else is not") {
        RpcException.from(Status.UNAVAILABLE.asException()).let {
            it.code shouldBe RpcStatusCode.UNAVAILABLE
            it.rpcMessage shouldBe ""
            it.message shouldBe "UNAVAILABLE"
        }
        val wrapped = RuntimeException("call failed", Status.DEADLINE_EXCEEDED.withDescription("too slow").asRuntimeException())
        RpcException.fromThrowableOrNull(wrapped)!!.code shouldBe RpcStatusCode.DEADLINE_EXCEEDED
        RpcException.fromThrowableOrNull(IllegalStateException("not grpc")).shouldBeNull()
    }

    test("every gRPC code has an equally named, equally numbered RpcStatusCode") {
        for (code in Status.Code.entries) {
            val mapped = RpcStatusCode.fromGrpc(code)
            mapped.name shouldBe code.name
            mapped.value shouldBe code.value()
        }
        RpcStatusCode.fromValue(99) shouldBe RpcStatusCode.UNKNOWN
    }
})
