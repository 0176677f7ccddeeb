package dev.temporalkt.reflection.internal

import java.lang.reflect.Constructor
import java.lang.reflect.Method
import java.util.concurrent.ConcurrentHashMap
import kotlin.jvm.internal.CallableReference
import kotlin.jvm.internal.FunctionReference
import kotlin.jvm.internal.FunctionReferenceImpl
import kotlin.reflect.KFunction

/**
 * The functions that typed calls name by reference (`Workflow.executeActivity(Activities::echo, ...)`,
 * `client.startWorkflow(OrderWorkflow::run, ...)`): their name, annotations and types, read once and cached, without
 * kotlin-reflect.
 *
 * The compiler makes a class for each reference expression, which always names the same function, so the cache is
 * keyed on that class: a typed call costs one map lookup. References of another shape (and functions kotlin-reflect
 * made) are resolved from their owner, name and JVM signature, also cached per JVM member ([UserFunction.of]).
 */
internal object FunctionReferences {
    private val bySite = ConcurrentHashMap<Class<*>, UserFunction>()

    /** The function [reference] names, as an unbound function: for names, annotations and types, not for calls. */
    fun of(reference: KFunction<*>): UserFunction {
        val site = reference.javaClass
        val cacheable = reference is CallableReference &&
            site != FunctionReferenceImpl::class.java && site != FunctionReference::class.java
        if (cacheable) bySite[site]?.let { return it }
        val function = when (val member = UserFunction.memberOf(reference)) {
            is Method -> UserFunction.of(member)
            else -> UserFunction.of(member as Constructor<*>)
        }
        if (cacheable) bySite.putIfAbsent(site, function)
        return function
    }
}
