@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.converter.fromPayloads
import dev.temporalkt.reflection.internal.UserFunctionCaller
import dev.temporalkt.workflow.RawValue
import kotlinx.coroutines.Job
import kotlinx.coroutines.future.await
import java.lang.reflect.InvocationTargetException
import java.util.concurrent.CompletionStage
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import java.lang.reflect.Type
import kotlin.reflect.KClass
import kotlin.reflect.KType

/*
 * How a run calls its user code and converts what crosses the boundary: handler and run function calls (awaiting a
 * Java `CompletionStage`), read-only calls for queries and validators, and the payload conversions of arguments and
 * results with the run's converters.
 */

/**
 * Calls [handler] on the workflow object and, for a function returning a `CompletionStage` (Java workflow code), awaits
 * it. Every branch is a tail call, so a run suspended in its run function or a handler keeps no frame of this; the
 * result of a `suspend` function returning `Unit` is then unspecified (see
 * [dev.temporalkt.reflection.internal.UserFunctionCaller.returnsUnit]), and every caller encodes results by the declared
 * type, which ignores the value for `Unit`.
 */
internal suspend fun WorkflowInstance.callUser(handler: HandlerDefinition, args: List<Any?>): Any? {
    val target = workflowObject
    val caller = handler.caller ?: return handler.invoker!!.call(target, args)
    return when {
        handler.isSuspend && handler.returnsStage -> callSuspendAndAwait(caller, target, args)
        handler.isSuspend -> caller.callSuspend(target, args)
        else -> awaitStage(caller.call(target, args))
    }
}

/** A `suspend` function returning a `CompletionStage`: awaiting the stage after the call takes a frame. */
private suspend fun callSuspendAndAwait(caller: UserFunctionCaller, target: Any, args: List<Any?>): Any? =
    awaitStage(caller.callSuspend(target, args))

private suspend fun awaitStage(result: Any?): Any? = if (result is CompletionStage<*>) result.await() else result

/**
 * Calls a handler that must not change state or suspend (a query or an update validator). A `suspend` handler is
 * started without a dispatcher; if it suspends, the call fails with an explanation.
 */
internal fun WorkflowInstance.callReadOnly(what: String, handler: HandlerDefinition, args: List<Any?>): Any? {
    val target = workflowObject
    val caller = handler.caller ?: return handler.invoker!!.callReadOnly(target, args)
    if (!handler.isSuspend) return caller.call(target, args)
    val block: suspend () -> Any? = { callUser(handler, args) }
    val abandoned = Job()
    val outcome = block.startCoroutineUninterceptedOrReturn(Continuation(dispatcher + abandoned) {})
    if (outcome === COROUTINE_SUSPENDED) {
        abandoned.cancel()
        throw IllegalStateException(
            "The $what suspended. Queries and update validators are read-only and must answer at once from " +
                "workflow state: do not call delay, Workflow.waitCondition, activities, Mutex.lock or other " +
                "suspending functions in them.",
        )
    }
    return outcome
}

/** Calls [block], which calls user code by reflection, throwing what the user code threw. */
internal inline fun <T> invokeUser(block: () -> T): T = try {
    block()
} catch (e: InvocationTargetException) {
    throw e.targetException ?: e
}

/** What user code threw, for an exception that wraps it. */
internal fun unwrapInvocation(e: Throwable): Throwable = if (e is InvocationTargetException) e.targetException ?: e else e

/**
 * The arguments of [handler] (named [name] for a dynamic handler) decoded from [input].
 *
 * More arguments than the handler has parameters are refused, never ignored, with an [ApplicationFailure] of type
 * `WrongArgumentCount` naming the handler, its parameter count and the count received; what follows is what any
 * argument that cannot be decoded leads to for that kind of call (the Python SDK refuses such calls too):
 *  - the run function: the workflow fails;
 *  - a query: the query fails with that message (the workflow goes on);
 *  - an update: the update is rejected with it (before it is accepted, so it leaves no trace in the history);
 *  - a signal: it is dropped, with a warning in the worker's log (a signal has no caller to answer).
 * Dynamic handlers take whatever arrives.
 */
internal fun WorkflowInstance.decodeArguments(input: Payloads, handler: HandlerDefinition, name: String?): List<Any?> = when {
    handler.isDynamic && name != null -> listOf(name, rawValueList(input))
    handler === definition.run && definition.dynamic -> listOf(rawValueList(input))
    else -> {
        val expected = handler.parameterTypes.size
        if (input.payloadsCount > expected) {
            val what = when {
                handler === definition.run -> "Workflow '${definition.name}'"
                else -> "Handler '${handler.name}' of workflow '${definition.name}'"
            }
            throw ApplicationFailure(
                "$what takes $expected argument${if (expected == 1) "" else "s"} but was called with ${input.payloadsCount}; " +
                    "call it with arguments matching its parameters",
                type = "WrongArgumentCount",
                nonRetryable = true,
            )
        }
        payloadConverter.fromPayloads(input, handler.parameterTypes)
    }
}

/** Decodes an activity or child workflow result; `Unit` results are `Unit` whatever was sent. */
internal fun WorkflowInstance.decodeResult(payload: Payload?, type: KType): Any? = when {
    type.isUnit() -> Unit
    payload == null -> null
    else -> payloadConverter.fromPayload(payload, type)
}

/** Encodes a result of user code by its declared [type]; a `Unit` result is encoded as null. */
internal fun WorkflowInstance.encodeResult(value: Any?, type: KType): Payload =
    if (type.isUnit()) payloadConverter.toPayload(null, PlainKType.ANY) else payloadConverter.toPayload(value, type)

/**
 * Whether this is Kotlin's `Unit`, compared by Java class: `Unit::class` would make the standard library create a
 * `KClass` through kotlin-reflect, which the types of Java workflows never need.
 */
internal fun KType.isUnit(): Boolean =
    ((this as? PlainKType)?.javaClass ?: (classifier as? KClass<*>)?.java) == Unit::class.java

/** [text] (a summary, the stack trace query's answer) as a payload, through the converter's Java entry point. */
internal fun WorkflowInstance.stringPayload(text: String): Payload = payloadConverter.toPayload(text, String::class.java as Type)

/** [failure] as the exception it describes, with the run's converters. */
internal fun WorkflowInstance.toException(failure: Failure): Throwable = failureConverter.toException(failure, payloadConverter)

/** [e] as a failure, with the run's converters. */
internal fun WorkflowInstance.toFailure(e: Throwable): Failure = failureConverter.toFailure(e, payloadConverter)

/** [input]'s payloads as raw values, decoded later with the run's payload converter. */
internal fun WorkflowInstance.rawValueList(input: Payloads): List<RawValue> = input.payloadsList.map { RawValue(it, payloadConverter) }
