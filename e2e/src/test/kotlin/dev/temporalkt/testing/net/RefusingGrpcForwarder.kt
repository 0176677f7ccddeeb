package dev.temporalkt.testing.net

import io.grpc.netty.shaded.io.netty.buffer.Unpooled
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder
import java.io.DataInputStream
import java.io.IOException
import java.io.OutputStream
import java.net.InetAddress
import java.net.ServerSocket
import java.net.Socket
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/**
 * A loopback forwarder of plaintext gRPC (HTTP/2) to [upstream] (`host:port`) that refuses the first [refuseFirst]
 * calls of the method [refusedPath] (`/package.Service/Method`): the call's headers still reach the server (its
 * header compression state must stay in step), but the server is told at once that the call is cancelled and never
 * gets its request message, and the client is told the stream was refused (`REFUSED_STREAM`, which gRPC reports as
 * `UNAVAILABLE`). Every other call passes untouched. [paths] lists the method path of every call seen, in order.
 */
class RefusingGrpcForwarder(upstream: String, private val refusedPath: String, private val refuseFirst: Int) : AutoCloseable {
    private val upstreamHost = upstream.substringBeforeLast(':')
    private val upstreamPort = upstream.substringAfterLast(':').toInt()
    private val server = ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private val refusals = AtomicInteger()
    private val sockets = Collections.synchronizedList(mutableListOf<Socket>())

    /** `host:port` to connect to. */
    val target: String = "127.0.0.1:${server.localPort}"

    /** The method path of every call that went through, refused ones included, in the order they were sent. */
    val paths: MutableList<String> = Collections.synchronizedList(mutableListOf<String>())

    /** What broke the forwarding of a connection other than the connection closing, if anything did. */
    @Volatile
    var failure: Exception? = null
        private set

    /** Calls refused so far. */
    val refused: Int get() = minOf(refusals.get(), refuseFirst)

    init {
        thread(isDaemon = true, name = "refusing-forwarder-${server.localPort}") {
            while (!server.isClosed) {
                val client = try { server.accept() } catch (e: IOException) { break }
                val backend = try { Socket(upstreamHost, upstreamPort) } catch (e: IOException) { client.close(); continue }
                sockets += client
                sockets += backend
                val toClient = client.getOutputStream()
                val dropped = Collections.synchronizedSet(mutableSetOf<Int>())
                thread(isDaemon = true, name = "refusing-forwarder-up") { clientToServer(client, backend, toClient, dropped) }
                thread(isDaemon = true, name = "refusing-forwarder-down") { serverToClient(backend, client, toClient) }
            }
        }
    }

    private fun clientToServer(client: Socket, backend: Socket, toClient: OutputStream, dropped: MutableSet<Int>) {
        val input = DataInputStream(client.getInputStream().buffered())
        val toServer = backend.getOutputStream()
        val decoder = DefaultHttp2HeadersDecoder(false)
        try {
            val preface = ByteArray(PREFACE_BYTES)
            input.readFully(preface)
            toServer.write(preface)
            while (true) {
                var frame = Frame.read(input)
                if (frame.type == TYPE_HEADERS) {
                    // a header block may go on in CONTINUATION frames; forward it whole, after decoding it
                    val frames = mutableListOf(frame)
                    val block = java.io.ByteArrayOutputStream()
                    block.write(frame.headerBlockFragment())
                    while (frames.last().flags and FLAG_END_HEADERS == 0) {
                        frame = Frame.read(input)
                        frames += frame
                        block.write(frame.payload)
                    }
                    val headers = decoder.decodeHeaders(frame.streamId, Unpooled.wrappedBuffer(block.toByteArray()))
                    val path = headers.path()?.toString().orEmpty()
                    paths += path
                    for (f in frames) toServer.write(f.bytes())
                    if (path == refusedPath && refusals.incrementAndGet() <= refuseFirst) {
                        dropped += frame.streamId
                        toServer.write(rstStream(frame.streamId, ERROR_CANCEL))
                        synchronized(toClient) { toClient.write(rstStream(frame.streamId, ERROR_REFUSED_STREAM)) }
                    }
                    toServer.flush()
                    continue
                }
                if (frame.streamId != 0 && frame.streamId in dropped) continue
                toServer.write(frame.bytes())
                toServer.flush()
            }
        } catch (e: IOException) {
            closeQuietly(client, backend)
        } catch (e: Exception) {
            failure = e
            closeQuietly(client, backend)
        }
    }

