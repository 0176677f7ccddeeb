@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

@file:JvmName("FailureDetailsConversion")

package dev.temporalkt.converter

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.failure.FailureDetails
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * Encodes these failure details with [converter]: each value created in this process by its static type when it
 * was given one ([FailureDetails.build]), else by its runtime class; received payloads are returned unchanged.
 *
 * ```kotlin
 * val payloads = Payloads.newBuilder().addAllPayloads(failure.details.toPayloads(payloadConverter)).build()
 * ```
 */
public fun FailureDetails.toPayloads(converter: PayloadConverter): List<Payload> =
    encode { value, type ->
        when {
            type != null -> converter.toPayload(value, type)
            value == null -> converter.toPayload(null, PlainKType.ANY)
            else -> converter.toPayload(value, value.javaClass)
        }
    }

/**
 * The detail at [index] as [type], decoding received payloads with the given [converter] (whatever converter, if
 * any, the details were received with); values created in this process are returned as they are.
 *
 * @throws IndexOutOfBoundsException when there is no detail at [index].
 */
public fun FailureDetails.get(index: Int, type: KType, converter: PayloadConverter): Any? =
    getOrDecode(index) { converter.fromPayload(it, type) }

/**
 * Details received as [payloads]; [FailureDetails.get] decodes them with [converter] (when given) into the
 * requested type.
 *
 * ```kotlin
 * val details = FailureDetails.fromPayloads(info.details.payloadsList, payloadConverter)
 * ```
 */
public fun FailureDetails.Companion.fromPayloads(payloads: List<Payload>, converter: PayloadConverter?): FailureDetails =
    FailureDetails.received(payloads, converter?.let(::ConverterDecoder))

/** A payload converter as the decoder that received failure details keep. */
private class ConverterDecoder(private val converter: PayloadConverter) : FailureDetails.Decoder {
    override fun decode(payload: Payload, type: KType): Any? = converter.fromPayload(payload, type)

    override fun decode(payload: Payload, type: Type): Any? = converter.fromPayload(payload, type)
}
