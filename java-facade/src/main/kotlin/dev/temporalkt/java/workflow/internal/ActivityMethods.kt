package dev.temporalkt.java.workflow.internal

import dev.temporalkt.activity.Activity
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.internal.WorkflowMethods
import java.io.Serializable
import java.lang.reflect.Method
import java.lang.reflect.Type
import java.util.concurrent.atomic.AtomicReference
import kotlin.reflect.KType

/** An activity method resolved from a method reference: its type [name] and the Java types of its signature. */
internal class ActivityMethod(val name: String, val method: Method, val parameterTypes: List<Type>, val resultType: Type) {
    /** The parameter types as the runtime takes them, after checking that [args] has one value per parameter. */
    fun argTypesFor(args: List<Any?>): List<KType> {
        require(args.size == parameterTypes.size) {
            "Activity ${method.declaringClass.name}.${method.name} takes ${parameterTypes.size} argument(s) " +
                "(${parameterTypes.joinToString { it.typeName }}) but ${args.size} were given"
        }
        return JavaKType.ofAll(parameterTypes)
    }
}

/**
 * Resolves method references such as `GreetingActivities::compose` to the `@Activity` method they refer to, with
 * `java.lang.reflect` only (the reference's `SerializedLambda` names the method; the annotation may sit on an
 * interface or superclass method it implements). Each reference expression is resolved once.
 */
internal object ActivityMethods {
    private val resolved = object : ClassValue<AtomicReference<ActivityMethod?>>() {
        override fun computeValue(type: Class<*>): AtomicReference<ActivityMethod?> = AtomicReference(null)
    }

    fun resolve(reference: Serializable): ActivityMethod {
        val slot = resolved.get(reference.javaClass)
        slot.get()?.let { return it }
        return resolveUncached(reference).also { slot.set(it) }
    }

    private fun resolveUncached(reference: Serializable): ActivityMethod {
        val (owner, method) = WorkflowMethods.referencedMethod(reference, "GreetingActivities::compose", "activity methods")
        val where = "${owner.name}.${method.name}"
        val annotation = JavaReflection.methodAnnotation(owner, method, Activity::class.java)
            ?: throw IllegalArgumentException(
                "$where is not an activity: annotate it with @Activity (dev.temporalkt.activity.Activity), or call the " +
                    "activity by name",
            )
        require(!annotation.dynamic) { "$where is the dynamic activity and has no name of its own; call an activity by name" }
        val parameters = method.genericParameterTypes.toList()
        require(parameters.lastOrNull()?.let(JavaReflection::rawClass)?.name != "kotlin.coroutines.Continuation") {
            "$where is a Kotlin suspend function, which Java code cannot reference; call the activity by name"
        }
        return ActivityMethod(annotation.name.ifEmpty { method.name }, method, parameters, JavaReflection.resultType(method.genericReturnType))
    }
}
