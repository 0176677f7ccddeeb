package dev.temporalkt.reflection.internal

import java.lang.reflect.Executable

/**
 * Finds the JVM member a callable reference names by owner, JVM name and descriptor: in the owner class, then in its
 * superclasses and interfaces (a reference to an inherited function may name the class it was taken on).
 */
internal object ReferencedMembers {
    fun find(owner: Class<*>, name: String, descriptor: String): Executable? {
        if (name == "<init>") return owner.declaredConstructors.firstOrNull { Descriptors.of(it) == descriptor }
        val seen = HashSet<Class<*>>()
        val queue = ArrayDeque<Class<*>>().apply { add(owner) }
        while (queue.isNotEmpty()) {
            val type = queue.removeFirst()
            if (!seen.add(type)) continue
            type.declaredMethods.firstOrNull { it.name == name && !it.isBridge && Descriptors.of(it) == descriptor }
                ?.let { return it }
            type.superclass?.let(queue::add)
            queue.addAll(type.interfaces)
        }
        return null
    }
}
