package dev.temporalkt.reflection.internal

import java.lang.reflect.Executable
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.full.callSuspendBy
import kotlin.reflect.jvm.isAccessible
import kotlin.reflect.jvm.javaConstructor
import kotlin.reflect.jvm.javaMethod
import kotlin.reflect.jvm.kotlinFunction

/**
 * The calls that only kotlin-reflect can make: calls that leave parameters to their default values, and calls of
 * functions whose JVM signature differs from their Kotlin one (value classes). Only functions that need it come here
 * ([UserFunction.registrationReason]); the worker checks at registration that kotlin-reflect is on the class path
 * ([problem]), so nothing else loads it.
 */
internal object KotlinReflect {
    private const val ARTIFACT = "org.jetbrains.kotlin:kotlin-reflect"

    /** Whether kotlin-reflect is on the class path (looked up as a resource, so none of its classes loads). */
    val available: Boolean by lazy {
        val loader = KotlinReflect::class.java.classLoader ?: ClassLoader.getSystemClassLoader()
        loader.getResource("kotlin/reflect/jvm/internal/ReflectionFactoryImpl.class") != null
    }

    /**
     * The registration problem of [function], described as [what]: `null` when it needs no kotlin-reflect or
     * kotlin-reflect is on the class path; otherwise what to add or change.
     */
    fun problem(what: String, function: UserFunction): String? {
        val reason = function.registrationReason ?: return null
        if (available) return null
        return "$what ${reason}, which the worker can only call through kotlin-reflect, and kotlin-reflect is not on " +
            "the class path: add the dependency $ARTIFACT (the version of your Kotlin standard library), or change " +
            "the function so its JVM method takes exactly its parameters (no default values, no value classes)"
    }

    /** The kotlin-reflect function of [function]. */
    fun functionOf(function: UserFunction): KFunction<*> {
        check(available) { "${function.description} can only be called through kotlin-reflect; add $ARTIFACT" }
        val reflected = function.method?.kotlinFunction ?: function.constructor?.kotlinFunction
            ?: throw IllegalStateException("kotlin-reflect does not know ${function.description}")
        reflected.isAccessible = true
        return reflected
    }

    /** The JVM member of a function that kotlin-reflect made (not a callable reference). */
    fun memberOf(function: KFunction<*>): Executable =
        function.javaMethod ?: function.javaConstructor
            ?: throw IllegalArgumentException("'${function.name}' has no JVM method or constructor")

    /** Calls [function] with its [receiver] (if it takes one) and [arguments], leaving out ones not given. */
    fun call(function: UserFunction, receiver: Any?, arguments: List<Any?>): Any? {
        val reflected = function.reflected()
        return reflected.callBy(argumentMap(reflected, function, receiver, arguments))
    }

    /** [call] for a `suspend` function. */
    suspend fun callSuspend(function: UserFunction, receiver: Any?, arguments: List<Any?>): Any? {
        val reflected = function.reflected()
        return reflected.callSuspendBy(argumentMap(reflected, function, receiver, arguments))
    }

    private fun argumentMap(reflected: KFunction<*>, function: UserFunction, receiver: Any?, arguments: List<Any?>): Map<KParameter, Any?> {
        val map = HashMap<KParameter, Any?>()
        reflected.parameters.firstOrNull { it.kind == KParameter.Kind.INSTANCE }?.let {
            map[it] = if (function.isBound) function.boundReceiver else receiver
        }
        val values = reflected.parameters.filter { it.kind == KParameter.Kind.VALUE }
        arguments.forEachIndexed { index, value -> map[values[index]] = value }
        return map
    }
}
