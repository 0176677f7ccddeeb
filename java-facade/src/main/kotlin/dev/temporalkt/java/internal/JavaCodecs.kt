package dev.temporalkt.java.internal

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadCodec
import dev.temporalkt.java.converter.JavaPayloadCodec
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** [codec] as the SDK's [PayloadCodec], its blocking methods run on the I/O dispatcher. */
internal fun toPayloadCodec(codec: JavaPayloadCodec): PayloadCodec = object : PayloadCodec {
    override suspend fun encode(payloads: List<Payload>): List<Payload> =
        withContext(Dispatchers.IO) { codec.encode(payloads) }

    override suspend fun decode(payloads: List<Payload>): List<Payload> =
        withContext(Dispatchers.IO) { codec.decode(payloads) }

    override fun toString(): String = codec.toString()
}
