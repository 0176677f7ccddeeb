package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload

/** Fails when [codec] returned a different number of payloads than it was given. */
internal fun checkCodecResult(codec: PayloadCodec, operation: String, expected: Int, result: List<Payload>): List<Payload> {
    check(result.size == expected) {
        "Payload codec ${codec.javaClass.name} returned ${result.size} payloads when $operation $expected; " +
            "a codec must return exactly one payload per payload it is given, in the same order"
    }
    return result
}
