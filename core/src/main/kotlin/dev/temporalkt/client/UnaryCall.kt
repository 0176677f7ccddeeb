package dev.temporalkt.client

import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.CallOptions
import io.grpc.Channel
import io.grpc.ClientCall
import io.grpc.Metadata
import io.grpc.MethodDescriptor
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException

/**
 * Runs one unary RPC of [method] on this connection's [Connection.channel] (its headers, deadlines and retries
 * apply) and suspends until the response arrives. Fails with [StatusException] carrying the status and trailers,
 * as the coroutine stubs do; cancelling the caller cancels the call.
 *
 * It is the workers' path for the RPCs they make per task (polls, completions, heartbeats), lighter than the
 * coroutine stubs in [Connection.workflowService]: the call is started straight from the calling coroutine, and the
 * response is parsed and handed to the caller's continuation on the transport thread that received it, instead of
 * going through a sending coroutine and a response channel first. The transport thread does nothing else for the
 * call: resuming the continuation only schedules it on the caller's dispatcher (see [ChannelFactory] for the rule).
 *
 * ```kotlin
 * val response = connection.unary(WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod(), request)
 * ```
 */
@InternalTemporalApi
public suspend fun <Req : Any, Resp : Any> Connection.unary(method: MethodDescriptor<Req, Resp>, request: Req): Resp =
    unaryCall(channel, method, request)

/** [Connection.unary] on any [channel]. */
internal suspend fun <Req : Any, Resp : Any> unaryCall(channel: Channel, method: MethodDescriptor<Req, Resp>, request: Req): Resp {
    check(method.type == MethodDescriptor.MethodType.UNARY) { "${method.fullMethodName} is not a unary method" }
    val call = channel.newCall(method, CallOptions.DEFAULT.withExecutor(ChannelFactory.onTransportThread))
    return suspendCancellableCoroutine { continuation ->
        call.start(ResponseListener(method, continuation), Metadata())
        continuation.invokeOnCancellation { cause -> call.cancel("the caller was cancelled", cause) }
        // one response is all a unary call may send; a second one would be a protocol error grpc-java reports itself
        call.request(2)
        call.sendMessage(request)
        call.halfClose()
    }
}

/** Hands the single response (or the failure) to [continuation] once the call closes. */
private class ResponseListener<Resp : Any>(
    private val method: MethodDescriptor<*, Resp>,
    private val continuation: kotlinx.coroutines.CancellableContinuation<Resp>,
) : ClientCall.Listener<Resp>() {
    private var response: Resp? = null

    override fun onMessage(message: Resp) {
        response = message
    }

    override fun onClose(status: Status, trailers: Metadata) {
        if (!continuation.isActive) return
        val received = response
        when {
            !status.isOk -> continuation.resumeWithException(StatusException(status, trailers))
            received == null -> continuation.resumeWithException(
                StatusException(Status.INTERNAL.withDescription("${method.fullMethodName} closed without a response"), trailers),
            )
            else -> continuation.resume(received)
        }
    }
}
