package dev.temporalkt.reflection.internal

import java.lang.reflect.InvocationTargetException
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.coroutines.intrinsics.suspendCoroutineUninterceptedOrReturn

/**
 * Calls a user function read at registration ([UserFunction]: a workflow's run or handler function, an activity)
 * with its receiver and value arguments straight through its JVM method, the continuation as the last argument of a
 * `suspend` function. Nothing is looked up per call.
 *
 * Calls that leave arguments to their defaults, and functions whose JVM method does not take exactly their Kotlin
 * parameters (value classes), go through kotlin-reflect ([KotlinReflect]); registration has checked it is there.
 *
 * Exceptions thrown by the function arrive as it threw them, not wrapped in [InvocationTargetException]. On the
 * JVM-method path [callSuspend] keeps no frame of its own while the function is suspended (every path ends in a tail
 * call), so a cached run waiting in its run function holds one continuation fewer; the price is that the result of a
 * function that [returnsUnit] is unspecified.
 *
 * ```kotlin
 * val caller = UserFunctionCaller(UserFunction.of(MyActivities::charge))
 * val result = caller.callSuspend(activities, listOf(order))
 * ```
 */
internal class UserFunctionCaller(private val function: UserFunction) {
    private val parameterCount = function.parameterTypes.size
    private val direct = function.reflectionReason == null

    init {
        // a function the JVM does not let us open stays as it is; calling it then fails with the JVM's reason
        function.method?.trySetAccessible()
        function.constructor?.trySetAccessible()
    }

    /**
     * Whether the function returns `Unit`. A `suspend` function returning `Unit` may hand back a tail-called function's
     * result instead, so [callSuspend]'s result is only meaningful when this is `false`.
     */
    val returnsUnit: Boolean = function.returnsUnit

    private fun target(receiver: Any?): Any? = if (function.isBound) function.boundReceiver else receiver

    /** Calls a non-`suspend` function on [receiver] (the instance, or `null`) with [arguments]. */
    fun call(receiver: Any?, arguments: List<Any?>): Any? = unwrapped {
        if (direct && arguments.size == parameterCount) {
            val constructor = function.constructor
            if (constructor != null) return@unwrapped constructor.newInstance(*arguments.toTypedArray())
            val result = function.method!!.invoke(target(receiver), *arguments.toTypedArray())
            // a function returning Unit is a void method on the JVM
            return@unwrapped if (returnsUnit) Unit else result
        }
        KotlinReflect.call(function, receiver, arguments)
    }

    /**
     * Calls a `suspend` function on [receiver] (the instance, or `null`) with [arguments]. The result of a function
     * that [returnsUnit] is unspecified (see there).
     */
    suspend fun callSuspend(receiver: Any?, arguments: List<Any?>): Any? {
        if (direct && arguments.size == parameterCount) {
            val method = function.method!!
            val target = target(receiver)
            val values = arrayOfNulls<Any?>(arguments.size + 1)
            arguments.forEachIndexed { index, value -> values[index] = value }
            return suspendCoroutineUninterceptedOrReturn { continuation ->
                values[arguments.size] = continuation
                unwrapped { method.invoke(target, *values) }
            }
        }
        return suspendCoroutineUninterceptedOrReturn { continuation -> startThroughReflection(receiver, arguments, continuation) }
    }

    /** Starts the kotlin-reflect call as part of the caller's suspended call, resuming [continuation] at its end. */
    private fun startThroughReflection(receiver: Any?, arguments: List<Any?>, continuation: Continuation<Any?>): Any? {
        val block: suspend () -> Any? = {
            try {
                KotlinReflect.callSuspend(function, receiver, arguments)
            } catch (e: InvocationTargetException) {
                throw e.targetException ?: e
            }
        }
        return block.startCoroutineUninterceptedOrReturn(continuation)
    }

    private inline fun unwrapped(block: () -> Any?): Any? = try {
        block()
    } catch (e: InvocationTargetException) {
        throw e.targetException ?: e
    }
}
