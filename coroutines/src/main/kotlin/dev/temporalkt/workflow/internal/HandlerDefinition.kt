@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.reflection.internal.UserFunction
import dev.temporalkt.reflection.internal.UserFunctionCaller
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import java.util.concurrent.CompletionStage
import kotlin.reflect.KType

/**
 * A run method, signal, query or update handler (or an update validator) of a workflow.
 *
 * Kotlin workflow classes give a [UserFunction] (read from its JVM method and Kotlin metadata, without kotlin-reflect);
 * other surfaces (Java workflow classes, read with `java.lang.reflect`) give their types and a [HandlerInvoker]
 * instead ([external]), so the run calls both the same way.
 *
 * @property name the handler name; `null` for a dynamic handler, which takes `(name, args: List<RawValue>)`.
 * @property parameterTypes declared types of the value parameters, used to decode arguments.
 * @property returnType declared return type, used to encode the result; for a function returning a
 *   `CompletionStage<T>` (as Java workflow code does), the type `T` the stage completes with.
 * @property functionName the name of the function or method, for messages.
 */
@InternalTemporalApi
public class HandlerDefinition private constructor(
    public val name: String?,
    public val description: String,
    public val unfinishedPolicy: HandlerUnfinishedPolicy,
    public val parameterTypes: List<KType>,
    public val returnType: KType,
    public val functionName: String,
    private val kotlinFunction: UserFunction?,
    /** Calls the handler of an [external] definition; `null` for a Kotlin function. */
    public val invoker: HandlerInvoker?,
    /** Whether the function returns a `CompletionStage` that the runtime awaits. */
    public val returnsStage: Boolean,
    public val isSuspend: Boolean,
) {
    internal constructor(
        name: String?,
        description: String,
        function: UserFunction,
        unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
    ) : this(name, description, unfinishedPolicy, function, stageResult(function.returnType))

    private constructor(
        name: String?,
        description: String,
        unfinishedPolicy: HandlerUnfinishedPolicy,
        function: UserFunction,
        stageResult: KType?,
    ) : this(
        name = name,
        description = description,
        unfinishedPolicy = unfinishedPolicy,
        parameterTypes = function.parameterTypes,
        returnType = stageResult ?: function.returnType,
        functionName = function.name,
        kotlinFunction = function,
        invoker = null,
        returnsStage = stageResult != null,
        isSuspend = function.isSuspend,
    )

    /** The annotated Kotlin member function, called with the workflow object as receiver. */
    internal val function: UserFunction
        get() = kotlinFunction ?: throw IllegalStateException("The handler '$functionName' is not a Kotlin function")

    /** Calls [function] on a workflow object; `null` for an [external] definition. */
    internal val caller: UserFunctionCaller? = kotlinFunction?.let(::UserFunctionCaller)

    public val isDynamic: Boolean get() = name == null

    override fun toString(): String = "${name ?: "<dynamic>"} -> $functionName"

    /** Definitions of handlers that are not Kotlin functions. */
    public companion object {
        /**
         * A handler that [invoker] calls: [parameterTypes] decode its arguments and [returnType] encodes its result
         * (for a dynamic handler, `null` [name], the arguments are `(name, List<RawValue>)` whatever the types say).
         */
        public fun external(
            name: String?,
            description: String,
            unfinishedPolicy: HandlerUnfinishedPolicy,
            parameterTypes: List<KType>,
            returnType: KType,
            functionName: String,
            invoker: HandlerInvoker,
        ): HandlerDefinition = HandlerDefinition(
            name, description, unfinishedPolicy, parameterTypes, returnType, functionName,
            kotlinFunction = null, invoker = invoker, returnsStage = false, isSuspend = false,
        )

        private fun stageResult(type: KType): KType? =
            if ((type as? PlainKType)?.javaClass?.let(CompletionStage::class.java::isAssignableFrom) == true) {
                type.arguments.firstOrNull()?.type ?: PlainKType.ofJava(Any::class.java)
            } else {
                null
            }
    }
}

/**
 * Calls a handler of an [HandlerDefinition.external] definition on the workflow object: the run method, signal and
 * update handlers through [call] in their coroutine on the run's dispatcher, queries and update validators through
 * [callReadOnly], which must answer at once.
 */
@InternalTemporalApi
public interface HandlerInvoker {
    /** Calls the handler with the decoded [args] and returns its result once it has one. */
    public suspend fun call(target: Any, args: List<Any?>): Any?

    /** Calls a query handler or update validator with the decoded [args] and returns its answer at once. */
    public fun callReadOnly(target: Any, args: List<Any?>): Any?
}
