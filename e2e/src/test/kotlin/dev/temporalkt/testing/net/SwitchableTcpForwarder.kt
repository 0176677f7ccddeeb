package dev.temporalkt.testing.net

import java.io.IOException
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import kotlin.concurrent.thread

/**
 * A loopback TCP forwarder to [upstream] (`host:port`), which can be changed while it runs: clients keep one address
 * while the server behind it is stopped and another one started on a new port. A connection whose upstream side ends
 * is closed on the client side too, as the server's own would be.
 */
class SwitchableTcpForwarder(@Volatile var upstream: String) : AutoCloseable {
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())

    /** `host:port` to connect to. */
    val target: String = "127.0.0.1:${server.localPort}"

    init {
        thread(isDaemon = true, name = "forwarder-${server.localPort}") {
            while (!server.isClosed) {
                val client = try { server.accept() } catch (e: IOException) { break }
                val to = upstream
                val backend = try {
                    Socket(to.substringBeforeLast(':'), to.substringAfterLast(':').toInt())
                } catch (e: IOException) {
                    client.close()
                    continue
                }
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
            runCatching { from.close() }
            runCatching { to.close() }
        }
    }

    override fun close() = server.close()
}
