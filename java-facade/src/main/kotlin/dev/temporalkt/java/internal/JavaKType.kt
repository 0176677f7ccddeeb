package dev.temporalkt.java.internal

import java.lang.reflect.GenericArrayType
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.TypeVariable
import java.lang.reflect.WildcardType
import java.util.concurrent.ConcurrentHashMap
import kotlin.jvm.internal.ClassReference
import kotlin.jvm.internal.KTypeBase
import kotlin.reflect.KClassifier
import kotlin.reflect.KType
import kotlin.reflect.KTypeProjection

/**
 * A [KType] that stands for a Java [Type], built with nothing but `java.lang.reflect` and the standard library (no
 * kotlin-reflect): the Kotlin client takes [KType]s, and this is how Java types travel through it.
 *
 * [javaType] is the exact Java type (the standard library's `KType.javaType` returns it as it is, through
 * [KTypeBase]); the classifier is the erased class as a plain [ClassReference]. Java has no nullability, so every
 * type but a primitive is marked nullable. The client's data converter sees these types through
 * [JavaTypeRoutingPayloadConverter], which hands them to the converter's `java.lang.reflect.Type` entry points, so
 * Java values are converted exactly as Java-typed values are (Jackson, with its annotations, unless a class is
 * `@Serializable`).
 */
internal class JavaKType private constructor(override val javaType: Type) : KTypeBase {
    override val classifier: KClassifier = ClassReference(rawClass(javaType))

    override val arguments: List<KTypeProjection> by lazy(LazyThreadSafetyMode.PUBLICATION) { projections(javaType) }

    override val isMarkedNullable: Boolean = !(javaType is Class<*> && javaType.isPrimitive)

    override val annotations: List<Annotation> get() = emptyList()

    override fun equals(other: Any?): Boolean = other is JavaKType && other.javaType == javaType

    override fun hashCode(): Int = javaType.hashCode()

    override fun toString(): String = javaType.typeName

    companion object {
        private val cache = ConcurrentHashMap<Type, JavaKType>()

        /** The [KType] of the Java [type]; the same instance for equal types, so identity caches hit. */
        fun of(type: Type): JavaKType = cache[type] ?: JavaKType(type).let { cache.putIfAbsent(type, it) ?: it }

        /** [of] for each of [types]. */
        fun ofAll(types: List<Type>): List<KType> = types.map { of(it) }

        /** The erased class of [type]; wildcards and type variables resolve to their first upper bound. */
        fun rawClass(type: Type): Class<*> = when (type) {
            is Class<*> -> type
            is ParameterizedType -> type.rawType as Class<*>
            is GenericArrayType -> java.lang.reflect.Array.newInstance(rawClass(type.genericComponentType), 0).javaClass
            is WildcardType -> type.upperBounds.firstOrNull()?.let(::rawClass) ?: Any::class.java
            is TypeVariable<*> -> type.bounds.firstOrNull()?.let(::rawClass) ?: Any::class.java
            else -> Any::class.java
        }

        private fun projections(type: Type): List<KTypeProjection> = when (type) {
            is ParameterizedType -> type.actualTypeArguments.map(::projection)
            is GenericArrayType -> listOf(projection(type.genericComponentType))
            is Class<*> -> if (type.isArray && !type.componentType.isPrimitive) listOf(projection(type.componentType)) else emptyList()
            else -> emptyList()
        }

        private fun projection(argument: Type): KTypeProjection = when {
            argument is WildcardType && argument.lowerBounds.isNotEmpty() ->
                KTypeProjection.contravariant(of(argument.lowerBounds[0]))
            argument is WildcardType && argument.upperBounds.all { it == Any::class.java } -> KTypeProjection.STAR
            argument is WildcardType -> KTypeProjection.covariant(of(argument.upperBounds[0]))
            else -> KTypeProjection.invariant(of(argument))
        }
    }
}