    private fun serverToClient(backend: Socket, client: Socket, toClient: OutputStream) {
        val input = DataInputStream(backend.getInputStream().buffered())
        try {
            while (true) {
                val frame = Frame.read(input)
                synchronized(toClient) {
                    toClient.write(frame.bytes())
                    toClient.flush()
                }
            }
        } catch (e: IOException) {
            closeQuietly(client, backend)
        } catch (e: Exception) {
            failure = e
            closeQuietly(client, backend)
        }
    }

    private class Frame(val type: Int, val flags: Int, val streamId: Int, val payload: ByteArray) {
        fun bytes(): ByteArray {
            val out = ByteArray(FRAME_HEADER_BYTES + payload.size)
            out[0] = (payload.size ushr 16).toByte()
            out[1] = (payload.size ushr 8).toByte()
            out[2] = payload.size.toByte()
            out[3] = type.toByte()
            out[4] = flags.toByte()
            out[5] = (streamId ushr 24).toByte()
            out[6] = (streamId ushr 16).toByte()
            out[7] = (streamId ushr 8).toByte()
            out[8] = streamId.toByte()
            payload.copyInto(out, FRAME_HEADER_BYTES)
            return out
        }

        /** The header block fragment of a HEADERS frame: its payload without padding and priority fields. */
        fun headerBlockFragment(): ByteArray {
            var start = 0
            var end = payload.size
            if (flags and FLAG_PADDED != 0) {
                end -= payload[0].toInt() and 0xff
                start += 1
            }
            if (flags and FLAG_PRIORITY != 0) start += 5
            return payload.copyOfRange(start, end)
        }

        companion object {
            fun read(input: DataInputStream): Frame {
                val header = ByteArray(FRAME_HEADER_BYTES)
                input.readFully(header)
                val length = ((header[0].toInt() and 0xff) shl 16) or ((header[1].toInt() and 0xff) shl 8) or (header[2].toInt() and 0xff)
                val streamId = (((header[5].toInt() and 0x7f) shl 24) or ((header[6].toInt() and 0xff) shl 16) or
                    ((header[7].toInt() and 0xff) shl 8) or (header[8].toInt() and 0xff))
                val payload = ByteArray(length)
                input.readFully(payload)
                return Frame(header[3].toInt() and 0xff, header[4].toInt() and 0xff, streamId, payload)
            }
        }
    }

    private fun rstStream(streamId: Int, errorCode: Int): ByteArray =
        Frame(TYPE_RST_STREAM, 0, streamId, byteArrayOf((errorCode ushr 24).toByte(), (errorCode ushr 16).toByte(), (errorCode ushr 8).toByte(), errorCode.toByte())).bytes()

    private fun closeQuietly(vararg sockets: Socket) {
        for (socket in sockets) try { socket.close() } catch (_: IOException) {}
    }

    override fun close() {
        server.close()
        synchronized(sockets) { sockets.forEach { closeQuietly(it) } }
    }

    private companion object {
        const val PREFACE_BYTES = 24
        const val FRAME_HEADER_BYTES = 9
        const val TYPE_HEADERS = 0x1
        const val TYPE_RST_STREAM = 0x3
        const val FLAG_END_HEADERS = 0x4
        const val FLAG_PADDED = 0x8
        const val FLAG_PRIORITY = 0x20
        const val ERROR_REFUSED_STREAM = 0x7
        const val ERROR_CANCEL = 0x8
    }
}
