@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client

import dev.temporalkt.client.internal.ChainOnlyTrustManager
import dev.temporalkt.client.internal.HeaderRedactingLoggerFactory
import dev.temporalkt.internal.SdkIdentity
import io.grpc.ManagedChannel
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
import java.util.concurrent.TimeUnit

/** Builds the Netty channel a [dev.temporalkt.client.Connection] runs on, with TLS and keep-alive as configured. */
internal object ChannelFactory {
    /** Histories and payloads can be large; the server's own limit applies first. */
    private const val MAX_INBOUND_MESSAGE_BYTES = 128 * 1024 * 1024

    fun create(options: ConnectionOptions): ManagedChannel {
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
