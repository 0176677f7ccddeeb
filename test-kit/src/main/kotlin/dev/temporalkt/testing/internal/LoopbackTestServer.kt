package dev.temporalkt.testing.internal

import io.grpc.InsecureServerCredentials
import io.grpc.Server
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder
import io.temporal.internal.testservice.GRPCServerHelper
import io.temporal.internal.testservice.TestServicesStarter
import java.io.Closeable
import java.net.InetAddress
import java.net.InetSocketAddress
import java.util.concurrent.TimeUnit

/**
 * The Temporal time-skipping test server (`io.temporal:temporal-test-server`) served over gRPC on an
 * ephemeral loopback port.
 *
 * `TestServer.createPortBoundServer` binds every interface and cannot report an ephemeral port, so
 * this assembles the same services (workflow, operator, test and health services) on a server bound
 * to the loopback address with port 0 and reads back the port the OS chose: no port race, nothing
 * reachable from the network.
 *
 * Time skipping is enabled from the start, as in the other SDKs' time-skipping environments.
 */
internal class LoopbackTestServer private constructor(
    private val services: TestServicesStarter,
    private val server: Server,
) : Closeable {
    val port: Int get() = server.port

    override fun close() {
        server.shutdown()
        if (!server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) server.shutdownNow()
        services.close()
        server.shutdownNow()
        server.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)
    }

    companion object {
        private const val SHUTDOWN_SECONDS = 5L

        fun start(): LoopbackTestServer {
            val services = TestServicesStarter(/* lockTimeSkipping = */ false, /* initialTimeMillis = */ 0L)
            try {
                val address = InetSocketAddress(InetAddress.getLoopbackAddress(), 0)
                val builder = NettyServerBuilder.forAddress(address, InsecureServerCredentials.create())
                GRPCServerHelper.registerServicesAndHealthChecks(services.services, builder)
                return LoopbackTestServer(services, builder.build().start())
            } catch (e: Throwable) {
                runCatching { services.close() }.exceptionOrNull()?.let(e::addSuppressed)
                throw e
            }
        }
    }
}
