package dev.temporalkt.converter.internal

import java.lang.reflect.GenericArrayType
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.TypeVariable
import java.lang.reflect.WildcardType
import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.javaType

/**
 * The type a value is encoded as or decoded into, seen the same way whether it came from Kotlin ([KType])
 * or Java ([Type]).
 */
internal class TargetType private constructor(
    /** The Kotlin type, when the caller gave one. */
    val kotlinType: KType?,
    private val givenJavaType: Type?,
) {
    /** The Java type (computed from the Kotlin type on first use, with the standard library alone). */
    @OptIn(ExperimentalStdlibApi::class)
    val javaType: Type by lazy(LazyThreadSafetyMode.PUBLICATION) { givenJavaType ?: kotlinType!!.javaType }

    /** The erased class, or `null` for type variables without a usable bound. */
    val rawClass: Class<*>? by lazy(LazyThreadSafetyMode.PUBLICATION) {
        (kotlinType?.classifier as? KClass<*>)?.java ?: givenJavaType?.rawClass()
    }

    /**
     * Whether `null` is a legal value: a nullable Kotlin type, or any non-primitive Java type (Java has no
     * nullability in its type system).
     */
    val acceptsNull: Boolean
        get() = kotlinType?.isMarkedNullable ?: (rawClass?.isPrimitive != true)

    /** Whether the type says nothing about the value: `Any`, `Any?` or `Object`, or an unbounded type variable. */
    val isUnconstrained: Boolean
        get() = rawClass.let { it == null || it == Any::class.java }

    /** Human-readable type name used in error messages. */
    val name: String get() = kotlinType?.toString() ?: givenJavaType!!.typeName

    override fun toString(): String = name

    companion object {
        fun of(type: KType): TargetType = TargetType(type, null)
        fun of(type: Type): TargetType = TargetType(null, type)
    }
}

/** Erased class of a Java type; wildcards and type variables resolve to their first upper bound. */
internal fun Type.rawClass(): Class<*>? = when (this) {
    is Class<*> -> this
    is ParameterizedType -> rawType as? Class<*>
    is GenericArrayType -> genericComponentType.rawClass()?.let { java.lang.reflect.Array.newInstance(it, 0).javaClass }
    is WildcardType -> upperBounds.firstOrNull()?.rawClass()
    is TypeVariable<*> -> bounds.firstOrNull()?.rawClass()
    else -> null
}
