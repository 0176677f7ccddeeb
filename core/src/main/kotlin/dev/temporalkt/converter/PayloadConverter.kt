package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.Payload
import java.lang.reflect.Type
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * Turns values into Temporal [Payload]s and back, given the full static type of the value.
 *
 * The type is what makes generics round-trip: a `List<Order>` is decoded as a list of `Order`, not as a
 * list of maps. Kotlin callers pass a [KType] (usually through the reified helpers [toPayload] and
 * [fromPayload]); Java callers pass a [java.lang.reflect.Type].
 *
 * ```kotlin
 * val converter = DefaultPayloadConverter()
 * val payload = converter.toPayload(listOf(Order("a", 2)))
 * val orders: List<Order> = converter.fromPayload(payload)
 * ```
 *
 * Implementations throw [PayloadConversionException] when a value cannot be encoded or a payload cannot
 * be decoded into the requested type. [DefaultPayloadConverter] is the standard implementation; the
 * [toPayloads] and [fromPayloads] extensions convert whole argument lists.
 */
public interface PayloadConverter {
    /** Encodes [value], whose static type is [type]. */
    public fun toPayload(value: Any?, type: KType): Payload

    /** Decodes [payload] into a value of [type]. */
    public fun fromPayload(payload: Payload, type: KType): Any?

    /** Encodes [value], whose static type is the Java [type]. */
    public fun toPayload(value: Any?, type: Type): Payload

    /** Decodes [payload] into a value of the Java [type]. */
    public fun fromPayload(payload: Payload, type: Type): Any?
}

/** Encodes [value] using its reified static type. */
public inline fun <reified T> PayloadConverter.toPayload(value: T): Payload = toPayload(value, typeOf<T>())

/** Decodes [payload] into the reified type [T]. */
@Suppress("UNCHECKED_CAST")
public inline fun <reified T> PayloadConverter.fromPayload(payload: Payload): T = fromPayload(payload, typeOf<T>()) as T
