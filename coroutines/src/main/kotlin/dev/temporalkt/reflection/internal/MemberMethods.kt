package dev.temporalkt.reflection.internal

import java.lang.reflect.Method
import java.lang.reflect.Modifier

/**
 * The instance methods of a class that may be annotated workflow handlers or activities, as `java.lang.reflect` gives
 * them: its own (of any visibility) and the ones it inherits from superclasses and interfaces, each signature once
 * (the most derived), without bridges, synthetic methods, static methods and the `$default` helpers Kotlin
 * generates for default arguments.
 */
internal object MemberMethods {
    fun of(type: Class<*>): List<Method> {
        val found = LinkedHashMap<String, Method>()
        fun add(method: Method) {
            if (method.isBridge || method.isSynthetic || Modifier.isStatic(method.modifiers)) return
            if (method.declaringClass == Any::class.java) return
            found.putIfAbsent(method.name + Descriptors.of(method).substringBefore(')'), method)
        }
        var current: Class<*>? = type
        while (current != null && current != Any::class.java) {
            val own = current == type
            // private methods of superclasses are not members of the class
            current.declaredMethods.sortedBy { it.name }.filter { own || !Modifier.isPrivate(it.modifiers) }.forEach(::add)
            current = current.superclass
        }
        type.methods.sortedBy { it.name }.forEach(::add)
        return found.values.toList()
    }
}
