package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.PayloadConverter
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

    override fun toString(): String = "RawValue(${payload.metadataMap["encoding"]?.toStringUtf8() ?: "?"}, ${payload.data.size()} bytes)"
}
