package dev.temporalkt.client.internal

import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import io.grpc.StatusException
import io.grpc.StatusRuntimeException

/** Runs one RPC, turning gRPC status errors into [RpcException] with the status code and details. */
internal suspend inline fun <T> rpc(call: () -> T): T = try {
    call()
} catch (e: StatusException) {
    throw RpcException.from(e)
} catch (e: StatusRuntimeException) {
    throw RpcException.from(e)
}

/** Whether [e] is a client-side long-poll deadline that should just be retried. */
internal fun isLongPollTimeout(e: RpcException): Boolean = e.code == RpcStatusCode.DEADLINE_EXCEEDED
