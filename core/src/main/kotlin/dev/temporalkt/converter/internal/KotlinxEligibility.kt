package dev.temporalkt.converter.internal

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.Polymorphic
import kotlinx.serialization.Serializable
import kotlinx.serialization.modules.SerializersModule
import java.lang.reflect.GenericArrayType
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import kotlin.reflect.KClass
import kotlin.reflect.KType

/**
 * Decides which types kotlinx.serialization should handle in `json/plain`; everything else goes to
 * Jackson.
 *
 * kotlinx returns a polymorphic serializer for every interface, which then fails at run time for
 * implementations that were never registered. So interfaces are only handed to kotlinx when they are
 * `@Serializable`, `@Polymorphic`, registered as contextual, or one of the collection interfaces kotlinx
 * has builtin serializers for. For a Kotlin type, everything else is tried with kotlinx (unsupported classes
 * simply have no serializer). For a Java type, kotlinx is used only when the type mentions a
 * `@Serializable` (or contextual) class and is otherwise made of strings, primitives and plain
 * collections, so Java enums, POJOs and records keep their Jackson annotations.
 */
internal class KotlinxEligibility(private val module: SerializersModule) {

    /** Whether [type] (and all its type arguments) may go to kotlinx. */
    fun isEligible(type: KType): Boolean {
        val kClass = type.classifier as? KClass<*> ?: return false
        val javaClass = kClass.java
        if (javaClass.isInterface && javaClass !in KOTLIN_COLLECTION_INTERFACES && !isDeclaredSerializable(javaClass)) {
            return false
        }
        return type.arguments.all { argument -> argument.type?.let(::isEligible) ?: false }
    }

    /** Whether the Java [type] may go to kotlinx: it must mention a serializable class. */
    fun isEligible(type: Type): Boolean {
        val sawSerializable = BooleanArray(1)
        return isEligibleJava(type, sawSerializable) && sawSerializable[0]
    }

    /** Whether values of [javaClass] have a kotlinx serializer of their own (annotated or contextual). */
    fun isSerializableClass(javaClass: Class<*>): Boolean =
        javaClass.typeParameters.isEmpty() && isDeclaredSerializable(javaClass)

    private fun isEligibleJava(type: Type, sawSerializable: BooleanArray): Boolean = when (type) {
        is Class<*> -> when {
            type.isArray -> isEligibleJava(type.componentType, sawSerializable)
            isDeclaredSerializable(type) -> type.typeParameters.isEmpty().also { if (it) sawSerializable[0] = true }
            else -> type.isPrimitive || type in JAVA_SIMPLE_TYPES
        }
        is ParameterizedType -> {
            val raw = type.rawType as? Class<*>
            val rawEligible = when {
                raw == null -> false
                raw in JAVA_COLLECTION_TYPES -> true
                isDeclaredSerializable(raw) -> true.also { sawSerializable[0] = true }
                else -> false
            }
            rawEligible && type.actualTypeArguments.all { isEligibleJava(it, sawSerializable) }
        }
        is WildcardType -> type.lowerBounds.isEmpty() && type.upperBounds.size == 1 &&
            isEligibleJava(type.upperBounds[0], sawSerializable)
        is GenericArrayType -> isEligibleJava(type.genericComponentType, sawSerializable)
        else -> false
    }

    @OptIn(ExperimentalSerializationApi::class)
    private fun isDeclaredSerializable(javaClass: Class<*>): Boolean =
        javaClass.isAnnotationPresent(Serializable::class.java) ||
            (javaClass.isInterface && javaClass.isAnnotationPresent(Polymorphic::class.java)) ||
            module.getContextual(javaClass.kotlin) != null

    private companion object {
        /** Interfaces behind `Collection`, `List`, `Set`, `Map` and `Map.Entry`, which kotlinx has builtins for. */
        val KOTLIN_COLLECTION_INTERFACES: Set<Class<*>> = setOf(
            Collection::class.java, List::class.java, Set::class.java, Map::class.java, Map.Entry::class.java,
        )

        /** Java collection types kotlinx decodes into an instance of (ArrayList, LinkedHashSet, LinkedHashMap). */
        val JAVA_COLLECTION_TYPES: Set<Class<*>> = setOf(
            Collection::class.java, List::class.java, ArrayList::class.java,
            Set::class.java, HashSet::class.java, LinkedHashSet::class.java,
            Map::class.java, HashMap::class.java, LinkedHashMap::class.java,
        )

        val JAVA_SIMPLE_TYPES: Set<Class<*>> = setOf(
            String::class.java,
            Boolean::class.javaObjectType, Byte::class.javaObjectType, Short::class.javaObjectType,
            Int::class.javaObjectType, Long::class.javaObjectType, Float::class.javaObjectType,
            Double::class.javaObjectType, Char::class.javaObjectType,
        )
    }
}
