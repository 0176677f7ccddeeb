@file:JvmName("TypedWorkflowCalls")

package dev.temporalkt.client.typed

import dev.temporalkt.reflection.internal.FunctionReferences
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.query
import dev.temporalkt.workflow.WorkflowNames
import kotlin.reflect.KFunction
import kotlin.reflect.KSuspendFunction1
import kotlin.reflect.KSuspendFunction2
import kotlin.reflect.KSuspendFunction3
import kotlin.reflect.KSuspendFunction4
import kotlin.reflect.KType

/*
 * Type-safe client calls: workflows, signals, queries and updates named by references to their annotated
 * functions (`OrderWorkflow::run`, `OrderWorkflow::approve`), so names, argument types and result types come from
 * the workflow class itself.
 *
 * ```kotlin
 * val handle = client.startWorkflow(OrderWorkflow::run, order, options = WorkflowOptions(id = "o-1", taskQueue = "orders"))
 * handle.signal(OrderWorkflow::approve, "alice")
 * val status: String = handle.query(OrderWorkflow::status)
 * val receipt: Receipt = handle.result()
 * ```
 */

/** Starts the workflow whose run function is [run] (no arguments). */
public suspend fun <W, R> Client.startWorkflow(run: KSuspendFunction1<W, R>, options: WorkflowOptions): WorkflowHandle<R> =
    startTyped(run, emptyList(), options)

/** Starts the workflow whose run function is [run] with [arg1]. */
public suspend fun <W, A1, R> Client.startWorkflow(run: KSuspendFunction2<W, A1, R>, arg1: A1, options: WorkflowOptions): WorkflowHandle<R> =
    startTyped(run, listOf(arg1), options)

/** Starts the workflow whose run function is [run] with [arg1] and [arg2]. */
public suspend fun <W, A1, A2, R> Client.startWorkflow(
    run: KSuspendFunction3<W, A1, A2, R>,
    arg1: A1,
    arg2: A2,
    options: WorkflowOptions,
): WorkflowHandle<R> = startTyped(run, listOf(arg1, arg2), options)

/** Starts the workflow whose run function is [run] with [arg1], [arg2] and [arg3]. */
public suspend fun <W, A1, A2, A3, R> Client.startWorkflow(
    run: KSuspendFunction4<W, A1, A2, A3, R>,
    arg1: A1,
    arg2: A2,
    arg3: A3,
    options: WorkflowOptions,
): WorkflowHandle<R> = startTyped(run, listOf(arg1, arg2, arg3), options)

/** Runs the workflow whose run function is [run] (no arguments) and returns its result. */
public suspend fun <W, R> Client.executeWorkflow(run: KSuspendFunction1<W, R>, options: WorkflowOptions): R =
    startWorkflow(run, options).result()

/** Runs the workflow whose run function is [run] with [arg1] and returns its result. */
public suspend fun <W, A1, R> Client.executeWorkflow(run: KSuspendFunction2<W, A1, R>, arg1: A1, options: WorkflowOptions): R =
    startWorkflow(run, arg1, options).result()

/** Runs the workflow whose run function is [run] with [arg1] and [arg2] and returns its result. */
public suspend fun <W, A1, A2, R> Client.executeWorkflow(
    run: KSuspendFunction3<W, A1, A2, R>,
    arg1: A1,
    arg2: A2,
    options: WorkflowOptions,
): R = startWorkflow(run, arg1, arg2, options).result()

/** Sends the signal handled by [signal] (a `@Signal` function of the workflow class) with [args]. */
public suspend fun WorkflowHandle<*>.signal(signal: KFunction<*>, vararg args: Any?) {
    signal(WorkflowNames.of(signal), args.toList(), argumentTypes(signal, args.toList()))
}

/** Queries the workflow with the `@Query` function [query] and [args]; the answer has the function's return type. */
@Suppress("UNCHECKED_CAST")
public suspend fun <R> WorkflowHandle<*>.query(query: KFunction<R>, vararg args: Any?): R =
    query(WorkflowNames.of(query), args.toList(), FunctionReferences.of(query).returnType, argumentTypes(query, args.toList())) as R

/** Runs the `@Update` function [update] with [args], waits for it to complete and returns its result. */
@Suppress("UNCHECKED_CAST")
public suspend fun <R> WorkflowHandle<*>.executeUpdate(update: KFunction<R>, vararg args: Any?): R =
    executeUpdate(WorkflowNames.of(update), args.toList(), FunctionReferences.of(update).returnType, argumentTypes(update, args.toList())) as R

private suspend fun <R> Client.startTyped(run: KFunction<R>, args: List<Any?>, options: WorkflowOptions): WorkflowHandle<R> =
    startWorkflow(WorkflowNames.of(run), args, FunctionReferences.of(run).returnType, options, argumentTypes(run, args))

/**
 * The declared types of [function]'s value parameters, checked against the number of [args] given; read once per
 * reference without kotlin-reflect ([FunctionReferences]).
 */
private fun argumentTypes(function: KFunction<*>, args: List<Any?>): List<KType> {
    val read = FunctionReferences.of(function)
    val types = read.parameterTypes
    require(types.size == args.size) {
        "'${function.name}' takes ${types.size} argument(s) (" +
            read.parameterNames.zip(types).joinToString { (name, type) -> "$name: $type" } + ") but ${args.size} were given"
    }
    return types
}
