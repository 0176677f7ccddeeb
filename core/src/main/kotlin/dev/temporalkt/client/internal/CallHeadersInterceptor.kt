package dev.temporalkt.client.internal

import io.grpc.CallOptions
import io.grpc.Channel
import io.grpc.ClientCall
import io.grpc.ClientInterceptor
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall
import io.grpc.Metadata
import io.grpc.MethodDescriptor

/**
 * Adds the connection's headers to every call: the API key as a bearer `authorization` header, the configured
 * extra metadata, and the client name/version headers Temporal servers use for compatibility decisions.
 * Headers are read on every attempt, so changing the API key or metadata takes effect on the next call.
 */
internal class CallHeadersInterceptor(private val headers: () -> Metadata) : ClientInterceptor {
    override fun <ReqT, RespT> interceptCall(
        method: MethodDescriptor<ReqT, RespT>,
        callOptions: CallOptions,
        next: Channel,
    ): ClientCall<ReqT, RespT> = object : SimpleForwardingClientCall<ReqT, RespT>(next.newCall(method, callOptions)) {
        override fun start(responseListener: Listener<RespT>, requestHeaders: Metadata) {
            requestHeaders.merge(headers())
            super.start(responseListener, requestHeaders)
        }
    }
}
