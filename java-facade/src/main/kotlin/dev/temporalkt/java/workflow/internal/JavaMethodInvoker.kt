@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.workflow.internal

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.workflow.internal.HandlerInvoker
import java.lang.reflect.InvocationTargetException
import java.lang.reflect.Method

/**
 * Calls an annotated method of a Java workflow class with `java.lang.reflect`: run methods, signal and update
 * handlers in a cancellation scope of their own ([callJava]; the run method's scope is cancelled with the workflow),
 * queries and update validators directly.
 */
internal class JavaMethodInvoker(private val method: Method, private val isRun: Boolean) : HandlerInvoker {
    override suspend fun call(target: Any, args: List<Any?>): Any? = callJava(linkCancellation = isRun) { invoke(target, args) }

    override fun callReadOnly(target: Any, args: List<Any?>): Any? = invoke(target, args)

    private fun invoke(target: Any, args: List<Any?>): Any? = try {
        method.invoke(target, *args.toTypedArray())
    } catch (e: InvocationTargetException) {
        throw e.targetException ?: e
    }

    override fun toString(): String = "${method.declaringClass.name}.${method.name}"
}
