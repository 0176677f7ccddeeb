package dev.temporalkt.java.client

import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.QueryRejectCondition
import dev.temporalkt.client.WorkflowHistory
import dev.temporalkt.client.WorkflowUpdateStage
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.java.common.TypeRef
import dev.temporalkt.java.function.*
import dev.temporalkt.java.internal.Conversions
import dev.temporalkt.java.internal.Futures
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.internal.WorkflowMethodKind
import dev.temporalkt.java.internal.WorkflowMethods
import dev.temporalkt.java.internal.javaTypeOf
import java.io.Serializable
import java.lang.reflect.Type
import java.util.concurrent.CompletableFuture
import java.util.stream.Stream
import dev.temporalkt.client.WorkflowHandle as KotlinWorkflowHandle

/**
 * A handle to a workflow execution (or to the latest run of a workflow id) whose result is an [R]: to wait for the
 * result, describe it, signal, query and update it, cancel or terminate it, and fetch its history. Every call
 * returns a [CompletableFuture] that completes with the outcome; server errors complete it exceptionally with
 * [dev.temporalkt.failure.RpcException] (`NOT_FOUND` for an unknown workflow).
 *
 * Handles from [TemporalClient.startWorkflow] target the latest run for signals, queries, updates and describe, but
 * wait for the result starting from the started run and guard cancel and terminate with [firstExecutionRunId], so
 * they never touch another workflow that reuses the id.
 *
 * Signals, queries and updates are named either by a reference to their annotated method (`@Signal`, `@Query`,
 * `@Update` of `dev.temporalkt.workflow`), which also gives the argument and result types, or by name:
 *
 * ```java
 * WorkflowHandle<Receipt> handle = client.startWorkflow(OrderWorkflow::run, order, options).join();
 * handle.signal(OrderWorkflow::approve, "alice").join();
 * String status = handle.query(OrderWorkflow::status).join();
 * int count = handle.executeUpdate(OrderWorkflow::addItem, item).join();
 * handle.signal("approve", "bob").join();
 * Receipt receipt = handle.getResult().join();
 * ```
 */
