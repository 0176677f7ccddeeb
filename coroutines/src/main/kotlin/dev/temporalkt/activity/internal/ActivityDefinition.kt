@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.reflection.internal.UserFunction
import dev.temporalkt.reflection.internal.UserFunctionCaller
import kotlin.reflect.KType

/**
 * One registered activity: what it is called, the instance it runs on, its signature and how to call it. Kotlin
 * activities are functions read from their JVM methods and Kotlin metadata ([UserFunction], no kotlin-reflect); other
 * surfaces (Java activity methods, read with
 * `java.lang.reflect`) give their types and an [ActivityMethodInvoker] instead ([external]).
 */
@InternalTemporalApi
public class ActivityDefinition private constructor(
    /** The activity type name; empty for the dynamic activity. */
    public val name: String,
    private val kotlinFunction: UserFunction?,
    /** The instance for the function's instance parameter, or `null` for top-level and bound functions. */
    public val receiver: Any?,
    public val isDynamic: Boolean,
    /** The names of the value parameters, for messages. */
    public val parameterNames: List<String>,
    /** The declared types of the value parameters, which decode the arguments. */
    public val parameterTypes: List<KType>,
    /** The declared type of the result, which encodes it (for an external method returning a future, its value's). */
    public val returnType: KType,
    /** Whether the activity has no result (the result is then encoded as null). */
    public val returnsUnit: Boolean,
    /** `OrderActivities.charge` or `charge`, for messages. */
    public val description: String,
    /** The name of the function or method, for messages and the logger of a function without receiver. */
    internal val functionName: String,
    /** Calls an [external] activity; `null` for a Kotlin function. */
    internal val invoker: ActivityMethodInvoker?,
    /** The code run instead of [function] when the activity is a stand-in (its [function] gives name and types). */
    internal val standIn: ActivityStandIn? = null,
) {
    internal constructor(
        name: String,
        function: UserFunction,
        receiver: Any?,
        isDynamic: Boolean,
        standIn: ActivityStandIn? = null,
    ) : this(
        name = name,
        kotlinFunction = function,
        receiver = receiver,
        isDynamic = isDynamic,
        parameterNames = function.parameterNames,
        parameterTypes = function.parameterTypes,
        returnType = function.returnType,
        returnsUnit = (function.returnType as? PlainKType)?.javaClass == Unit::class.java,
        description = receiver?.let { "${KotlinNames.of(it.javaClass)}.${function.name}" } ?: function.name,
        functionName = function.name,
        invoker = null,
        standIn = standIn,
    )

    internal val function: UserFunction
        get() = kotlinFunction ?: throw IllegalStateException("The activity $description is not a Kotlin function")

    internal val isSuspend: Boolean = standIn?.isSuspend ?: kotlinFunction?.isSuspend ?: false
    internal val caller: UserFunctionCaller? = kotlinFunction?.let(::UserFunctionCaller)

    internal val signature: String
        get() = parameterNames.zip(parameterTypes).joinToString(prefix = "(", postfix = ")") { (name, type) -> "$name: $type" }

    /** The fewest arguments a caller may send: parameters without default values. */
    internal val requiredArguments: Int = kotlinFunction?.requiredArguments ?: parameterTypes.size

    override fun toString(): String = "ActivityDefinition(${name.ifEmpty { "<dynamic>" }}, $description)"

    /** Definitions of activities that are not Kotlin functions. */
    public companion object {
        /**
         * An activity that [invoker] calls on [receiver], as a blocking call on the worker's activity executor (a
         * `CompletionStage` it returns is awaited). A dynamic one ([dynamic], empty [name]) gets the raw payloads as
         * its one argument, as Kotlin dynamic activities do.
         */
        public fun external(
            name: String,
            dynamic: Boolean,
            receiver: Any,
            methodName: String,
            parameterNames: List<String>,
            parameterTypes: List<KType>,
            returnType: KType,
            returnsVoid: Boolean,
            invoker: ActivityMethodInvoker,
        ): ActivityDefinition = ActivityDefinition(
            name = name,
            kotlinFunction = null,
            receiver = receiver,
            isDynamic = dynamic,
            parameterNames = parameterNames,
            parameterTypes = parameterTypes,
            returnType = returnType,
            returnsUnit = returnsVoid,
            description = "${receiver.javaClass.name}.$methodName",
            functionName = methodName,
            invoker = invoker,
        )
    }
}

/** Calls the method of an [ActivityDefinition.external] activity. */
@InternalTemporalApi
public fun interface ActivityMethodInvoker {
    /**
     * Calls the method on [receiver] with the decoded [arguments], on a thread of the activity executor with the
     * activity context installed, and returns its result: a value, or a `CompletionStage` the worker awaits.
     */
    public fun invoke(receiver: Any, arguments: List<Any?>): Any?
}
