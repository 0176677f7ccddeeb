package dev.temporalkt.internal

import java.lang.reflect.Method
import java.lang.reflect.Modifier
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType
import kotlin.reflect.full.callSuspend
import kotlin.reflect.full.callSuspendBy
import kotlin.reflect.jvm.javaMethod

/**
 * Calls a user function found by reflection (a workflow's run or handler function, an activity) with its receiver
 * and value arguments, as `function.call` / `callSuspend` would, but straight through its JVM [Method] where that is
 * the same thing: kotlin-reflect checks and converts every argument on each call, a cost paid once per workflow task
 * and activity attempt.
 *
 * The JVM method is used when the function has one and it takes exactly the Kotlin parameters (plus the continuation
 * for a `suspend` function): a member function called with its instance, or a top-level function, with every value
 * argument given and no value class among the parameter and return types (the JVM signature unboxes those). Bound
 * references, extension functions, calls that leave arguments to their defaults and functions the JVM method of
 * which cannot be accessed go through kotlin-reflect, as does everything after an access check of the JVM method
 * failed once. Either way, exceptions thrown by the function arrive wrapped in
 * [java.lang.reflect.InvocationTargetException], as with kotlin-reflect.
 *
 * ```kotlin
 * val caller = UserFunctionCaller(MyActivities::charge)
 * val result = caller.callSuspend(activities, listOf(order))
 * ```
 */
internal class UserFunctionCaller(private val function: KFunction<*>) {
    private val instanceParameter: KParameter? = function.parameters.firstOrNull { it.kind == KParameter.Kind.INSTANCE }
    private val valueParameters: List<KParameter> = function.parameters.filter { it.kind == KParameter.Kind.VALUE }

    /**
     * Whether the function returns `Unit`: as a JVM method it returns nothing, and as a `suspend` function it may hand
     * back a tail-called function's result instead; either way the call's result is `Unit`.
     */
    private val returnsUnit = function.returnType.classifier == Unit::class && !function.returnType.isMarkedNullable

    @Volatile
    private var method: Method? = directMethod()

    /** Calls a non-`suspend` function on [receiver] (the instance, or `null`) with [arguments]. */
    fun call(receiver: Any?, arguments: List<Any?>): Any? {
        val direct = method
        if (direct != null && arguments.size == valueParameters.size) {
            try {
                val result = direct.invoke(receiver, *arguments.toTypedArray())
                // a function returning Unit is a void method on the JVM
                return if (returnsUnit) Unit else result
            } catch (e: IllegalAccessException) {
                method = null
            }
        }
        return function.callBy(argumentMap(receiver, arguments))
    }

    /** Calls a `suspend` function on [receiver] (the instance, or `null`) with [arguments]. */
    suspend fun callSuspend(receiver: Any?, arguments: List<Any?>): Any? {
        val direct = method
        if (direct != null && arguments.size == valueParameters.size) {
            val values = arrayOfNulls<Any?>(arguments.size + 1)
            arguments.forEachIndexed { index, value -> values[index] = value }
            val result = suspendCoroutineUninterceptedOrReturn<Any?> { continuation ->
                values[arguments.size] = continuation
                // only the access check itself counts: the function's own exceptions arrive wrapped, or (after it
                // suspended) through the continuation
                try {
                    direct.invoke(receiver, *values)
                } catch (e: IllegalAccessException) {
                    NOT_ACCESSIBLE
                }
            }
            if (result !== NOT_ACCESSIBLE) return if (returnsUnit) Unit else result
            method = null
        }
        if (arguments.size == valueParameters.size) {
            val all = if (instanceParameter != null) listOf(receiver) + arguments else arguments
            return function.callSuspend(*all.toTypedArray())
        }
        return function.callSuspendBy(argumentMap(receiver, arguments))
    }

    private fun argumentMap(receiver: Any?, arguments: List<Any?>): Map<KParameter, Any?> {
        val map = HashMap<KParameter, Any?>()
        instanceParameter?.let { map[it] = receiver }
        arguments.forEachIndexed { index, value -> map[valueParameters[index]] = value }
        return map
    }

    private fun directMethod(): Method? {
        val method = try {
            function.javaMethod
        } catch (e: Error) {
            // kotlin-reflect cannot map some synthetic or compiler-generated functions to a JVM member
            null
        } ?: return null
        val static = Modifier.isStatic(method.modifiers)
        val shapeMatches = function.parameters.all { it.kind != KParameter.Kind.EXTENSION_RECEIVER } &&
            (instanceParameter != null) == !static &&
            method.parameterCount == valueParameters.size + (if (function.isSuspend) 1 else 0)
        if (!shapeMatches) return null
        if (valueParameters.any { it.type.isValueClass() } || function.returnType.isValueClass()) return null
        return method
    }

    private fun KType.isValueClass(): Boolean = (classifier as? KClass<*>)?.isValue == true

    private companion object {
        val NOT_ACCESSIBLE = Any()
    }
}
