package dev.temporalkt.workflow

import java.lang.reflect.Method
import java.lang.reflect.Modifier

/** This method's annotation [A], or the one on a method it overrides in a superclass or interface. */
internal inline fun <reified A : Annotation> Method.inheritedAnnotation(): A? = inheritedAnnotation(this, A::class.java)

/** [Method.inheritedAnnotation] for the annotation class [type]. */
internal fun <A : Annotation> inheritedAnnotation(method: Method, type: Class<A>): A? {
    method.getAnnotation(type)?.let { return it }
    if (Modifier.isStatic(method.modifiers) || Modifier.isPrivate(method.modifiers)) return null
    val seen = HashSet<Class<*>>()
    val queue = ArrayDeque<Class<*>>()
    method.declaringClass.superclass?.let(queue::add)
    queue.addAll(method.declaringClass.interfaces)
    while (queue.isNotEmpty()) {
        val supertype = queue.removeFirst()
        if (!seen.add(supertype)) continue
        val overridden = try {
            supertype.getDeclaredMethod(method.name, *method.parameterTypes)
        } catch (e: NoSuchMethodException) {
            null
        }
        overridden?.getAnnotation(type)?.let { return it }
        supertype.superclass?.let(queue::add)
        queue.addAll(supertype.interfaces)
    }
    return null
}
