@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.activity.ActivityNames
import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.reflection.internal.FunctionReferences
import dev.temporalkt.common.SearchAttributeUpdate
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.metrics.MetricMeter
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.Logger
import java.time.Instant
import java.util.UUID
import kotlin.random.Random
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import kotlin.time.Duration

/**
 * Marks a class as a Temporal workflow, and (through its companion) gives workflow code access to the run:
 * time, randomness, conditions, activities, handlers, patches and continue-as-new.
 *
 * A workflow class has one `suspend` function annotated [WorkflowRun], optional [Signal], [Query] and
 * [Update] handlers, and a constructor without parameters (or one annotated [WorkflowInit]). A new object is
 * created for every run. Its code runs on the run's deterministic dispatcher: use `delay`, `withTimeout`,
 * `coroutineScope { async { } }`, `Mutex` and the functions below, never threads, blocking calls, the wall
 * clock or `Dispatchers.IO`.
 *
 * ```kotlin
 * @Workflow
 * class OrderWorkflow {
 *     private var approved = false
 *
 *     @WorkflowRun
 *     suspend fun run(order: Order): Receipt {
 *         if (!Workflow.waitCondition(24.hours) { approved }) throw ApplicationFailure.nonRetryable("not approved", "Timeout")
 *         return Workflow.executeActivity(
 *             PaymentActivities::charge, order,
 *             options = ActivityOptions(startToCloseTimeout = 30.seconds),
 *         )
 *     }
 *
 *     @Signal
 *     fun approve() { approved = true }
 * }
 * ```
 *
 * An [dev.temporalkt.failure.ApplicationFailure] (any Temporal failure, or an instance of one of
 * [failureExceptionTypes]) thrown by the run function fails the workflow execution. Any other exception
 * fails only the workflow task, which is retried, so deploying a fix resumes the run where it stopped.
 *
 * ## kotlinx.coroutines in workflow code
 *
 * The dispatcher is deterministic, so the usual building blocks replay as they ran: `launch`, `async`,
 * `coroutineScope`, `supervisorScope`, `Mutex`, `Channel`, `Flow` operators without time, `CompletableDeferred`,
 * `yield`, and `select { }` (the first ready clause in the order the clauses are listed wins). Everything that waits
 * for time waits on durable timers, and each timer is a StartTimer command in history (and a CancelTimer when it is
 * cancelled before it fires): `delay`, `withTimeout` and `withTimeoutOrNull`, `select { onTimeout(d) { } }`, and the
 * `Flow` operators `debounce`, `sample` and `timeout`. `debounce` starts and cancels a timer for every element, which
 * can grow a history fast; prefer [waitCondition] with a timeout. `selectUnbiased` picks among ready clauses with an
 * unseeded random generator, so a replay could pick differently: a workflow class whose code uses it is refused when
 * it is registered (the check reads the class and the classes compiled from its bodies, not helpers in other classes).
 *
 * A run is torn down when it leaves the worker's memory (evicted from the cache, its task failed, the worker
 * stopping): its coroutines then resume with [WorkflowEvictedError], which `catch (e: Exception)` does not catch; see
 * there.
 *
 * @property name the workflow type name; empty means the class's simple name.
 * @property description shown by tooling that lists workflows.
 * @property dynamic whether this workflow runs for every workflow type without a definition of its own; its
 *   run function takes `(args: List<RawValue>)` and [Workflow.info] tells the type.
 * @property failureExceptionTypes exception types that fail the execution instead of the task.
 * @property versioningBehavior how runs of this workflow move between worker deployment versions when the worker opts
 *   into versioning ([dev.temporalkt.worker.WorkerDeploymentOptions]): [VersioningBehavior.PINNED] runs stay on the
 *   version that started them, [VersioningBehavior.AUTO_UPGRADE] runs move to the current version;
 *   [VersioningBehavior.UNSPECIFIED] takes the worker's default. A dynamic workflow may choose per run with
 *   [Workflow.setVersioningBehavior].
 */
