package dev.temporalkt.java.internal

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.converter.DataConverter
import java.lang.reflect.Type
import kotlin.reflect.KType
import dev.temporalkt.client.WorkflowOptions as KotlinWorkflowOptions

/** Conversions between the Java surface and the Kotlin client's values. */
internal object Conversions {
    private val OBJECT: Type = Any::class.java

    /**
     * The types values passed by name travel with: each value's runtime class (`Object` for `null`), as the Kotlin
     * client does for values passed by name.
     */
    fun runtimeTypes(args: List<Any?>): List<KType> = args.map { JavaKType.of(it?.javaClass ?: OBJECT) }

    /** [types], each the same Java type for the Kotlin client. */
    fun kotlinTypes(types: List<Type>): List<KType> = JavaKType.ofAll(types)

    /** The Java types of [types]. */
    fun javaTypes(types: List<KType>): List<Type> = types.map(::javaTypeOf)

    /** The arguments of a Java varargs call as a list (a `null` array is one `null` argument). */
    fun args(args: Array<out Any?>?): List<Any?> = args?.toList() ?: listOf(null)

    /**
     * Encodes the memo values of [options] by their runtime class with [converter] (codecs included); values that are
     * [Payload]s already are left as they are. The Kotlin client takes those as they are.
     */
    suspend fun encodeMemo(options: KotlinWorkflowOptions, converter: DataConverter): KotlinWorkflowOptions {
        if (options.memo.values.all { it is Payload }) return options
        return options.copy(memo = encodeMemo(options.memo, converter))
    }

    /** [encodeMemo] for a memo map. */
    suspend fun encodeMemo(memo: Map<String, Any?>, converter: DataConverter): Map<String, Any?> {
        val encoded = LinkedHashMap<String, Any?>(memo.size)
        for ((key, value) in memo) {
            encoded[key] = value as? Payload ?: converter.encodeValue(value, value?.javaClass ?: OBJECT)
        }
        return encoded
    }
}
