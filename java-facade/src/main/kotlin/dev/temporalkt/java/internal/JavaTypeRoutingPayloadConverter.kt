package dev.temporalkt.java.internal

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.PayloadConverter
import java.lang.reflect.Type
import kotlin.reflect.KType
import kotlin.reflect.javaType

/**
 * Routes the [JavaKType]s that Java callers' values travel with to the `java.lang.reflect.Type` entry points of
 * [delegate], and every other [KType] to its Kotlin entry points. It changes no conversion: Java-typed values are
 * converted as the converter converts Java types (Jackson with its annotations, kotlinx.serialization only for
 * `@Serializable` classes), Kotlin-typed ones as before.
 */
internal class JavaTypeRoutingPayloadConverter(val delegate: PayloadConverter) : PayloadConverter {
    override fun toPayload(value: Any?, type: KType): Payload =
        if (type is JavaKType) delegate.toPayload(value, type.javaType) else delegate.toPayload(value, type)

    override fun fromPayload(payload: Payload, type: KType): Any? =
        if (type is JavaKType) delegate.fromPayload(payload, type.javaType) else delegate.fromPayload(payload, type)

    override fun toPayload(value: Any?, type: Type): Payload = delegate.toPayload(value, type)

    override fun fromPayload(payload: Payload, type: Type): Any? = delegate.fromPayload(payload, type)

    override fun toString(): String = "JavaTypeRouting($delegate)"

    companion object {
        /** [converter] with its payload converter routed, or [converter] itself when it already is. */
        fun route(converter: DataConverter): DataConverter =
            if (converter.payloadConverter is JavaTypeRoutingPayloadConverter) {
                converter
            } else {
                DataConverter(JavaTypeRoutingPayloadConverter(converter.payloadConverter), converter.failureConverter, converter.codecs)
            }
    }
}

/**
 * The Java type of [type]: the type a [JavaKType] stands for, or, for a type made by Kotlin code, the standard
 * library's mapping (which needs no kotlin-reflect either).
 */
@OptIn(ExperimentalStdlibApi::class)
internal fun javaTypeOf(type: KType): Type = type.javaType
