@file:JvmName("PayloadsConversion")

package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.PayloadConversionException.Direction
import java.lang.reflect.Type
import kotlin.reflect.KType

/**
 * Encodes several values (the arguments of a workflow, activity, signal, query or update) into one
 * [Payloads], one payload per value, in order. [types] gives the static type of each value.
 *
 * ```kotlin
 * val payloads = converter.toPayloads(listOf("order-1", 3), listOf(typeOf<String>(), typeOf<Int>()))
 * ```
 *
 * @throws IllegalArgumentException when [values] and [types] differ in size.
 * @throws PayloadConversionException when a value cannot be encoded; [PayloadConversionException.index]
 *   says which.
 */
public fun PayloadConverter.toPayloads(values: List<Any?>, types: List<KType>): Payloads =
    encodeAll(values, types.size) { index -> toPayload(values[index], types[index]) }

/** Java-typed variant of [toPayloads]: [types] are the (generic) Java types of [values]. */
@JvmName("toPayloadsWithJavaTypes")
public fun PayloadConverter.toPayloads(values: List<Any?>, types: List<Type>): Payloads =
    encodeAll(values, types.size) { index -> toPayload(values[index], types[index]) }

/**
 * Decodes [payloads] into one value per entry of [types], in order; `null` [payloads] counts as none.
 *
 * Too few payloads is an error naming the expected and actual counts: a declared parameter would
 * otherwise get no value. Payloads beyond `types.size` are ignored, as the Java and Go SDKs do, so a caller
 * may send trailing arguments an older handler does not declare. (The Python SDK instead drops its type
 * hints when counts differ and lets the call itself fail.)
 *
 * ```kotlin
 * val (orderId, quantity) = converter.fromPayloads(payloads, listOf(typeOf<String>(), typeOf<Int>()))
 * ```
 *
 * @throws PayloadConversionException when there are too few payloads or one cannot be decoded;
 *   [PayloadConversionException.index] says which.
 */
public fun PayloadConverter.fromPayloads(payloads: Payloads?, types: List<KType>): List<Any?> =
    decodeAll(payloads, types.size, { types.joinToString(prefix = "(", postfix = ")") }) { index, payload ->
        fromPayload(payload, types[index])
    }

/** Java-typed variant of [fromPayloads]: [types] are the (generic) Java types to decode into. */
@JvmName("fromPayloadsWithJavaTypes")
public fun PayloadConverter.fromPayloads(payloads: Payloads?, types: List<Type>): List<Any?> =
    decodeAll(payloads, types.size, { types.joinToString(prefix = "(", postfix = ")") { it.typeName } }) { index, payload ->
        fromPayload(payload, types[index])
    }

private inline fun encodeAll(values: List<Any?>, typeCount: Int, encode: (Int) -> Payload): Payloads {
    require(values.size == typeCount) {
        "Got ${values.size} values but $typeCount types; give exactly one type per value"
    }
    val builder = Payloads.newBuilder()
    for (index in values.indices) {
        builder.addPayloads(
            try {
                encode(index)
            } catch (e: PayloadConversionException) {
                throw e.atIndex(index)
            },
        )
    }
    return builder.build()
}

private fun payloadCount(count: Int): String = if (count == 1) "1 payload" else "$count payloads"

private inline fun decodeAll(
    payloads: Payloads?,
    typeCount: Int,
    typeNames: () -> String,
    decode: (Int, Payload) -> Any?,
): List<Any?> {
    val actual = payloads?.payloadsCount ?: 0
    if (actual < typeCount) {
        throw PayloadConversionException(
            Direction.DECODE, null, typeNames(),
            "expected ${payloadCount(typeCount)} but got $actual; the sender passed fewer arguments than declared",
        )
    }
    if (typeCount == 0) return emptyList()
    return List(typeCount) { index ->
        try {
            decode(index, payloads!!.getPayloads(index))
        } catch (e: PayloadConversionException) {
            throw e.atIndex(index)
        }
    }
}
