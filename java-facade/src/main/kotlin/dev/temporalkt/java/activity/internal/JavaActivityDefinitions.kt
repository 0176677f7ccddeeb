@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.activity.internal

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.internal.ActivityDefinition
import dev.temporalkt.activity.internal.ActivityMethodInvoker
import dev.temporalkt.activity.newCompleteAsyncException
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.workflow.internal.JavaReflection
import dev.temporalkt.reflection.internal.PayloadTypeCheck
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.ParameterizedType

/**
 * Reads the activities of a Java object into the runtime's [ActivityDefinition]s with `java.lang.reflect` only: each
 * public method annotated with [Activity] (on the method, or on the method of an interface or superclass it
 * implements) is an activity named [Activity.name] or the method name, called on that object. A method runs on the
 * worker's activity executor (virtual threads when the JDK has them, else a pool); one returning a `CompletionStage`
 * completes the activity when the stage does.
 */
internal object JavaActivityDefinitions {
    /**
     * The activities of [activity], or the problems that keep it from being registered, each with what to do.
     */
    fun of(activity: Any, problems: MutableList<String>): List<ActivityDefinition> {
        val type = activity.javaClass
        val annotated = JavaReflection.instanceMethods(type)
            .mapNotNull { method -> JavaReflection.methodAnnotation(type, method, Activity::class.java)?.let { method to it } }
        if (annotated.isEmpty()) {
            problems += "${type.name} has no public method annotated with @Activity: annotate its activity methods with " +
                "@dev.temporalkt.activity.Activity, or do not register it"
            return emptyList()
        }
        return annotated.mapNotNull { (method, annotation) -> definition(activity, method, annotation, problems) }
    }

    private fun definition(receiver: Any, method: Method, annotation: Activity, problems: MutableList<String>): ActivityDefinition? {
        val where = "${receiver.javaClass.simpleName}.${method.name}"
        if (method.typeParameters.isNotEmpty()) {
            problems += "Activity '$where' has type parameters: an activity's parameter and return types must be concrete so " +
                "arguments can be decoded; replace them with concrete types"
            return null
        }
        if (JavaReflection.isBlockingFuture(method.genericReturnType)) {
            problems += "Activity '$where' returns ${method.genericReturnType.typeName}, which cannot be awaited without " +
                "blocking; return a CompletableFuture (or another CompletionStage), or the value itself"
            return null
        }
        if (annotation.dynamic) {
            if (annotation.name.isNotEmpty()) {
                problems += "Dynamic activity '$where' has a name ('${annotation.name}'): a dynamic activity runs every " +
                    "unregistered type, remove the name"
                return null
            }
            val parameter = method.genericParameterTypes.singleOrNull()
            if (parameter !is ParameterizedType || parameter.rawType != List::class.java ||
                parameter.actualTypeArguments.singleOrNull() != Payload::class.java
            ) {
                problems += "Dynamic activity '$where' must take exactly one parameter of type " +
                    "List<dev.temporalkt.api.common.v1.Payload> (the raw arguments), has " +
                    method.genericParameterTypes.map { it.typeName }
                return null
            }
        } else {
            method.genericParameterTypes.forEachIndexed { index, type ->
                PayloadTypeCheck.problem(JavaKType.of(type))?.let { reason ->
                    problems += "Activity '$where' parameter ${index + 1} has type ${type.typeName}: $reason cannot be sent " +
                        "as a payload; take plain data instead (a record, a POJO Jackson can convert, a primitive, String, " +
                        "or collections of them)"
                }
            }
            val result = JavaReflection.resultType(method.genericReturnType)
            PayloadTypeCheck.problem(JavaKType.of(result))?.let { reason ->
                problems += "Activity '$where' returns ${method.genericReturnType.typeName}: $reason cannot be sent as a " +
                    "payload; return plain data"
            }
        }
        try {
            method.isAccessible = true
        } catch (e: RuntimeException) {
            problems += "Activity '$where' cannot be made accessible: ${e.message}; make its class public"
            return null
        }
        val result = JavaReflection.resultType(method.genericReturnType)
        return ActivityDefinition.external(
            name = if (annotation.dynamic) "" else annotation.name.ifEmpty { method.name },
            dynamic = annotation.dynamic,
            receiver = receiver,
            methodName = method.name,
            parameterNames = method.parameters.map { it.name },
            parameterTypes = JavaKType.ofAll(method.genericParameterTypes.toList()),
            returnType = JavaKType.of(result),
            returnsVoid = result == Void::class.java,
            invoker = JavaActivityInvoker(method),
        )
    }
}

/** Calls a Java activity method; see [AsyncCompletion] for activities that complete later. */
private class JavaActivityInvoker(private val method: Method) : ActivityMethodInvoker {
    override fun invoke(receiver: Any, arguments: List<Any?>): Any? {
        AsyncCompletion.reset()
        val result = try {
            method.invoke(receiver, *arguments.toTypedArray())
        } catch (e: InvocationTargetException) {
            AsyncCompletion.reset()
            throw e.targetException ?: e
        }
        if (AsyncCompletion.takeRequested()) throw newCompleteAsyncException()
        return result
    }

    override fun toString(): String = "${method.declaringClass.name}.${method.name}"
}

/**
 * Whether the Java activity method running on this thread asked not to complete the activity when it returns
 * (`ActivityExecutionContext.doNotCompleteOnReturn()`): the worker then reports nothing and the activity is completed
 * later through the client with its task token.
 */
internal object AsyncCompletion {
    private val requested = ThreadLocal<Boolean>()

    /** Asks that the activity running on this thread is not completed when its method returns. */
    fun request() {
        requested.set(true)
    }

    fun reset() {
        requested.remove()
    }

    fun takeRequested(): Boolean = (requested.get() == true).also { requested.remove() }
}
