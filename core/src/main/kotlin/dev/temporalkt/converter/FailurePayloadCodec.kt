@file:JvmName("FailurePayloadCodec")

package dev.temporalkt.converter

import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.converter.internal.transformFailurePayloads

/**
 * Returns a copy of [failure] with this codec's [PayloadCodec.encode] applied to every payload inside it:
 * the encoded common attributes (message and stack trace when the failure converter encodes them),
 * application failure details, timeout and reset-workflow last heartbeat details and canceled details, for
 * the failure and every cause in its chain.
 *
 * ```kotlin
 * val sent = codec.encodeFailure(failureConverter.toFailure(exception, payloadConverter))
 * ```
 */
public suspend fun PayloadCodec.encodeFailure(failure: Failure): Failure =
    transformFailurePayloads(failure) { payloads -> checkCodecResult(this, "encoding", payloads.size, encode(payloads)) }

/** Returns a copy of [failure] with [PayloadCodec.decode] applied to every payload inside it (see [encodeFailure]). */
public suspend fun PayloadCodec.decodeFailure(failure: Failure): Failure =
    transformFailurePayloads(failure) { payloads -> checkCodecResult(this, "decoding", payloads.size, decode(payloads)) }
