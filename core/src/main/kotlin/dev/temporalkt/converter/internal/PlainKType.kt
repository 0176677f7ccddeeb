@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.converter.internal

import dev.temporalkt.internal.InternalTemporalApi
import java.lang.reflect.GenericArrayType
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import java.util.concurrent.ConcurrentHashMap
import kotlin.jvm.internal.KTypeBase
import kotlin.reflect.KClass
import kotlin.reflect.KClassifier
import kotlin.reflect.KType
import kotlin.reflect.KTypeProjection
import kotlin.reflect.KVariance

/**
 * A [KType] built with nothing but the standard library: the types of workflow and activity functions read from their
 * `java.lang.reflect` methods and Kotlin metadata, the star-projected types of runtime classes, and Java types, so
 * the converters get a [KType] without kotlin-reflect on the class path.
 *
 * The [classifier] is the class's `KClass` as the standard library gives it (`javaClass.kotlin`), so it is the one
 * that `typeOf` and `T::class` give in the same program, with or without kotlin-reflect. [javaType] is the exact Java
 * type when it is known (a method's generic parameter type); otherwise the standard library's `KType.javaType` builds
 * it from the classifier and arguments. Two types are equal when their classes, arguments and nullability are, also
 * against another [KType] implementation (`typeOf<List<String>>()`).
 */
@InternalTemporalApi
public class PlainKType(
    /** The class of the type. */
    public val javaClass: Class<*>,
    override val arguments: List<KTypeProjection>,
    override val isMarkedNullable: Boolean,
    override val javaType: Type? = null,
    /** The Kotlin name of the class, for [toString] (`kotlin.collections.List`); the Java name when `null`. */
    private val kotlinName: String? = null,
    /** Whether this is a `suspend` function type (compiled to a function type taking a continuation). */
    private val suspendFunction: Boolean = false,
) : KTypeBase {
    override val classifier: KClassifier get() = javaClass.kotlin

    override val annotations: List<Annotation> get() = emptyList()

    override fun equals(other: Any?): Boolean = other is KType && sameType(this, other)

    override fun hashCode(): Int =
        (javaObjectType(javaClass).hashCode() * 31 + arguments.hashCode()) * 31 + isMarkedNullable.hashCode()

    override fun toString(): String {
        functionTypeName()?.let { return it }
        // read out here: inside `buildString`, `javaClass` would be the builder's own
        val name = kotlinName ?: KotlinNames.of(javaClass)
        return buildString {
            append(name)
            if (arguments.isNotEmpty()) {
                arguments.joinTo(this, prefix = "<", postfix = ">") { projection ->
                    when (projection.variance) {
                        null -> "*"
                        KVariance.INVARIANT -> projection.type.toString()
                        KVariance.IN -> "in ${projection.type}"
                        KVariance.OUT -> "out ${projection.type}"
                    }
                }
            }
            if (isMarkedNullable) append('?')
        }
    }

    /** `(kotlin.String) -> kotlin.Unit` for a function type, as Kotlin writes it; `null` for other types. */
    private fun functionTypeName(): String? {
        val name = kotlinName ?: KotlinNames.of(javaClass)
        if (!name.startsWith("kotlin.Function") || arguments.isEmpty() || arguments.any { it.type == null }) return null
        var parameters = arguments.dropLast(1).map { it.type!! }
        var result = arguments.last().type!!
        if (suspendFunction && parameters.isNotEmpty()) {
            result = parameters.last().arguments.firstOrNull()?.type ?: result
            parameters = parameters.dropLast(1)
        }
        val text = (if (suspendFunction) "suspend " else "") + parameters.joinToString(prefix = "(", postfix = ")") + " -> " + result
        return if (isMarkedNullable) "($text)?" else text
    }

    /** Building types without kotlin-reflect. */
    public companion object {
        private val starProjected = ConcurrentHashMap<Class<*>, KType>()

        /** `Any?`, the type of values sent by their runtime class. */
        public val ANY: KType = PlainKType(Any::class.java, emptyList(), isMarkedNullable = true, kotlinName = "kotlin.Any")

        /** `String`. */
        public val STRING: KType = PlainKType(String::class.java, emptyList(), isMarkedNullable = false, kotlinName = "kotlin.String")

        /**
         * The type of the values of [javaClass] as a runtime class: not nullable, every type parameter star-projected
         * (what kotlin-reflect's `starProjectedType` gives).
         */
        public fun starProjected(javaClass: Class<*>): KType = starProjected.getOrPut(javaClass) {
            PlainKType(javaClass, javaClass.typeParameters.map { KTypeProjection.STAR }, isMarkedNullable = false)
        }

        private val java = ConcurrentHashMap<Type, KType>()

        /**
         * The type of the Java [type]: Java has no nullability, so every type but a primitive is nullable; the Java
         * type is kept as [javaType].
         */
        public fun ofJava(type: Type): KType = java[type] ?: run {
            val arguments = when (type) {
                is ParameterizedType -> type.actualTypeArguments.map(::javaProjection)
                is GenericArrayType -> listOf(javaProjection(type.genericComponentType))
                is Class<*> -> if (type.isArray && !type.componentType.isPrimitive) listOf(javaProjection(type.componentType)) else emptyList()
                else -> emptyList()
            }
            val created = PlainKType(type.rawClass() ?: Any::class.java, arguments, !(type is Class<*> && type.isPrimitive), type)
            java.putIfAbsent(type, created) ?: created
        }

        private fun javaProjection(argument: Type): KTypeProjection = when {
            argument is WildcardType && argument.lowerBounds.isNotEmpty() -> KTypeProjection.contravariant(ofJava(argument.lowerBounds[0]))
            argument is WildcardType && argument.upperBounds.all { it == Any::class.java } -> KTypeProjection.STAR
            argument is WildcardType -> KTypeProjection.covariant(ofJava(argument.upperBounds[0]))
            else -> KTypeProjection.invariant(ofJava(argument))
        }

        /**
         * Whether [a] and [b] are the same type: the same class (a primitive and its wrapper count as one, as
         * `Int::class` does), the same arguments and nullability, whichever [KType] implementations they are.
         */
        public fun sameType(a: KType, b: KType): Boolean {
            if (a === b) return true
            if (a.isMarkedNullable != b.isMarkedNullable) return false
            val ca = a.classifier
            val cb = b.classifier
            val sameClassifier = if (ca is KClass<*> && cb is KClass<*>) javaObjectType(ca.java) == javaObjectType(cb.java) else ca == cb
            if (!sameClassifier || a.arguments.size != b.arguments.size) return false
            return a.arguments.indices.all { i ->
                val pa = a.arguments[i]
                val pb = b.arguments[i]
                pa.variance == pb.variance && (pa.type == null && pb.type == null ||
                    pa.type != null && pb.type != null && sameType(pa.type!!, pb.type!!))
            }
        }

        /** [sameType] for each pair of two lists of types. */
        public fun sameTypes(a: List<KType>, b: List<KType>): Boolean =
            a.size == b.size && a.indices.all { sameType(a[it], b[it]) }

        private fun javaObjectType(type: Class<*>): Class<*> = if (type.isPrimitive) type.kotlin.javaObjectType else type
    }
}
