package dev.temporalkt.java.converter

import dev.temporalkt.api.common.v1.Payload

/**
 * A payload codec written in Java: encryption, compression or anything else that turns payloads into other payloads.
 * Give it to [dev.temporalkt.java.client.ClientOptions.Builder.addCodec]; codecs apply in the order added when
 * encoding and in reverse when decoding, to every payload the client sends and receives (failures and memos
 * included). The methods are called on a thread that may block (a remote codec server may be called).
 *
 * ```java
 * class GzipCodec implements JavaPayloadCodec {
 *     public List<Payload> encode(List<Payload> payloads) { return payloads.stream().map(Gzip::compress).toList(); }
 *     public List<Payload> decode(List<Payload> payloads) { return payloads.stream().map(Gzip::decompress).toList(); }
 * }
 * ```
 */
public interface JavaPayloadCodec {
    /** Encodes payloads leaving the SDK; returns one payload per payload given. */
    public fun encode(payloads: List<Payload>): List<Payload>

    /** Decodes payloads entering the SDK; returns one payload per payload given. */
    public fun decode(payloads: List<Payload>): List<Payload>
}
