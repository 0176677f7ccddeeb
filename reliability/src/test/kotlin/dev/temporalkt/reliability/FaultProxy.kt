package dev.temporalkt.reliability

import java.io.IOException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong

/**
 * A TCP proxy on a free loopback port that forwards to [upstreamHost]:[upstreamPort] and injects faults on demand:
 *
 * - [latencyMillis]: each chunk is held this long before it is forwarded, in both directions;
 * - [resetAll]: closes every open connection with a TCP reset (`SO_LINGER` 0) on both sides;
 * - [dropAll]: closes every open connection with an orderly close (FIN) on both sides;
 * - [blackhole]: while on, nothing is forwarded in either direction and new connections are accepted but not
 *   connected upstream, as in a network partition where TCP keeps the connections open; [blackhole] `false`
 *   delivers what was held back.
 *
 * Two plain threads per connection copy the bytes; the proxy is test code and not meant for throughput.
 */
class FaultProxy(private val upstreamHost: String, private val upstreamPort: Int) : AutoCloseable {
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val closed = AtomicBoolean(false)
    private val connections = ConcurrentHashMap.newKeySet<Pair<Socket, Socket>>()
    private val partitionLock = Object()
    private val acceptor = Thread(::acceptLoop, "fault-proxy-accept").apply { isDaemon = true; start() }

    /** Connections accepted so far. */
    val accepted: AtomicLong = AtomicLong()

    /** The proxy's address, `127.0.0.1:<port>`. */
    val target: String get() = "127.0.0.1:${server.localPort}"

    /** Delay applied to each forwarded chunk; 0 for none. */
    @Volatile
    var latencyMillis: Long = 0

    @Volatile
    private var partitioned = false

    /** Starts (`true`) or ends (`false`) a blackhole. */
    fun blackhole(on: Boolean) {
        synchronized(partitionLock) {
            partitioned = on
            if (!on) partitionLock.notifyAll()
        }
    }

    /** Resets every open connection (RST to both peers). */
    fun resetAll(): Int = closeAll(reset = true)

    /** Closes every open connection in an orderly way (FIN to both peers). */
    fun dropAll(): Int = closeAll(reset = false)

    private fun closeAll(reset: Boolean): Int {
        val open = connections.toList()
        for ((client, upstream) in open) {
            connections.remove(client to upstream)
            for (socket in listOf(client, upstream)) {
                try {
                    if (reset) socket.setSoLinger(true, 0)
                    socket.close()
                } catch (_: IOException) {
                }
            }
        }
        return open.size
    }

    private fun awaitConnectivity() {
        synchronized(partitionLock) {
            while (partitioned && !closed.get()) partitionLock.wait()
        }
    }

    private fun acceptLoop() {
        while (!closed.get()) {
            val client = try {
                server.accept()
            } catch (_: IOException) {
                return
            }
            accepted.incrementAndGet()
            Thread({ connect(client) }, "fault-proxy-connect").apply { isDaemon = true; start() }
        }
    }

    private fun connect(client: Socket) {
        awaitConnectivity()
        val upstream = try {
            Socket().apply { connect(InetSocketAddress(upstreamHost, upstreamPort)) }
        } catch (_: IOException) {
            client.setSoLinger(true, 0)
            client.close()
            return
        }
        client.tcpNoDelay = true
        upstream.tcpNoDelay = true
        val pair = client to upstream
        connections += pair
        Thread({ pump(client, upstream, pair) }, "fault-proxy-up").apply { isDaemon = true; start() }
        Thread({ pump(upstream, client, pair) }, "fault-proxy-down").apply { isDaemon = true; start() }
    }

    private fun pump(from: Socket, to: Socket, pair: Pair<Socket, Socket>) {
        val buffer = ByteArray(16 * 1024)
        try {
            val input = from.getInputStream()
            val output = to.getOutputStream()
            while (true) {
                val read = input.read(buffer)
                if (read < 0) break
                awaitConnectivity()
                val latency = latencyMillis
                if (latency > 0) Thread.sleep(latency) // the injected latency is the fault itself
                output.write(buffer, 0, read)
                output.flush()
            }
            to.shutdownOutput()
            if (from.isOutputShutdown) {
                // both directions ended
                connections.remove(pair)
                from.close()
                to.close()
            }
        } catch (_: IOException) {
            connections.remove(pair)
            from.close()
            to.close()
        } catch (_: InterruptedException) {
            connections.remove(pair)
        }
    }

    override fun close() {
        if (closed.compareAndSet(false, true)) {
            server.close()
            blackhole(false)
            closeAll(reset = false)
            acceptor.join(5_000)
        }
    }
}
