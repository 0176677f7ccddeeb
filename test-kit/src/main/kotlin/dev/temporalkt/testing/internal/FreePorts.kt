package dev.temporalkt.testing.internal

import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket

/**
 * Picks loopback ports that are free at the time of the call by binding to port 0 and releasing the
 * sockets. All requested ports are held open together, so the returned ports are distinct. Another
 * process may still take a port before the server binds it; launchers retry on a bind failure.
 */
internal object FreePorts {
    fun loopback(count: Int): List<Int> {
        require(count > 0) { "count must be positive, was $count" }
        val sockets = ArrayList<ServerSocket>(count)
        try {
            repeat(count) {
                val socket = ServerSocket()
                sockets += socket
                socket.reuseAddress = false
                socket.bind(InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            }
            return sockets.map { it.localPort }
        } finally {
            sockets.forEach { runCatching { it.close() } }
        }
    }
}
