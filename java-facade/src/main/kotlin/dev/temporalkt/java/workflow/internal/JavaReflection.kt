package dev.temporalkt.java.workflow.internal

import java.lang.reflect.Method
import java.lang.reflect.Modifier
import java.lang.reflect.ParameterizedType
import java.lang.reflect.Type
import java.lang.reflect.WildcardType
import java.util.concurrent.CompletionStage
import java.util.concurrent.Future

/** `java.lang.reflect` helpers for reading Java workflow and activity classes (no kotlin-reflect). */
internal object JavaReflection {
    /** Every superclass and interface of [type], nearest first. */
    fun supertypes(type: Class<*>): List<Class<*>> {
        val found = LinkedHashSet<Class<*>>()
        val queue = ArrayDeque<Class<*>>()
        queue.add(type)
        while (queue.isNotEmpty()) {
            val next = queue.removeFirst()
            for (parent in listOfNotNull(next.superclass) + next.interfaces) {
                if (found.add(parent)) queue.add(parent)
            }
        }
        found.remove(Any::class.java)
        return found.toList()
    }

    /** [type]'s annotation [annotation], or that of its nearest supertype carrying it. */
    fun <A : Annotation> classAnnotation(type: Class<*>, annotation: Class<A>): Pair<Class<*>, A>? {
        type.getAnnotation(annotation)?.let { return type to it }
        for (supertype in supertypes(type)) supertype.getAnnotation(annotation)?.let { return supertype to it }
        return null
    }

    /** [method]'s annotation [annotation], or that of a method of a supertype of [owner] it overrides. */
    fun <A : Annotation> methodAnnotation(owner: Class<*>, method: Method, annotation: Class<A>): A? {
        method.getAnnotation(annotation)?.let { return it }
        for (supertype in supertypes(owner)) {
            val candidate = try {
                supertype.getDeclaredMethod(method.name, *method.parameterTypes)
            } catch (_: NoSuchMethodException) {
                continue
            }
            candidate.getAnnotation(annotation)?.let { return it }
        }
        return null
    }

    /** The public instance methods of [type] (inherited ones included), without bridges and synthetic methods. */
    fun instanceMethods(type: Class<*>): List<Method> =
        type.methods.filter { !it.isBridge && !it.isSynthetic && !Modifier.isStatic(it.modifiers) && it.declaringClass != Any::class.java }
            .sortedWith(compareBy({ it.name }, { it.parameterCount }, { it.toGenericString() }))

    /** Whether a method returning [type] returns a pending result the runtime awaits. */
    fun isStage(type: Type): Boolean = CompletionStage::class.java.isAssignableFrom(rawClass(type))

    /** Whether [type] is a `Future` that is no `CompletionStage` (which the runtime cannot await without blocking). */
    fun isBlockingFuture(type: Type): Boolean =
        Future::class.java.isAssignableFrom(rawClass(type)) && !CompletionStage::class.java.isAssignableFrom(rawClass(type))

    /** The value a method returning [type] produces: `T` of a `CompletionStage<T>`, `Void` for `void`, else [type]. */
    fun resultType(type: Type): Type = when {
        type == Void.TYPE -> Void::class.java
        isStage(type) -> (type as? ParameterizedType)?.actualTypeArguments?.singleOrNull()?.let(::bound) ?: Any::class.java
        else -> type
    }

    private fun bound(type: Type): Type = when {
        type is WildcardType && type.lowerBounds.isNotEmpty() -> type.lowerBounds[0]
        type is WildcardType -> type.upperBounds.firstOrNull() ?: Any::class.java
        else -> type
    }

    /** The erased class of [type]. */
    fun rawClass(type: Type): Class<*> = dev.temporalkt.java.internal.JavaKType.rawClass(type)

    /** `OrderWorkflow.approve(String)`, for messages. */
    fun describe(method: Method): String =
        "${method.declaringClass.simpleName}.${method.name}(${method.parameterTypes.joinToString { it.simpleName }})"

    /** Whether [type] was compiled from Kotlin (it carries Kotlin's metadata). */
    fun isKotlinClass(type: Class<*>): Boolean = type.isAnnotationPresent(Metadata::class.java)
}
