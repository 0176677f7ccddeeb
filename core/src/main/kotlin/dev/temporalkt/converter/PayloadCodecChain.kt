package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload

/**
 * Several [PayloadCodec]s applied as one: [encode] runs them in list order, [decode] in reverse order, so
 * the codec that encoded last decodes first.
 *
 * Each codec must return exactly one payload per input payload; a codec that does not is reported with
 * an [IllegalStateException] naming it, instead of silently misaligning arguments.
 *
 * ```kotlin
 * // Compress, then encrypt; on the way back decrypt, then decompress.
 * val chain = PayloadCodecChain(listOf(GzipCodec(), EncryptionCodec(key)))
 * ```
 *
 * @param codecs the codecs, in encoding order.
 */
public class PayloadCodecChain(codecs: List<PayloadCodec>) : PayloadCodec {
    /** The codecs, in encoding order. */
    public val codecs: List<PayloadCodec> = codecs.toList()

    override suspend fun encode(payloads: List<Payload>): List<Payload> {
        var current = payloads
        for (codec in codecs) {
            current = checkCodecResult(codec, "encoding", current.size, codec.encode(current))
        }
        return current
    }

    override suspend fun decode(payloads: List<Payload>): List<Payload> {
        var current = payloads
        for (index in codecs.indices.reversed()) {
            val codec = codecs[index]
            current = checkCodecResult(codec, "decoding", current.size, codec.decode(current))
        }
        return current
    }
}
