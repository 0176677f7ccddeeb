package dev.temporalkt.java.common

import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type

/**
 * A type with its generic arguments, captured by subclassing: Java erases generics, so `List<Order>.class` does not
 * exist, but an anonymous subclass of `TypeRef<List<Order>>` keeps `List<Order>` in its superclass.
 *
 * ```java
 * List<Order> orders = client.executeWorkflow("Orders", new TypeRef<List<Order>>() {}, options, request).join();
 * ```
 */
public abstract class TypeRef<T> protected constructor() {
    /** The captured type, e.g. `java.util.List<com.example.Order>`. */
    public val type: Type = captured()

    private fun captured(): Type {
        var current: Class<*> = javaClass
        while (current.superclass != TypeRef::class.java) {
            current = current.superclass ?: break
        }
        val superclass = current.genericSuperclass
        require(superclass is ParameterizedType && superclass.rawType == TypeRef::class.java) {
            "Create a TypeRef as an anonymous subclass with its type argument, e.g. new TypeRef<List<Order>>() {}"
        }
        return superclass.actualTypeArguments[0]
    }

    override fun equals(other: Any?): Boolean = other is TypeRef<*> && other.type == type

    override fun hashCode(): Int = type.hashCode()

    override fun toString(): String = "TypeRef(${type.typeName})"
}
