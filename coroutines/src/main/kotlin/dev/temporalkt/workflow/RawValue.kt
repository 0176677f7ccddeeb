package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConverter
import java.lang.reflect.Type
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * An argument received by a dynamic handler (or a dynamic workflow), still encoded: decode it with the
 * type you expect.
 *
 * ```kotlin
 * @Signal(dynamic = true)
 * fun onAnySignal(name: String, args: List<RawValue>) {
 *     events += name to args.firstOrNull()?.get<String>()
 * }
 * ```
 *
 * @property payload the payload as received (already decoded by any codec).
 */
public class RawValue internal constructor(
    public val payload: Payload,
    private val converter: PayloadConverter,
) {
    /** Decodes the value as [type]. @throws dev.temporalkt.converter.PayloadConversionException when it cannot. */
    public fun decode(type: KType): Any? = converter.fromPayload(payload, type)

    /** Decodes the value as [T]. @throws dev.temporalkt.converter.PayloadConversionException when it cannot. */
    public inline fun <reified T> get(): T = decode(typeOf<T>()) as T

    /**
     * Decodes the value as the Java [type] (a class, or a generic type such as one captured by a type token), as
     * Java code does:
     *
     * ```java
     * Order order = (Order) args.get(0).decode(Order.class);
     * ```
     *
     * @throws dev.temporalkt.converter.PayloadConversionException when it cannot.
     */
    public fun decode(type: Type): Any? = converter.fromPayload(payload, type)

    /**
     * Decodes the value as an instance of [type], for Java code: `String name = args.get(0).get(String.class);`.
     *
     * @throws dev.temporalkt.converter.PayloadConversionException when it cannot.
     */
    @Suppress("UNCHECKED_CAST")
    public fun <T> get(type: Class<T>): T = decode(type as Type) as T

    override fun toString(): String = "RawValue(${payload.metadataMap["encoding"]?.toStringUtf8() ?: "?"}, ${payload.data.size()} bytes)"
}
