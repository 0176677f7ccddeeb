package dev.temporalkt.reflection.internal

import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method
import java.lang.reflect.Modifier
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
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
 * failed once.
 *
 * Exceptions thrown by the function arrive as it threw them, not wrapped in
 * [java.lang.reflect.InvocationTargetException]. On the JVM-method path [callSuspend] keeps no frame of its own while
 * the function is suspended (every path ends in a tail call), so a cached run waiting in its run function holds one
 * continuation fewer; the price is that the result of a function that [returnsUnit] is unspecified.
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
     * Whether the function returns `Unit`. A `suspend` function returning `Unit` may hand back a tail-called function's
     * result instead, so [callSuspend]'s result is only meaningful when this is `false`.
     */
    val returnsUnit: Boolean = function.returnType.classifier == Unit::class && !function.returnType.isMarkedNullable

    @Volatile
    private var method: Method? = directMethod()

    /** Calls a non-`suspend` function on [receiver] (the instance, or `null`) with [arguments]. */
    fun call(receiver: Any?, arguments: List<Any?>): Any? = unwrapped {
        val direct = method
        if (direct != null && arguments.size == valueParameters.size) {
            try {
                val result = direct.invoke(receiver, *arguments.toTypedArray())
                // a function returning Unit is a void method on the JVM
                return@unwrapped if (returnsUnit) Unit else result
            } catch (e: IllegalAccessException) {
                method = null
            }
        }
        function.callBy(argumentMap(receiver, arguments))
    }

    /**
     * Calls a `suspend` function on [receiver] (the instance, or `null`) with [arguments]. The result of a function
     * that [returnsUnit] is unspecified (see there).
     */
    suspend fun callSuspend(receiver: Any?, arguments: List<Any?>): Any? {
        val direct = method
        if (direct != null && arguments.size == valueParameters.size) {
            val values = arrayOfNulls<Any?>(arguments.size + 1)
            arguments.forEachIndexed { index, value -> values[index] = value }
            return suspendCoroutineUninterceptedOrReturn { continuation ->
                values[arguments.size] = continuation
                try {
                    unwrapped { direct.invoke(receiver, *values) }
                } catch (e: IllegalAccessException) {
                    // only the access check throws this here (the function's own exceptions were unwrapped above, or
                    // come through the continuation once it suspended): the call has not started, so kotlin-reflect
                    // makes it
                    method = null
                    startThroughReflection(receiver, arguments, continuation)
                }
            }
        }
        return callSuspendThroughReflection(receiver, arguments)
    }

    private suspend fun callSuspendThroughReflection(receiver: Any?, arguments: List<Any?>): Any? = try {
        if (arguments.size == valueParameters.size) {
            function.callSuspend(*(if (instanceParameter != null) listOf(receiver) + arguments else arguments).toTypedArray())
        } else {
            function.callSuspendBy(argumentMap(receiver, arguments))
        }
    } catch (e: InvocationTargetException) {
        throw e.targetException ?: e
    }

    /** Starts [callSuspendThroughReflection] as part of the caller's suspended call, resuming [continuation] at its end. */
    private fun startThroughReflection(receiver: Any?, arguments: List<Any?>, continuation: Continuation<Any?>): Any? {
        val block: suspend () -> Any? = { callSuspendThroughReflection(receiver, arguments) }
        return block.startCoroutineUninterceptedOrReturn(continuation)
    }

    private inline fun unwrapped(block: () -> Any?): Any? = try {
        block()
    } catch (e: InvocationTargetException) {
        throw e.targetException ?: e
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
}
