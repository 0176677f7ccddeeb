package dev.temporalkt.java.internal

import com.fasterxml.jackson.databind.ObjectMapper
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.DefaultPayloadConverter
import dev.temporalkt.converter.JsonPlainPayloadConverter
import dev.temporalkt.converter.PayloadConverter
import java.lang.reflect.GenericArrayType
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.TypeVariable
import java.lang.reflect.WildcardType
import java.util.concurrent.ConcurrentHashMap
import kotlin.reflect.KType
import kotlin.reflect.javaType

/**
 * Routes the [JavaKType]s that Java callers' values travel with to the `java.lang.reflect.Type` entry points of the
 * converter, and every other [KType] to its Kotlin entry points ([delegate]). It changes no conversion: Java-typed
 * values are converted as the converter converts Java types (Jackson with its annotations, kotlinx.serialization only
 * for `@Serializable` classes), Kotlin-typed ones as before.
 *
 * With the SDK's default converter, Java types that mention no Kotlin class go to [javaDelegate]: the same
 * converters, whose Jackson mapper has the default settings and modules except the Kotlin module. That module changes
 * nothing for Java classes (their JSON is byte for byte the same) but inspects every property of every class it
 * serializes with kotlin-reflect, which a Java application should not have to load.
 */
internal class JavaTypeRoutingPayloadConverter(
    val delegate: PayloadConverter,
    private val javaDelegate: PayloadConverter?,
) : PayloadConverter {
    private val javaOnly = ConcurrentHashMap<Type, Boolean>()

    override fun toPayload(value: Any?, type: KType): Payload =
        if (type is JavaKType) toPayload(value, type.javaType) else delegate.toPayload(value, type)

    override fun fromPayload(payload: Payload, type: KType): Any? =
        if (type is JavaKType) fromPayload(payload, type.javaType) else delegate.fromPayload(payload, type)

    override fun toPayload(value: Any?, type: Type): Payload = converterFor(type).toPayload(value, type)

    override fun fromPayload(payload: Payload, type: Type): Any? = converterFor(type).fromPayload(payload, type)

    private fun converterFor(type: Type): PayloadConverter {
        val java = javaDelegate ?: return delegate
        return if (javaOnly.computeIfAbsent(type) { !mentionsKotlinClass(it, HashSet()) }) java else delegate
    }

    override fun toString(): String = "JavaTypeRouting($delegate)"

    companion object {
        /** The Jackson mapper of Java types: the SDK's default settings and modules, except the Kotlin module. */
        fun javaObjectMapper(): ObjectMapper = JsonPlainPayloadConverter.defaultObjectMapper(includeKotlinModule = false)

        private val defaultJavaConverter: PayloadConverter by lazy {
            DefaultPayloadConverter(DefaultPayloadConverter.defaultEncodingConverters(JsonPlainPayloadConverter.defaultJson, javaObjectMapper()))
        }

        /** [converter] with its payload converter routed, or [converter] itself when it already is. */
        fun route(converter: DataConverter): DataConverter {
            val payloadConverter = converter.payloadConverter
            if (payloadConverter is JavaTypeRoutingPayloadConverter) return converter
            val java = if (payloadConverter === DataConverter.default.payloadConverter) defaultJavaConverter else null
            return DataConverter(JavaTypeRoutingPayloadConverter(payloadConverter, java), converter.failureConverter, converter.codecs)
        }

        /** Whether [type] mentions a class compiled from Kotlin (which the Kotlin module of Jackson may be needed for). */
        private fun mentionsKotlinClass(type: Type, seen: MutableSet<Type>): Boolean {
            if (!seen.add(type)) return false
            return when (type) {
                is Class<*> -> when {
                    type.isArray -> mentionsKotlinClass(type.componentType, seen)
                    else -> type.isAnnotationPresent(Metadata::class.java)
                }
                is ParameterizedType -> mentionsKotlinClass(type.rawType, seen) || type.actualTypeArguments.any { mentionsKotlinClass(it, seen) }
                is WildcardType -> (type.upperBounds + type.lowerBounds).any { mentionsKotlinClass(it, seen) }
                is GenericArrayType -> mentionsKotlinClass(type.genericComponentType, seen)
                is TypeVariable<*> -> type.bounds.any { mentionsKotlinClass(it, seen) }
                else -> true
            }
        }
    }
}

/**
 * The Java type of [type]: the type a [JavaKType] stands for, or, for a type made by Kotlin code, the standard
 * library's mapping (which needs no kotlin-reflect either).
 */
@OptIn(ExperimentalStdlibApi::class)
internal fun javaTypeOf(type: KType): Type = type.javaType