@Target(AnnotationTarget.CLASS)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Workflow(
    val name: String = "",
    val description: String = "",
    val dynamic: Boolean = false,
    val failureExceptionTypes: Array<KClass<out Throwable>> = [],
    val versioningBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
) {
    /**
     * The API of workflow code. Every function must be called from workflow code on the run's dispatcher;
     * called anywhere else (another dispatcher, another thread) it throws [IllegalStateException] saying so.
     */
    @OptIn(InternalTemporalApi::class)
    public companion object {
        private fun current(api: String): WorkflowContext = CurrentWorkflow.get(api)

        /** Workflow time: the time of the current workflow task from history; never the wall clock. */
        public fun now(): Instant = current("Workflow.now()").now

        /** [now] in milliseconds since the epoch. */
        public fun currentTimeMillis(): Long = current("Workflow.currentTimeMillis()").now.toEpochMilli()

        /**
         * The run's deterministic random generator, seeded from history (and re-seeded if the run is reset).
         * Use it instead of `kotlin.random.Random.Default` or `java.util.Random`.
         *
         * ```kotlin
         * val jitter = Workflow.random().nextInt(0, 1000).milliseconds
         * ```
         */
        public fun random(): Random = current("Workflow.random()").random

        /** A random (version 4) UUID drawn from [random], so it is the same on replay. */
        public fun uuid4(): UUID = current("Workflow.uuid4()").uuid4()

        /** What the run knows about itself. */
        public fun info(): WorkflowInfo = current("Workflow.info()").info

        /**
         * Sets how this run moves between worker deployment versions, for the workflow tasks it completes from now on
         * (each completion states it to the server): for a dynamic workflow, which serves many workflow types, to
         * choose per run what `@Workflow(versioningBehavior = ...)` states for a whole class.
         * [VersioningBehavior.UNSPECIFIED] returns to the class's (or the worker's default). Only matters on a worker
         * that opts into versioning ([dev.temporalkt.worker.WorkerDeploymentOptions]).
         *
         * ```kotlin
         * @Workflow(dynamic = true)
         * class Router {
         *     @WorkflowRun
         *     suspend fun run(args: List<RawValue>): String {
         *         if (Workflow.info().workflowType.startsWith("LongRunning")) Workflow.setVersioningBehavior(VersioningBehavior.AUTO_UPGRADE)
         *         else Workflow.setVersioningBehavior(VersioningBehavior.PINNED)
         *         // ...
         *     }
         * }
         * ```
         */
        public fun setVersioningBehavior(behavior: VersioningBehavior): Unit =
            current("Workflow.setVersioningBehavior").setVersioningBehavior(behavior)

        /** Whether the current workflow task replays history already processed once; side effects should be skipped. */
        public fun isReplaying(): Boolean = current("Workflow.isReplaying()").isReplaying

        /**
         * The result of the previous run of a cron workflow (or the last successful run before a retry), still
         * encoded; `null` when there is none.
         *
         * ```kotlin
         * val previousCount = Workflow.lastCompletionResult()?.get<Int>() ?: 0
         * ```
         */
        public fun lastCompletionResult(): RawValue? = current("Workflow.lastCompletionResult()").lastCompletionResult()

        /** The failure of the previous attempt when this run is a retry, or `null`. */
        public fun lastFailure(): Throwable? = current("Workflow.lastFailure()").lastFailure()

        /** Number of events in history as of the current workflow task. */
        public fun historyLength(): Int = current("Workflow.historyLength()").historyLength

        /**
         * Size of the run's history in bytes as of the current workflow task, as the server counts it; it grows with
         * every event, payloads included. Next to [historyLength], it tells when to continue as new before the
         * server's history limits are reached.
         *
         * ```kotlin
         * if (Workflow.historySize() > 20_000_000 || Workflow.isContinueAsNewSuggested()) Workflow.continueAsNew(state)
         * ```
         */
        public fun historySize(): Long = current("Workflow.historySize()").historySizeBytes

        /** Whether the server suggests continuing as new because history grows large. */
        public fun isContinueAsNewSuggested(): Boolean = current("Workflow.isContinueAsNewSuggested()").continueAsNewSuggested

        /**
         * The run's current details: what the workflow says it is doing now, as last set by [setCurrentDetails];
         * empty until then.
         */
        public fun currentDetails(): String = current("Workflow.currentDetails()").currentDetails()

        /**
         * Sets the run's current details, a longer (possibly Markdown) text about what the workflow is doing now. It is
         * kept in the workflow, not in history: tooling reads it through the built-in `__temporal_workflow_metadata`
         * query (the Temporal UI shows it on the workflow's page), so it is set again when the run is replayed.
         *
         * ```kotlin
         * Workflow.setCurrentDetails("Waiting for the **payment** of order ${order.id}")
         * ```
         *
         * Query handlers and update validators are read-only: called from one, it throws (failing the query, or the
         * workflow task for a validator).
         */
        public fun setCurrentDetails(details: String) {
            current("Workflow.setCurrentDetails").setCurrentDetails(details)
        }

        /**
         * A logger that writes nothing while the run replays, with the run's workflow id, run id, type, task queue,
         * namespace and attempt in the SLF4J MDC (`temporalWorkflowId`, `temporalRunId`, `temporalWorkflowType`,
         * `temporalTaskQueue`, `temporalNamespace`, `temporalAttempt`) for each call. Calls through SLF4J's fluent
         * API (`Workflow.logger.atInfo().log(...)`) carry the same entries as key-value pairs too, and log nothing
         * while replaying either. The entries as a map: [WorkflowInfo.logContext].
         */
        public val logger: Logger get() = current("Workflow.logger").logger

        /**
         * The worker's [MetricMeter] ([dev.temporalkt.worker.WorkerOptions.metricMeter]) for custom metrics of the
         * workflow, with the attributes `namespace`, `task_queue` and `workflow_type`. Values recorded while the run
         * replays are dropped, so each is recorded once however often the run is replayed.
         *
         * ```kotlin
         * Workflow.metricMeter.counter("orders_approved").add(1, mapOf("channel" to order.channel))
         * ```
         */
        public val metricMeter: MetricMeter get() = current("Workflow.metricMeter").metricMeter

        /**
         * Suspends until [predicate] holds. The predicate is evaluated by the dispatcher each time all ready
         * coroutines have run, so it sees the effects of signals, updates and other coroutines; it must only
         * read workflow state.
         *
         * ```kotlin
         * Workflow.waitCondition { approved || rejected }
         * ```
         *
         * When [predicate] throws, `waitCondition` throws that exception in the waiting coroutine, as any suspending
         * call does. Caught, it is handled there; not caught, it ends the coroutine like any other exception: in the
         * run function an [dev.temporalkt.failure.ApplicationFailure] fails the run, and anything else fails the
         * workflow task (so a fixed worker can continue the run), which is what the Python SDK does for every predicate
         * that raises.
         */
        public suspend fun waitCondition(predicate: () -> Boolean) {
            current("Workflow.waitCondition").waitCondition(predicate)
        }

        /**
         * Like [waitCondition] with a durable timer of [timeout]: `true` when [predicate] held in time, `false`
         * when the timer fired first.
         */
        public suspend fun waitCondition(timeout: Duration, predicate: () -> Boolean): Boolean {
            val instance = current("Workflow.waitCondition")
            return withTimeoutOrNull(timeout) { instance.waitCondition(predicate); true } ?: false
        }

        /**
         * Suspends for [duration] on a durable timer, like `delay`, with a [summary] shown in the UI and history.
         *
         * ```kotlin
         * Workflow.sleep(3.days, summary = "grace period before deleting the account")
         * ```
         */
        public suspend fun sleep(duration: Duration, summary: String? = null) {
            current("Workflow.sleep").sleep(duration, summary)
        }

        /**
         * The results of [deferreds] in the order they complete, not the order given: the flow emits each deferred
         * once it has completed (so its `await()` returns at once, with its value or its exception), and ends after
         * the last one. Completion order is that of the workflow's history, so it is the same when the run is
         * replayed. The flow can be collected once; wrap the collection in `withTimeout` to stop waiting after a
         * while (on a durable timer).
         *
         * ```kotlin
         * coroutineScope {
         *     val quotes = suppliers.map { supplier ->
         *         async { Workflow.executeActivity(QuoteActivities::quote, supplier, options = options) }
         *     }
         *     // the first quote to arrive wins; the others are cancelled
         *     val first = Workflow.asCompleted(quotes).first().await()
         *     quotes.forEach { it.cancel() }
         *     first
         * }
         * ```
         *
         * Use `.map { it.await() }` on the flow for the values, failing at the first exception in completion order.
         */
        public fun <T> asCompleted(deferreds: Iterable<Deferred<T>>): Flow<Deferred<T>> {
            current("Workflow.asCompleted")
            return CompletionOrder.of(deferreds.toList())
        }

        /** [asCompleted] of the deferreds given as arguments, such as `Workflow.asCompleted(charge, shipment)`. */
        public fun <T> asCompleted(vararg deferreds: Deferred<T>): Flow<Deferred<T>> = asCompleted(deferreds.asList())

        /** The update being handled by the calling coroutine (or the update handler that started it), if any. */
        public suspend fun currentUpdateInfo(): UpdateInfo? {
            current("Workflow.currentUpdateInfo()")
            return currentCoroutineContext()[UpdateInfoElement]?.info
        }

        /** Whether no signal or update handler is running; wait for it before returning to let handlers finish. */
        public fun allHandlersFinished(): Boolean = current("Workflow.allHandlersFinished()").allHandlersFinished()

        // ---- activities --------------------------------------------------------------------------------

        /**
         * Schedules the activity [activity] (a reference to an [dev.temporalkt.activity.Activity] function, such
         * as `PaymentActivities::charge`) with [args] and returns a handle to await or cancel it. Arguments are
         * encoded with the function's parameter types and the result decoded with its return type.
         *
         * @throws IllegalArgumentException when neither start-to-close nor schedule-to-close timeout is set, or
         *   the arguments do not match the function's parameters.
         */
        public fun <R> startActivity(activity: KFunction<R>, vararg args: Any?, options: ActivityOptions): ActivityHandle<R> {
            val instance = current("Workflow.startActivity")
            val function = FunctionReferences.of(activity)
            return instance.scheduleActivity(ActivityNames.of(activity), args.toList(), function.parameterTypes, function.returnType, options)
        }

        /**
         * Runs the activity [activity] with [args] and returns its result; see [startActivity].
         *
         * ```kotlin
         * val receipt = Workflow.executeActivity(
         *     PaymentActivities::charge, order,
         *     options = ActivityOptions(startToCloseTimeout = 30.seconds),
         * )
         * ```
         *
         * @throws dev.temporalkt.failure.ActivityFailure when the activity failed, timed out or was cancelled.
         */
        public suspend fun <R> executeActivity(activity: KFunction<R>, vararg args: Any?, options: ActivityOptions): R =
            startActivity(activity, *args, options = options).await()

        /**
         * Schedules the activity named [activityType], for activities not available as a function reference
         * (for example written in another language). Arguments are encoded by their runtime class; the result
         * is decoded as [resultType].
         */
        public fun <R> startActivity(
            activityType: String,
            resultType: KType,
            vararg args: Any?,
            options: ActivityOptions,
        ): ActivityHandle<R> =
            current("Workflow.startActivity").scheduleActivity(
                activityType, args.toList(), args.map { PlainKType.ANY }, resultType, options,
            )

        /**
         * Runs the activity named [activityType] and decodes its result as [R].
         *
         * ```kotlin
         * val total: Int = Workflow.executeActivity("sum", 1, 2, options = ActivityOptions(startToCloseTimeout = 5.seconds))
         * ```
         */
        public suspend inline fun <reified R> executeActivity(
            activityType: String,
            vararg args: Any?,
            options: ActivityOptions,
        ): R = startActivity<R>(activityType, typeOf<R>(), *args, options = options).await()

        /**
         * Starts the local activity [activity] (a reference to an [dev.temporalkt.activity.Activity] function) with
         * [args]: it runs in this worker's process and its result is recorded in history as a marker. Retries
         * waiting longer than [LocalActivityOptions.localRetryThreshold] wait on a durable timer.
         */
        public fun <R> startLocalActivity(
            activity: KFunction<R>,
            vararg args: Any?,
            options: LocalActivityOptions,
        ): ActivityHandle<R> {
            val instance = current("Workflow.startLocalActivity")
            val function = FunctionReferences.of(activity)
            return instance.scheduleLocalActivity(ActivityNames.of(activity), args.toList(), function.parameterTypes, function.returnType, options)
        }

        /** Runs the local activity [activity] with [args] and returns its result; see [startLocalActivity]. */
        public suspend fun <R> executeLocalActivity(activity: KFunction<R>, vararg args: Any?, options: LocalActivityOptions): R =
            startLocalActivity(activity, *args, options = options).await()

        /** Starts the local activity named [activityType]; arguments are encoded by their runtime class. */
        public fun <R> startLocalActivity(
            activityType: String,
            resultType: KType,
            vararg args: Any?,
            options: LocalActivityOptions,
        ): ActivityHandle<R> =
            current("Workflow.startLocalActivity").scheduleLocalActivity(
                activityType, args.toList(), args.map { PlainKType.ANY }, resultType, options,
            )

        /** Runs the local activity named [activityType] and decodes its result as [R]. */
        public suspend inline fun <reified R> executeLocalActivity(
            activityType: String,
            vararg args: Any?,
            options: LocalActivityOptions,
        ): R = startLocalActivity<R>(activityType, typeOf<R>(), *args, options = options).await()

        // ---- child and external workflows ----------------------------------------------------------------

        /**
         * Starts a child workflow whose run function is [workflow] (such as `InvoiceWorkflow::run`) with [args],
         * and suspends until the server has started it.
         *
         * @throws dev.temporalkt.failure.WorkflowAlreadyStartedException when the workflow id is in use.
         */
        public suspend fun <R> startChildWorkflow(
            workflow: KFunction<R>,
            vararg args: Any?,
            options: ChildWorkflowOptions = ChildWorkflowOptions(),
        ): ChildWorkflowHandle<R> {
            val instance = current("Workflow.startChildWorkflow")
            val function = FunctionReferences.of(workflow)
            return instance.startChild(WorkflowNames.of(workflow), args.toList(), function.parameterTypes, function.returnType, options)
        }

        /**
         * Runs a child workflow and returns its result; see [startChildWorkflow].
         *
         * ```kotlin
         * val invoice = Workflow.executeChildWorkflow(InvoiceWorkflow::run, order)
         * ```
         *
         * @throws dev.temporalkt.failure.ChildWorkflowFailure when the child failed, timed out or was cancelled.
         */
        public suspend fun <R> executeChildWorkflow(
            workflow: KFunction<R>,
            vararg args: Any?,
            options: ChildWorkflowOptions = ChildWorkflowOptions(),
        ): R = startChildWorkflow(workflow, *args, options = options).result()

        /** Starts a child workflow of type [workflowType]; arguments are encoded by their runtime class. */
        public suspend fun <R> startChildWorkflow(
            workflowType: String,
            resultType: KType,
            vararg args: Any?,
            options: ChildWorkflowOptions = ChildWorkflowOptions(),
        ): ChildWorkflowHandle<R> =
            current("Workflow.startChildWorkflow").startChild(
                workflowType, args.toList(), args.map { PlainKType.ANY }, resultType, options,
            )

        /** Runs a child workflow of type [workflowType] and decodes its result as [R]. */
        public suspend inline fun <reified R> executeChildWorkflow(
            workflowType: String,
            vararg args: Any?,
            options: ChildWorkflowOptions = ChildWorkflowOptions(),
        ): R = startChildWorkflow<R>(workflowType, typeOf<R>(), *args, options = options).result()

        /** A handle to signal or cancel workflow [workflowId] (its run [runId], or the current run when `null`). */
        public fun getExternalWorkflowHandle(workflowId: String, runId: String? = null): ExternalWorkflowHandle =
            current("Workflow.getExternalWorkflowHandle").externalHandle(workflowId, runId)

        // ---- search attributes and memo ------------------------------------------------------------------

        /** The run's search attributes, including this run's own upserts. */
        public fun searchAttributes(): SearchAttributes = current("Workflow.searchAttributes()").searchAttributes

        /**
         * Sets or removes search attributes of the run.
         *
         * ```kotlin
         * Workflow.upsertSearchAttributes(STATUS.valueSet("shipped"), ASSIGNEE.valueUnset())
         * ```
         */
        public fun upsertSearchAttributes(vararg updates: SearchAttributeUpdate<*>) {
            current("Workflow.upsertSearchAttributes").upsertSearchAttributes(updates.toList())
        }

        /** The run's memo, including this run's own upserts, still encoded. */
        public fun memo(): Map<String, RawValue> = current("Workflow.memo()").memo()

        /** The memo value under [key] decoded as [T], or `null` when absent. */
        public inline fun <reified T> memoValue(key: String): T? = memo()[key]?.get<T>()

        /** Adds, replaces or (with a `null` value) removes memo entries of the run. */
        public fun upsertMemo(updates: Map<String, Any?>) {
            current("Workflow.upsertMemo").upsertMemo(updates)
        }

        // ---- handlers at runtime -----------------------------------------------------------------------

        /**
         * Sets (or, with `null`, removes) the handler of signal [name]. Signals of that name received before
         * the handler existed, or while it was removed, are kept and delivered to it (or to a dynamic signal
         * handler) once there is one, in the order they arrived. [description] is shown by tooling that lists the
         * workflow's handlers (the metadata query).
         *
         * ```kotlin
         * Workflow.setSignalHandler("add-item", description = "Adds an item to the cart") { args ->
         *     items += args.single().get<String>()
         * }
         * ```
         */
        public fun setSignalHandler(
            name: String,
            unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
            description: String = "",
            handler: (suspend (args: List<RawValue>) -> Unit)?,
        ) {
            val instance = current("Workflow.setSignalHandler")
            instance.setSignalHandler(
                name,
                handler?.let { h ->
                    SignalHandler(
                        unfinishedPolicy,
                        { _, input -> instance.rawValues(input) },
                        { _, args -> h(args.rawValues()) },
                        description,
                    )
                },
            )
        }

        /** Sets (or removes) the handler of every signal without a handler of its own; buffered signals go to it. */
        public fun setDynamicSignalHandler(
            unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
            description: String = "",
            handler: (suspend (name: String, args: List<RawValue>) -> Unit)?,
        ) {
            val instance = current("Workflow.setDynamicSignalHandler")
            instance.setSignalHandler(
                null,
                handler?.let { h ->
                    SignalHandler(
                        unfinishedPolicy,
                        { name, input -> listOf(name, instance.rawValues(input)) },
                        { name, args -> h(name, args.rawArguments(1)) },
                        description,
                    )
                },
            )
        }

        /** Sets (or removes) the handler of query [name]; its result is encoded by its runtime class. */
        public fun setQueryHandler(name: String, description: String = "", handler: ((args: List<RawValue>) -> Any?)?) {
            val instance = current("Workflow.setQueryHandler")
            instance.setQueryHandler(
                name,
                handler?.let { h ->
                    QueryHandler(
                        PlainKType.ANY,
                        { _, input -> instance.rawValues(input) },
                        { _, args -> h(args.rawValues()) },
                        description,
                    )
                },
            )
        }

        /**
         * Sets (or, with `null`, removes) the handler of every query without a handler of its own; it gets the
         * query's name and arguments, and its result is encoded by its runtime class. Like a query handler, it must
         * only read workflow state.
         *
         * ```kotlin
         * Workflow.setDynamicQueryHandler { name, _ -> fields[name] ?: throw IllegalArgumentException("no field $name") }
         * ```
         */
        public fun setDynamicQueryHandler(description: String = "", handler: ((name: String, args: List<RawValue>) -> Any?)?) {
            val instance = current("Workflow.setDynamicQueryHandler")
            instance.setQueryHandler(
                null,
                handler?.let { h ->
                    QueryHandler(
                        PlainKType.ANY,
                        { name, input -> listOf(name, instance.rawValues(input)) },
                        { name, args -> h(name, args.rawArguments(1)) },
                        description,
                    )
                },
            )
        }

        /**
         * Sets (or removes) the handler of update [name], with an optional [validator] that rejects the update
         * by throwing. The result is encoded by its runtime class.
         */
        public fun setUpdateHandler(
            name: String,
            handler: (suspend (args: List<RawValue>) -> Any?)?,
            validator: ((args: List<RawValue>) -> Unit)? = null,
            unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
            description: String = "",
        ) {
            val instance = current("Workflow.setUpdateHandler")
            instance.setUpdateHandler(
                name,
                handler?.let { h ->
                    UpdateHandler(
                        policy = unfinishedPolicy,
                        resultType = PlainKType.ANY,
                        decode = { _, input -> listOf(instance.rawValues(input)) },
                        validate = validator?.let { v -> { args -> v(args.rawArguments()) } },
                        run = { args -> h(args.rawArguments()) },
                        description = description,
                    )
                },
            )
        }

        /**
         * Sets (or, with `null`, removes) the handler of every update without a handler of its own, with an optional
         * [validator] that rejects an update by throwing before it is accepted. Both get the update's name and
         * arguments; the result is encoded by its runtime class.
         *
         * ```kotlin
         * Workflow.setDynamicUpdateHandler(
         *     handler = { name, args -> settings[name] = args.single().get<String>(); settings.size },
         *     validator = { name, _ -> require(name in allowed) { "unknown setting $name" } },
         * )
         * ```
         */
        public fun setDynamicUpdateHandler(
            handler: (suspend (name: String, args: List<RawValue>) -> Any?)?,
            validator: ((name: String, args: List<RawValue>) -> Unit)? = null,
            unfinishedPolicy: HandlerUnfinishedPolicy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
            description: String = "",
        ) {
            val instance = current("Workflow.setDynamicUpdateHandler")
            instance.setUpdateHandler(
                null,
                handler?.let { h ->
                    UpdateHandler(
                        policy = unfinishedPolicy,
                        resultType = PlainKType.ANY,
                        decode = { name, input -> listOf(name, instance.rawValues(input)) },
                        validate = validator?.let { v -> { args -> v(args[0] as String, args.rawArguments(1)) } },
                        run = { args -> h(args[0] as String, args.rawArguments(1)) },
                        description = description,
                    )
                },
            )
        }

        @Suppress("UNCHECKED_CAST")
        private fun List<Any?>.rawArguments(index: Int = 0): List<RawValue> = this[index] as List<RawValue>

        @Suppress("UNCHECKED_CAST")
        private fun List<Any?>.rawValues(): List<RawValue> = this as List<RawValue>

        // ---- versioning and continue-as-new --------------------------------------------------------------

        /**
         * Whether to take the new code path of patch [patchId]. `true` when the run executes this code for the
         * first time (a marker is recorded) or when its history holds the marker; `false` while replaying
         * history recorded before the patch. The answer is fixed for the rest of the run.
         *
         * ```kotlin
         * if (Workflow.patched("send-email")) sendEmail() else sendLetter()
         * ```
         */
        public fun patched(patchId: String): Boolean = current("Workflow.patched").patch(patchId, deprecated = false)

        /** Marks patch [patchId] as deprecated: the old branch is gone, and histories with or without the marker replay. */
        public fun deprecatePatch(patchId: String) {
            current("Workflow.deprecatePatch").patch(patchId, deprecated = true)
        }

        /**
         * Ends this run and starts a new run of the same workflow id with [args]; never returns. With
         * [workflowType] `null` the new run is of the same type and [args] are encoded with the run function's
         * parameter types; otherwise by their runtime class.
         *
         * ```kotlin
         * if (Workflow.isContinueAsNewSuggested()) Workflow.continueAsNew(state)
         * ```
         */
        public fun continueAsNew(
            vararg args: Any?,
            workflowType: String? = null,
            options: ContinueAsNewOptions = ContinueAsNewOptions(),
        ): Nothing = current("Workflow.continueAsNew").continueAsNew(workflowType, args.toList(), null, options)

        /**
         * Ends this run and continues as a new run of the workflow whose run function is [workflow] (such as
         * `OrderWorkflowV2::run`), with [args] encoded with its parameter types; never returns.
         */
        public fun continueAsNew(
            workflow: KFunction<*>,
            vararg args: Any?,
            options: ContinueAsNewOptions = ContinueAsNewOptions(),
        ): Nothing = current("Workflow.continueAsNew").continueAsNew(
            WorkflowNames.of(workflow),
            args.toList(),
            FunctionReferences.of(workflow).parameterTypes,
            options,
        )
    }
}
