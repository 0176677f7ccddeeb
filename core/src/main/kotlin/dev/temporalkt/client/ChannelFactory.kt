@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client

import dev.temporalkt.client.internal.ChainOnlyTrustManager
import dev.temporalkt.client.internal.HeaderRedactingLoggerFactory
import dev.temporalkt.client.internal.NettyFlightRecorderEvents
import dev.temporalkt.internal.SdkIdentity
import io.grpc.ManagedChannel
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
import com.google.common.util.concurrent.MoreExecutors
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit

/**
 * Builds the Netty channel a [dev.temporalkt.client.Connection] runs on, with TLS and keep-alive as configured.
 *
 * ## Threading rule: one hand-off per RPC, no user code on the event loop
 * A response reaches the process on a Netty event-loop thread, which serves every call of the connection. The SDK's
 * own calls take it from there to the thread their caller resumes on in one hand-off:
 * - The SDK's calls ([dev.temporalkt.client.unary], the workers' polls, completions and heartbeats, and the coroutine
 *   stubs [dev.temporalkt.client.Connection.workflowService], `operatorService` and `testService` the client uses)
 *   run their gRPC callbacks on the event-loop thread ([onTransportThread]): the response is parsed there and the
 *   callback only resumes the waiting coroutine, which its own dispatcher then runs (the worker threads of
 *   `WorkerThreads` for workers, the caller's dispatcher for the client). No grpc-java callback executor sits in
 *   between.
 * - What runs on the event-loop thread is the connection's own interceptors only, and none of them blocks: the
 *   retry interceptor (it schedules a retry on its own timer thread), the header and deadline interceptors (they act
 *   when an attempt starts, on the caller's or the retry timer's thread) and the RPC metrics interceptor, which
 *   records the attempt's latency through the [dev.temporalkt.metrics.MetricMeter] (meters record without blocking,
 *   as they also do from workflow code).
 * - User code never runs there: client interceptors ([dev.temporalkt.client.ClientInterceptor], such as the
 *   OpenTelemetry module's `TracingInterceptor`) wrap the suspending calls and run in the caller's coroutine, and
 *   payload codecs encode and decode in the caller's coroutine, before the request is sent and after the caller
 *   resumed. A caller that resumes undispatched (`Dispatchers.Unconfined`) would run on the event loop: the SDK
 *   never calls from there, except for the end of a worker's task after its completion call
 *   (`WorkerThreads.onResumingThread`), which is bookkeeping only: it hands eager activity tasks to their handlers,
 *   drops a closed run, releases the task's slot and records metrics, without blocking and without user code.
 * - Calls the application makes on [dev.temporalkt.client.Connection.channel] with stubs of its own keep grpc-java's
 *   default: without an executor in their call options, their callbacks (a `StreamObserver` of an async stub, say)
 *   run on the channel's shared callback executor, never on the event loop, so a blocking observer stalls no other
 *   call. (Blocking stubs run their callbacks on the calling thread.)
 *
 * Before its first channel it turns off the Java Flight Recorder events of grpc-netty-shaded's Netty unless the
 * application set that switch ([NettyFlightRecorderEvents]): they cost a connection's first RPC about 80 ms.
 */
internal object ChannelFactory {
    /**
     * The executor of the SDK's own calls: callbacks run on the transport thread that delivers them. Give it only to
     * calls whose listener does nothing but parse and hand over (see the class documentation).
     */
    val onTransportThread: Executor = MoreExecutors.directExecutor()

    /** Histories and payloads can be large; the server's own limit applies first. */
    private const val MAX_INBOUND_MESSAGE_BYTES = 128 * 1024 * 1024

    fun create(options: ConnectionOptions): ManagedChannel {
        // before Netty's platform probe reads it (NettyChannelBuilder's first use)
        NettyFlightRecorderEvents.disableUnlessSet()
        // before the channel's first connection creates its HTTP/2 frame logger: no API key in the frame logs
        HeaderRedactingLoggerFactory.install()
        val builder = NettyChannelBuilder.forTarget(options.target)
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            .userAgent("${SdkIdentity.name}/${SdkIdentity.version}")
            // retries are ours (RetryInterceptor), so the channel must not add its own on top
            .disableRetry()
        options.keepAlive?.let {
            builder.keepAliveTime(it.interval.inWholeMilliseconds, TimeUnit.MILLISECONDS)
                .keepAliveTimeout(it.timeout.inWholeMilliseconds, TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true)
        }
        if (!options.tlsEnabled) {
            builder.usePlaintext()
        } else {
            val tls = options.tls
            val ssl = GrpcSslContexts.forClient()
            if (tls?.disableHostVerification == true) {
                ssl.trustManager(ChainOnlyTrustManager.create(tls.serverRootCaCert))
            } else {
                tls?.serverRootCaCert?.let { ssl.trustManager(it.inputStream()) }
            }
            if (tls?.clientCert != null && tls.clientPrivateKey != null) {
                ssl.keyManager(tls.clientCert.inputStream(), tls.clientPrivateKey.inputStream())
            }
            builder.useTransportSecurity().sslContext(ssl.build())
            tls?.domain?.let { builder.overrideAuthority(it) }
        }
        return builder.build()
    }
}
