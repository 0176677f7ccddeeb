package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload

/**
 * Transforms encoded payloads on their way to and from the server: encryption, compression.
 *
 * A codec sees payloads after the [PayloadConverter] has produced them (on [encode]) and before the
 * converter reads them (on [decode]). Several codecs form a chain: encoding applies them in list order,
 * decoding in reverse order. Codecs must return as many payloads as they were given, in the same order.
 *
 * ```kotlin
 * class Zip : PayloadCodec {
 *     override suspend fun encode(payloads: List<Payload>) = payloads.map { compress(it) }
 *     override suspend fun decode(payloads: List<Payload>) = payloads.map { decompress(it) }
 * }
 * ```
 */
public interface PayloadCodec {
    /** Encodes payloads leaving the SDK. */
    public suspend fun encode(payloads: List<Payload>): List<Payload>

    /** Decodes payloads entering the SDK. */
    public suspend fun decode(payloads: List<Payload>): List<Payload>
}