public class WorkflowHandle<R> internal constructor(
    /** The handle of the Kotlin client this handle wraps. */
    internal val kotlin: KotlinWorkflowHandle<R>,
    internal val dataConverter: DataConverter,
) {
    /** The workflow id. */
    public val workflowId: String get() = kotlin.id

    /** The run that signals, queries, updates and describe target; `null` = the latest run. */
    public val runId: String? get() = kotlin.runId

    /** The run [getResult] starts waiting from; `null` = the latest run. */
    public val resultRunId: String? get() = kotlin.resultRunId

    /** The first run of the chain, which guards cancel and terminate; `null` = no guard. */
    public val firstExecutionRunId: String? get() = kotlin.firstExecutionRunId

    /** The type the result decodes to. */
    public val resultType: Type get() = javaTypeOf(kotlin.resultType)

    /**
     * Whether the start was eager: [WorkflowOptions.isRequestEagerStart] was set and the server handed the first
     * workflow task straight to a worker of this process. `false` for handles not obtained by starting a workflow.
     */
    public val isStartedEagerly: Boolean get() = kotlin.startedEagerly

    /**
     * Waits for the workflow to close and completes with its result, following runs that continued as new, were
     * retried or are cron runs to the run that produced the final outcome.
     *
     * A failed workflow completes the future with [dev.temporalkt.failure.WorkflowFailedException] whose cause is
     * [dev.temporalkt.failure.ApplicationFailure] for a failure, [dev.temporalkt.failure.CanceledFailure] for a
     * cancellation, [dev.temporalkt.failure.TerminatedFailure] for a termination and
     * [dev.temporalkt.failure.TimeoutFailure] for a timeout (`join()` wraps it in a
     * `java.util.concurrent.CompletionException`, `get()` in an `ExecutionException`).
     */
    public fun getResult(): CompletableFuture<R> = Futures.run { kotlin.result(true) }

    /**
     * [getResult], following runs only with [followRuns]: without, a run that continued as new completes the future
     * with [dev.temporalkt.client.WorkflowContinuedAsNewException] naming the new run.
     */
    public fun getResult(followRuns: Boolean): CompletableFuture<R> = Futures.run { kotlin.result(followRuns) }

    /** Describes the run: status, times, history length, memo, search attributes, parent, pending work. */
    public fun describe(): CompletableFuture<WorkflowExecutionDescription> =
        Futures.run { WorkflowExecutionDescription(kotlin.describe(), dataConverter) }

    // ---- signals ----------------------------------------------------------------------------------------

    /**
     * Sends the signal [signalName] with [args], each converted by its runtime class.
     *
     * ```java
     * handle.signal("approve", "alice").join();
     * ```
     */
    public fun signal(signalName: String, vararg args: Any?): CompletableFuture<Void> {
        val values = Conversions.args(args)
        return Futures.runVoid { kotlin.signal(signalName, values, Conversions.runtimeTypes(values)) }
    }

    /** Sends the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`), converted with the method's parameter types. */
    public fun <W> signal(signal: Proc1<W>): CompletableFuture<Void> =
        signalTyped(signal, emptyList())

    /** Sends the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) with [arg1], converted with the method's parameter types. */
    public fun <W, A1> signal(signal: Proc2<W, A1>, arg1: A1): CompletableFuture<Void> =
        signalTyped(signal, listOf(arg1))

    /** Sends the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) with [arg1], [arg2], converted with the method's parameter types. */
    public fun <W, A1, A2> signal(signal: Proc3<W, A1, A2>, arg1: A1, arg2: A2): CompletableFuture<Void> =
        signalTyped(signal, listOf(arg1, arg2))

    /** Sends the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) with [arg1], [arg2], [arg3], converted with the method's parameter types. */
    public fun <W, A1, A2, A3> signal(signal: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<Void> =
        signalTyped(signal, listOf(arg1, arg2, arg3))

    /** Sends the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) with [arg1], [arg2], [arg3], [arg4], converted with the method's parameter types. */
    public fun <W, A1, A2, A3, A4> signal(signal: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<Void> =
        signalTyped(signal, listOf(arg1, arg2, arg3, arg4))

    /** Sends the signal handled by the `@Signal` method [signal] (such as `OrderWorkflow::approve`) with [arg1], [arg2], [arg3], [arg4], [arg5], converted with the method's parameter types. */
    public fun <W, A1, A2, A3, A4, A5> signal(signal: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<Void> =
        signalTyped(signal, listOf(arg1, arg2, arg3, arg4, arg5))

    private fun signalTyped(reference: Serializable, args: List<Any?>): CompletableFuture<Void> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.SIGNAL)
        val types = method.argTypesFor(args)
        return Futures.runVoid { kotlin.signal(method.name, args, types) }
    }

    // ---- queries ----------------------------------------------------------------------------------------

    /**
     * Queries the workflow with [queryType] and [args] (converted by their runtime class) and decodes the answer as
     * [resultClass]. A query the workflow fails or does not know completes the future with
     * [dev.temporalkt.failure.WorkflowQueryFailedException].
     *
     * ```java
     * String status = handle.query("status", String.class).join();
     * ```
     */
    public fun <T> query(queryType: String, resultClass: Class<T>, vararg args: Any?): CompletableFuture<T> =
        queryByName(queryType, resultClass, null, Conversions.args(args))

    /** [query] with a generic result type, such as `new TypeRef<List<Order>>() {}`. */
    public fun <T> query(queryType: String, resultType: TypeRef<T>, vararg args: Any?): CompletableFuture<T> =
        queryByName(queryType, resultType.type, null, Conversions.args(args))

    /** [query] with the result's `java.lang.reflect.Type`. */
    public fun <T> query(queryType: String, resultType: Type, vararg args: Any?): CompletableFuture<T> =
        queryByName(queryType, resultType, null, Conversions.args(args))

    /**
     * [query] that the server refuses, completing the future with
     * [dev.temporalkt.failure.WorkflowQueryRejectedException], when [rejectCondition] matches the execution's status.
     */
    public fun <T> query(
        queryType: String,
        resultClass: Class<T>,
        rejectCondition: QueryRejectCondition,
        vararg args: Any?,
    ): CompletableFuture<T> = queryByName(queryType, resultClass, rejectCondition, Conversions.args(args))

    /** [query] with a generic result type and a [rejectCondition]. */
    public fun <T> query(
        queryType: String,
        resultType: TypeRef<T>,
        rejectCondition: QueryRejectCondition,
        vararg args: Any?,
    ): CompletableFuture<T> = queryByName(queryType, resultType.type, rejectCondition, Conversions.args(args))

    /** [query] with the result's `java.lang.reflect.Type` and a [rejectCondition]. */
    public fun <T> query(
        queryType: String,
        resultType: Type,
        rejectCondition: QueryRejectCondition,
        vararg args: Any?,
    ): CompletableFuture<T> = queryByName(queryType, resultType, rejectCondition, Conversions.args(args))

    @Suppress("UNCHECKED_CAST")
    private fun <T> queryByName(name: String, type: Type, rejectCondition: QueryRejectCondition?, args: List<Any?>): CompletableFuture<T> =
        Futures.run {
            kotlin.query(name, args, JavaKType.of(type), Conversions.runtimeTypes(args), rejectCondition) as T
        }

    /** Queries the workflow with the `@Query` method [query] (such as `OrderWorkflow::status`); the answer has the method's return type. */
    public fun <W, R> query(query: Func1<W, R>): CompletableFuture<R> = queryTyped(query, emptyList())

    /** Queries the workflow with the `@Query` method [query] (such as `OrderWorkflow::status`) and [arg1]; the answer has the method's return type. */
    public fun <W, A1, R> query(query: Func2<W, A1, R>, arg1: A1): CompletableFuture<R> = queryTyped(query, listOf(arg1))

    /** Queries the workflow with the `@Query` method [query] (such as `OrderWorkflow::status`) and [arg1], [arg2]; the answer has the method's return type. */
    public fun <W, A1, A2, R> query(query: Func3<W, A1, A2, R>, arg1: A1, arg2: A2): CompletableFuture<R> = queryTyped(query, listOf(arg1, arg2))

    /** Queries the workflow with the `@Query` method [query] (such as `OrderWorkflow::status`) and [arg1], [arg2], [arg3]; the answer has the method's return type. */
    public fun <W, A1, A2, A3, R> query(query: Func4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<R> = queryTyped(query, listOf(arg1, arg2, arg3))

    /** Queries the workflow with the `@Query` method [query] (such as `OrderWorkflow::status`) and [arg1], [arg2], [arg3], [arg4]; the answer has the method's return type. */
    public fun <W, A1, A2, A3, A4, R> query(query: Func5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<R> = queryTyped(query, listOf(arg1, arg2, arg3, arg4))

    /** Queries the workflow with the `@Query` method [query] (such as `OrderWorkflow::status`) and [arg1], [arg2], [arg3], [arg4], [arg5]; the answer has the method's return type. */
    public fun <W, A1, A2, A3, A4, A5, R> query(query: Func6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<R> = queryTyped(query, listOf(arg1, arg2, arg3, arg4, arg5))

    @Suppress("UNCHECKED_CAST")
    private fun <T> queryTyped(reference: Serializable, args: List<Any?>): CompletableFuture<T> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.QUERY)
        val types = method.argTypesFor(args)
        return Futures.run { kotlin.query(method.name, args, JavaKType.of(method.resultType), types, null) as T }
    }

    // ---- updates ----------------------------------------------------------------------------------------

    /**
     * Sends the update [updateName] with [args] (converted by their runtime class) and completes once it reached
     * [UpdateOptions.waitForStage], with a handle to wait for its result (decoded as [resultClass]). An update
     * rejected by the workflow's validator completes the handle's result with
     * [dev.temporalkt.failure.WorkflowUpdateFailedException].
     *
     * ```java
     * WorkflowUpdateHandle<Integer> update = handle.startUpdate("addItem", Integer.class, UpdateOptions.defaults(), item).join();
     * int count = update.getResult().join();
     * ```
     */
    public fun <T> startUpdate(
        updateName: String,
        resultClass: Class<T>,
        options: UpdateOptions,
        vararg args: Any?,
    ): CompletableFuture<WorkflowUpdateHandle<T>> = startUpdateByName(updateName, resultClass, options, Conversions.args(args))

    /** [startUpdate] with a generic result type. */
    public fun <T> startUpdate(
        updateName: String,
        resultType: TypeRef<T>,
        options: UpdateOptions,
        vararg args: Any?,
    ): CompletableFuture<WorkflowUpdateHandle<T>> = startUpdateByName(updateName, resultType.type, options, Conversions.args(args))

    /** [startUpdate] with the result's `java.lang.reflect.Type`. */
    public fun <T> startUpdate(
        updateName: String,
        resultType: Type,
        options: UpdateOptions,
        vararg args: Any?,
    ): CompletableFuture<WorkflowUpdateHandle<T>> = startUpdateByName(updateName, resultType, options, Conversions.args(args))

    private fun <T> startUpdateByName(name: String, type: Type, options: UpdateOptions, args: List<Any?>): CompletableFuture<WorkflowUpdateHandle<T>> =
        startUpdateWith(name, type, Conversions.runtimeTypes(args), args, options)

    @Suppress("UNCHECKED_CAST")
    private fun <T> startUpdateWith(
        name: String,
        type: Type,
        argTypes: List<kotlin.reflect.KType>,
        args: List<Any?>,
        options: UpdateOptions,
    ): CompletableFuture<WorkflowUpdateHandle<T>> {
        val updateId = options.updateIdOrRandom()
        return Futures.run {
            val update = kotlin.startUpdate(name, args, JavaKType.of(type), argTypes, options.waitForStage, updateId)
            WorkflowUpdateHandle(update as dev.temporalkt.client.WorkflowUpdateHandle<T>)
        }
    }

    /**
     * Sends the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) and
     * completes once it reached [UpdateOptions.waitForStage]; the result has the method's return type.
     */
    public fun <W, R> startUpdate(update: Func1<W, R>, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, emptyList(), options)

    /** [startUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, R> startUpdate(update: AsyncFunc1<W, R>, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, emptyList(), options)

    /** [startUpdate] for an `@Update` method that returns nothing. */
    public fun <W> startUpdate(update: Proc1<W>, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<Void>> =
        startUpdateTyped(update, emptyList(), options)

    /**
     * Sends the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1] and
     * completes once it reached [UpdateOptions.waitForStage]; the result has the method's return type.
     */
    public fun <W, A1, R> startUpdate(update: Func2<W, A1, R>, arg1: A1, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1), options)

    /** [startUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, R> startUpdate(update: AsyncFunc2<W, A1, R>, arg1: A1, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1), options)

    /** [startUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1> startUpdate(update: Proc2<W, A1>, arg1: A1, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<Void>> =
        startUpdateTyped(update, listOf(arg1), options)

    /**
     * Sends the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2] and
     * completes once it reached [UpdateOptions.waitForStage]; the result has the method's return type.
     */
    public fun <W, A1, A2, R> startUpdate(update: Func3<W, A1, A2, R>, arg1: A1, arg2: A2, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2), options)

    /** [startUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, R> startUpdate(update: AsyncFunc3<W, A1, A2, R>, arg1: A1, arg2: A2, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2), options)

    /** [startUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2> startUpdate(update: Proc3<W, A1, A2>, arg1: A1, arg2: A2, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<Void>> =
        startUpdateTyped(update, listOf(arg1, arg2), options)

    /**
     * Sends the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2], [arg3] and
     * completes once it reached [UpdateOptions.waitForStage]; the result has the method's return type.
     */
    public fun <W, A1, A2, A3, R> startUpdate(update: Func4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3), options)

    /** [startUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, R> startUpdate(update: AsyncFunc4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3), options)

    /** [startUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2, A3> startUpdate(update: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<Void>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3), options)

    /**
     * Sends the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2], [arg3], [arg4] and
     * completes once it reached [UpdateOptions.waitForStage]; the result has the method's return type.
     */
    public fun <W, A1, A2, A3, A4, R> startUpdate(update: Func5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3, arg4), options)

    /** [startUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, A4, R> startUpdate(update: AsyncFunc5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3, arg4), options)

    /** [startUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2, A3, A4> startUpdate(update: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<Void>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3, arg4), options)

    /**
     * Sends the update handled by the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2], [arg3], [arg4], [arg5] and
     * completes once it reached [UpdateOptions.waitForStage]; the result has the method's return type.
     */
    public fun <W, A1, A2, A3, A4, A5, R> startUpdate(update: Func6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [startUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, A4, A5, R> startUpdate(update: AsyncFunc6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<R>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [startUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2, A3, A4, A5> startUpdate(update: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<Void>> =
        startUpdateTyped(update, listOf(arg1, arg2, arg3, arg4, arg5), options)

    private fun <T> startUpdateTyped(reference: Serializable, args: List<Any?>, options: UpdateOptions): CompletableFuture<WorkflowUpdateHandle<T>> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.UPDATE)
        return startUpdateWith(method.name, method.resultType, method.argTypesFor(args), args, options)
    }

    /**
     * Sends the update [updateName] with [args] (converted by their runtime class), waits for it to complete and
     * completes with its result decoded as [resultClass]. A rejected or failed update completes the future with
     * [dev.temporalkt.failure.WorkflowUpdateFailedException] whose cause is the validator's or handler's failure.
     *
     * ```java
     * int count = handle.executeUpdate("addItem", Integer.class, item).join();
     * ```
     */
    public fun <T> executeUpdate(updateName: String, resultClass: Class<T>, vararg args: Any?): CompletableFuture<T> =
        executeUpdateByName(updateName, resultClass, COMPLETED, Conversions.args(args))

    /** [executeUpdate] with a generic result type. */
    public fun <T> executeUpdate(updateName: String, resultType: TypeRef<T>, vararg args: Any?): CompletableFuture<T> =
        executeUpdateByName(updateName, resultType.type, COMPLETED, Conversions.args(args))

    /** [executeUpdate] with the result's `java.lang.reflect.Type`. */
    public fun <T> executeUpdate(updateName: String, resultType: Type, vararg args: Any?): CompletableFuture<T> =
        executeUpdateByName(updateName, resultType, COMPLETED, Conversions.args(args))

    /** [executeUpdate] with the update id of [options] (its stage is ignored: the update is awaited to completion). */
    public fun <T> executeUpdate(updateName: String, resultClass: Class<T>, options: UpdateOptions, vararg args: Any?): CompletableFuture<T> =
        executeUpdateByName(updateName, resultClass, options, Conversions.args(args))

    /** [executeUpdate] with a generic result type and the update id of [options]. */
    public fun <T> executeUpdate(updateName: String, resultType: TypeRef<T>, options: UpdateOptions, vararg args: Any?): CompletableFuture<T> =
        executeUpdateByName(updateName, resultType.type, options, Conversions.args(args))

    /** [executeUpdate] with the result's `java.lang.reflect.Type` and the update id of [options]. */
    public fun <T> executeUpdate(updateName: String, resultType: Type, options: UpdateOptions, vararg args: Any?): CompletableFuture<T> =
        executeUpdateByName(updateName, resultType, options, Conversions.args(args))

    private fun <T> executeUpdateByName(name: String, type: Type, options: UpdateOptions, args: List<Any?>): CompletableFuture<T> =
        executeUpdateWith(name, type, Conversions.runtimeTypes(args), args, options)

    @Suppress("UNCHECKED_CAST")
    private fun <T> executeUpdateWith(
        name: String,
        type: Type,
        argTypes: List<kotlin.reflect.KType>,
        args: List<Any?>,
        options: UpdateOptions,
    ): CompletableFuture<T> {
        val updateId = options.updateIdOrRandom()
        return Futures.run { kotlin.executeUpdate(name, args, JavaKType.of(type), argTypes, updateId) as T }
    }

    /**
     * Runs the `@Update` method [update] (such as `OrderWorkflow::addItem`), waits for it to complete
     * and completes with its result.
     */
    public fun <W, R> executeUpdate(update: Func1<W, R>): CompletableFuture<R> = executeUpdateTyped(update, emptyList())

    /** [executeUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, R> executeUpdate(update: AsyncFunc1<W, R>): CompletableFuture<R> = executeUpdateTyped(update, emptyList())

    /** [executeUpdate] for an `@Update` method that returns nothing. */
    public fun <W> executeUpdate(update: Proc1<W>): CompletableFuture<Void> = executeUpdateTyped(update, emptyList())

    /**
     * Runs the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], waits for it to complete
     * and completes with its result.
     */
    public fun <W, A1, R> executeUpdate(update: Func2<W, A1, R>, arg1: A1): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1))

    /** [executeUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, R> executeUpdate(update: AsyncFunc2<W, A1, R>, arg1: A1): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1))

    /** [executeUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1> executeUpdate(update: Proc2<W, A1>, arg1: A1): CompletableFuture<Void> = executeUpdateTyped(update, listOf(arg1))

    /**
     * Runs the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2], waits for it to complete
     * and completes with its result.
     */
    public fun <W, A1, A2, R> executeUpdate(update: Func3<W, A1, A2, R>, arg1: A1, arg2: A2): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2))

    /** [executeUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, R> executeUpdate(update: AsyncFunc3<W, A1, A2, R>, arg1: A1, arg2: A2): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2))

    /** [executeUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2> executeUpdate(update: Proc3<W, A1, A2>, arg1: A1, arg2: A2): CompletableFuture<Void> = executeUpdateTyped(update, listOf(arg1, arg2))

    /**
     * Runs the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2], [arg3], waits for it to complete
     * and completes with its result.
     */
    public fun <W, A1, A2, A3, R> executeUpdate(update: Func4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2, arg3))

    /** [executeUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, R> executeUpdate(update: AsyncFunc4<W, A1, A2, A3, R>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2, arg3))

    /** [executeUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2, A3> executeUpdate(update: Proc4<W, A1, A2, A3>, arg1: A1, arg2: A2, arg3: A3): CompletableFuture<Void> = executeUpdateTyped(update, listOf(arg1, arg2, arg3))

    /**
     * Runs the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2], [arg3], [arg4], waits for it to complete
     * and completes with its result.
     */
    public fun <W, A1, A2, A3, A4, R> executeUpdate(update: Func5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2, arg3, arg4))

    /** [executeUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, A4, R> executeUpdate(update: AsyncFunc5<W, A1, A2, A3, A4, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2, arg3, arg4))

    /** [executeUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2, A3, A4> executeUpdate(update: Proc5<W, A1, A2, A3, A4>, arg1: A1, arg2: A2, arg3: A3, arg4: A4): CompletableFuture<Void> = executeUpdateTyped(update, listOf(arg1, arg2, arg3, arg4))

    /**
     * Runs the `@Update` method [update] (such as `OrderWorkflow::addItem`) with [arg1], [arg2], [arg3], [arg4], [arg5], waits for it to complete
     * and completes with its result.
     */
    public fun <W, A1, A2, A3, A4, A5, R> executeUpdate(update: Func6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2, arg3, arg4, arg5))

    /** [executeUpdate] for an `@Update` method that returns a future: the result is the future's value. */
    public fun <W, A1, A2, A3, A4, A5, R> executeUpdate(update: AsyncFunc6<W, A1, A2, A3, A4, A5, R>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<R> = executeUpdateTyped(update, listOf(arg1, arg2, arg3, arg4, arg5))

    /** [executeUpdate] for an `@Update` method that returns nothing. */
    public fun <W, A1, A2, A3, A4, A5> executeUpdate(update: Proc6<W, A1, A2, A3, A4, A5>, arg1: A1, arg2: A2, arg3: A3, arg4: A4, arg5: A5): CompletableFuture<Void> = executeUpdateTyped(update, listOf(arg1, arg2, arg3, arg4, arg5))

    private fun <T> executeUpdateTyped(reference: Serializable, args: List<Any?>): CompletableFuture<T> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.UPDATE)
        return executeUpdateWith(method.name, method.resultType, method.argTypesFor(args), args, COMPLETED)
    }

    /** A handle to the update [updateId] of this workflow whose result decodes as [resultClass]. */
    public fun <T> getUpdateHandle(updateId: String, resultClass: Class<T>): WorkflowUpdateHandle<T> =
        WorkflowUpdateHandle(kotlin.getUpdateHandle(updateId, JavaKType.of(resultClass)))

    /** A handle to the update [updateId] of this workflow with a generic result type. */
    public fun <T> getUpdateHandle(updateId: String, resultType: TypeRef<T>): WorkflowUpdateHandle<T> =
        WorkflowUpdateHandle(kotlin.getUpdateHandle(updateId, JavaKType.of(resultType.type)))

    /** A handle to the update [updateId] of this workflow whose result decodes as [resultType]. */
    public fun <T> getUpdateHandle(updateId: String, resultType: Type): WorkflowUpdateHandle<T> =
        WorkflowUpdateHandle(kotlin.getUpdateHandle(updateId, JavaKType.of(resultType)))

    // ---- cancel, terminate, history ---------------------------------------------------------------------

    /** Requests cancellation; the workflow decides how to react. Completes once the request is recorded. */
    public fun cancel(): CompletableFuture<Void> = Futures.runVoid { kotlin.cancel("") }

    /** Requests cancellation, recording [reason]. */
    public fun cancel(reason: String): CompletableFuture<Void> = Futures.runVoid { kotlin.cancel(reason) }

    /** Terminates the workflow at once; no workflow code runs. */
    public fun terminate(): CompletableFuture<Void> = Futures.runVoid { kotlin.terminate("", FailureDetails.EMPTY) }

    /** Terminates the workflow at once, recording [reason]. */
    public fun terminate(reason: String): CompletableFuture<Void> = Futures.runVoid { kotlin.terminate(reason, FailureDetails.EMPTY) }

    /** Terminates the workflow at once, recording [reason] and [details] (e.g. `FailureDetails.of(value)`). */
    public fun terminate(reason: String, details: FailureDetails): CompletableFuture<Void> =
        Futures.runVoid { kotlin.terminate(reason, details) }

    /** The run's whole current history (all pages). */
    public fun fetchHistory(): CompletableFuture<WorkflowHistory> = Futures.run { kotlin.fetchHistory() }

    /**
     * The run's whole current history as the JSON the Temporal CLI (`temporal workflow show --output json`) and the
     * Web UI's download produce, which `dev.temporalkt.client.WorkflowHistory.fromJson` and the replayer read.
     */
    public fun fetchHistoryJson(): CompletableFuture<String> = Futures.run { kotlin.fetchHistory().toJson(false) }

    /**
     * The run's history events as a stream that fetches pages while it is consumed, blocking the consuming thread
     * meanwhile; close it (try-with-resources) to stop early.
     *
     * ```java
     * try (Stream<HistoryEvent> events = handle.streamHistoryEvents()) {
     *     List<EventType> types = events.map(HistoryEvent::getEventType).toList();
     * }
     * ```
     */
    public fun streamHistoryEvents(): Stream<HistoryEvent> = Futures.stream(kotlin.fetchHistoryEvents(0, false))

    /**
     * [streamHistoryEvents] that, with [waitNewEvent], keeps long-polling for new events and ends with the close
     * event.
     */
    public fun streamHistoryEvents(waitNewEvent: Boolean): Stream<HistoryEvent> =
        Futures.stream(kotlin.fetchHistoryEvents(0, waitNewEvent))

    override fun toString(): String = "WorkflowHandle(workflowId=$workflowId, runId=$runId, resultRunId=$resultRunId)"

    private companion object {
        val COMPLETED: UpdateOptions = UpdateOptions.waitFor(WorkflowUpdateStage.COMPLETED)
    }
}
