package dev.temporalkt.testing.net

import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/**
 * A loopback TCP forwarder to [upstream] (`host:port`) that drops the first [dropFirst] connections as soon as
 * they are accepted, so a client sees the server as unavailable that many times before it works.
 */
class FlakyTcpForwarder(upstream: String, private val dropFirst: Int) : AutoCloseable {
    private val upstreamHost = upstream.substringBeforeLast(':')
    private val upstreamPort = upstream.substringAfterLast(':').toInt()
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val accepted = AtomicInteger()

    /** `host:port` to connect to. */
    val target: String = "127.0.0.1:${server.localPort}"

    /** Connections accepted so far, dropped ones included. */
    val connections: Int get() = accepted.get()

    init {
        thread(isDaemon = true, name = "flaky-forwarder-${server.localPort}") {
            while (!server.isClosed) {
                val client = try { server.accept() } catch (e: IOException) { break }
                if (accepted.incrementAndGet() <= dropFirst) {
                    client.close()
                    continue
                }
                val backend = try { Socket(upstreamHost, upstreamPort) } catch (e: IOException) { client.close(); continue }
                pipe(client, backend)
                pipe(backend, client)
            }
        }
    }

    private fun pipe(from: Socket, to: Socket) = thread(isDaemon = true) {
        try {
            from.getInputStream().copyTo(to.getOutputStream())
        } catch (_: IOException) {
        } finally {
            runCatching { to.shutdownOutput() }
        }
    }

    override fun close() = server.close()
}
