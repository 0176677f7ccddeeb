package dev.temporalkt.client.internal

import io.grpc.CallOptions
import io.grpc.Channel
import io.grpc.ClientCall
import io.grpc.ClientInterceptor
import io.grpc.MethodDescriptor

/**
 * Marks each call with the per-attempt timeout it gets when the caller set no deadline of its own: the long-poll
 * timeout for [LongPollMethods], the RPC timeout otherwise. [RetryInterceptor] turns it into a deadline per attempt.
 */
internal class DefaultDeadlineInterceptor(
    private val rpcTimeoutNanos: Long,
    private val longPollTimeoutNanos: Long,
) : ClientInterceptor {
    override fun <ReqT, RespT> interceptCall(
        method: MethodDescriptor<ReqT, RespT>,
        callOptions: CallOptions,
        next: Channel,
    ): ClientCall<ReqT, RespT> {
        val timeout = if (LongPollMethods.contains(method.fullMethodName)) longPollTimeoutNanos else rpcTimeoutNanos
        return next.newCall(method, callOptions.withOption(ATTEMPT_TIMEOUT_NANOS, timeout))
    }

    companion object {
        /** Per-attempt timeout in nanoseconds, read by [RetryInterceptor]. */
        val ATTEMPT_TIMEOUT_NANOS: CallOptions.Key<Long> = CallOptions.Key.create("temporalkt-attempt-timeout-nanos")
    }
}
