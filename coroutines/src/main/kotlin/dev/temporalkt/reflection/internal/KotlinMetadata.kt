@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.reflection.internal

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.converter.internal.PlainKType
import java.lang.reflect.GenericArrayType
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.util.concurrent.ConcurrentHashMap
import kotlin.metadata.KmClassifier
import kotlin.metadata.KmConstructor
import kotlin.metadata.KmFunction
import kotlin.metadata.KmType
import kotlin.metadata.KmTypeProjection
import kotlin.metadata.KmVariance
import kotlin.metadata.isNullable
import kotlin.metadata.isSuspend
import kotlin.metadata.isValue
import kotlin.metadata.jvm.KotlinClassMetadata
import kotlin.metadata.jvm.signature
import kotlin.reflect.KType
import kotlin.reflect.KTypeProjection

/**
 * The Kotlin declarations of a class file as its `@Metadata` annotation records them (read with kotlin-metadata-jvm,
 * not kotlin-reflect): functions and constructors by JVM name and descriptor, and whether the class is a value class.
 * Read once per class.
 */
internal class KotlinMetadata private constructor(
    private val functions: Map<String, KmFunction>,
    private val constructors: Map<String, KmConstructor>,
    /** Whether the class is a value (inline) class. */
    val isValueClass: Boolean,
) {
    /** The Kotlin function compiled to the JVM method [name] with [descriptor], if the metadata declares it. */
    fun function(name: String, descriptor: String): KmFunction? = functions[name + descriptor]

    /** The Kotlin constructor compiled to the JVM constructor with [descriptor]. */
    fun constructor(descriptor: String): KmConstructor? = constructors[descriptor]

    companion object {
        private val NONE = KotlinMetadata(emptyMap(), emptyMap(), isValueClass = false)
        private val cache = ConcurrentHashMap<Class<*>, KotlinMetadata>()

        /** The metadata of [type]; `null` when it is not a Kotlin class or its metadata cannot be read. */
        fun of(type: Class<*>): KotlinMetadata? =
            cache.getOrPut(type) { read(type) ?: NONE }.takeIf { it !== NONE }

        /** Whether [type] is a Kotlin value class (its values travel unboxed through JVM signatures). */
        fun isValueClass(type: Class<*>): Boolean = !type.isPrimitive && of(type)?.isValueClass == true

        private fun read(type: Class<*>): KotlinMetadata? {
            val annotation = type.getAnnotation(Metadata::class.java) ?: return null
            val metadata = try {
                KotlinClassMetadata.readLenient(annotation)
            } catch (e: IllegalArgumentException) {
                return null
            }
            return when (metadata) {
                is KotlinClassMetadata.Class -> {
                    val kmClass = metadata.kmClass
                    KotlinMetadata(
                        kmClass.functions.mapNotNull { f -> f.signature?.let { it.name + it.descriptor to f } }.toMap(),
                        kmClass.constructors.mapNotNull { c -> c.signature?.let { it.descriptor to c } }.toMap(),
                        kmClass.isValue,
                    )
                }
                is KotlinClassMetadata.FileFacade -> packageFunctions(metadata.kmPackage.functions)
                is KotlinClassMetadata.MultiFileClassPart -> packageFunctions(metadata.kmPackage.functions)
                else -> null
            }
        }

        private fun packageFunctions(functions: List<KmFunction>) = KotlinMetadata(
            functions.mapNotNull { f -> f.signature?.let { it.name + it.descriptor to f } }.toMap(),
            emptyMap(),
            isValueClass = false,
        )

        /**
         * The [KType] of the Kotlin [type] declared in a class of [loader]; [javaType], when known, is the JVM
         * generic type the compiler wrote for it (a parameter's), kept as the exact Java type.
         */
        fun kotlinType(type: KmType, javaType: Type?, loader: ClassLoader?): KType {
            val classifier = type.classifier
            if (classifier !is KmClassifier.Class) {
                // a type parameter (or an unexpanded alias): any value of its bound; the JVM type says which
                return PlainKType(javaType?.let(::erased) ?: Any::class.java, emptyList(), isMarkedNullable = true, javaType)
            }
            val javaArguments = (javaType as? ParameterizedType)?.actualTypeArguments
            val arguments = type.arguments.mapIndexed { index, projection ->
                projection(projection, javaArguments?.getOrNull(index)?.takeIf { javaArguments.size == type.arguments.size }, loader)
            }
            var javaClass = KotlinNames.javaClassOf(classifier.name, loader) ?: javaType?.let(::erased) ?: Any::class.java
            if (classifier.name == "kotlin/Array") {
                val component = (arguments.firstOrNull()?.type as? PlainKType)?.javaClass?.kotlin?.javaObjectType ?: Any::class.java
                javaClass = java.lang.reflect.Array.newInstance(component, 0).javaClass
            }
            val exact = javaType?.takeIf { erased(it).let { e -> e == javaClass || e.kotlin.javaObjectType == javaClass.kotlin.javaObjectType } }
            return PlainKType(javaClass, arguments, type.isNullable, exact, classifier.name.replace('/', '.'), type.isSuspend)
        }

        private fun projection(projection: KmTypeProjection, javaType: Type?, loader: ClassLoader?): KTypeProjection {
            val type = projection.type ?: return KTypeProjection.STAR
            val java = javaType?.let { if (it is java.lang.reflect.WildcardType) null else it }
            val kotlin = kotlinType(type, java, loader)
            return when (projection.variance) {
                KmVariance.IN -> KTypeProjection.contravariant(kotlin)
                KmVariance.OUT -> KTypeProjection.covariant(kotlin)
                else -> KTypeProjection.invariant(kotlin)
            }
        }

        /** The erased class of a JVM [type]. */
        fun erased(type: Type): Class<*> = when (type) {
            is Class<*> -> type
            is ParameterizedType -> type.rawType as Class<*>
            is GenericArrayType -> java.lang.reflect.Array.newInstance(erased(type.genericComponentType), 0).javaClass
            is java.lang.reflect.WildcardType -> type.upperBounds.firstOrNull()?.let(::erased) ?: Any::class.java
            is java.lang.reflect.TypeVariable<*> -> type.bounds.firstOrNull()?.let(::erased) ?: Any::class.java
            else -> Any::class.java
        }
    }
}
