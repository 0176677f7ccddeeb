@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.workflow

import dev.temporalkt.common.SearchAttributeUpdate
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.common.TypeRef
import dev.temporalkt.java.function.AsyncFunc1
import dev.temporalkt.java.function.AsyncFunc2
import dev.temporalkt.java.function.AsyncFunc3
import dev.temporalkt.java.function.AsyncFunc4
import dev.temporalkt.java.function.AsyncFunc5
import dev.temporalkt.java.function.AsyncFunc6
import dev.temporalkt.java.function.Func1
import dev.temporalkt.java.function.Func2
import dev.temporalkt.java.function.Func3
import dev.temporalkt.java.function.Func4
import dev.temporalkt.java.function.Func5
import dev.temporalkt.java.function.Func6
import dev.temporalkt.java.function.Proc1
import dev.temporalkt.java.function.Proc2
import dev.temporalkt.java.function.Proc3
import dev.temporalkt.java.function.Proc4
import dev.temporalkt.java.function.Proc5
import dev.temporalkt.java.function.Proc6
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.internal.WorkflowMethodKind
import dev.temporalkt.java.internal.WorkflowMethods
import dev.temporalkt.java.workflow.internal.JavaScopes
import dev.temporalkt.java.workflow.internal.ActivityMethods
import dev.temporalkt.java.workflow.internal.ConditionWait
import dev.temporalkt.java.workflow.internal.callJava
import dev.temporalkt.java.workflow.internal.unwrapCompletion
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.workflow.CurrentWorkflow
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import dev.temporalkt.workflow.QueryHandler
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.SignalHandler
import dev.temporalkt.workflow.UpdateHandler
import dev.temporalkt.workflow.UpdateInfo
import dev.temporalkt.workflow.WorkflowContext
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.Logger
import java.io.Serializable
import java.lang.reflect.Type
import java.time.Duration
import java.time.Instant
import java.util.Optional
import java.util.Random
import java.util.UUID
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.function.BiConsumer
import java.util.function.BiFunction
import java.util.function.Consumer
import java.util.function.Function
import java.util.function.Supplier
import kotlin.random.asJavaRandom
import kotlin.reflect.KType
import kotlin.time.toKotlinDuration
import dev.temporalkt.workflow.ActivityHandle as KotlinActivityHandle
import dev.temporalkt.workflow.ChildWorkflowHandle as KotlinChildWorkflowHandle

/**
 * The workflow API of Java workflow code, as static methods: time, randomness, conditions and timers, activities,
 * child workflows, handlers, cancellation scopes, patches and continue-as-new. It is the Java counterpart of the
 * Kotlin `dev.temporalkt.workflow.Workflow` and reaches the same run: Java workflows run on the same deterministic
 * dispatcher, with the same handlers, update protocol, cancellation and close rules.
 *
 * A Java workflow is a class annotated with [dev.temporalkt.workflow.WorkflowInterface] (the Kotlin annotation
 * `@Workflow` carries the name of this class) whose methods carry the annotations of `dev.temporalkt.workflow`:
 *
 * ```java
 * import dev.temporalkt.java.workflow.ActivityOptions;
 * import dev.temporalkt.java.workflow.Workflow;
 * import dev.temporalkt.workflow.Signal;
 * import dev.temporalkt.workflow.WorkflowInterface;
 * import dev.temporalkt.workflow.WorkflowRun;
 *
 * @WorkflowInterface
 * public class OrderWorkflow {
 *     private static final ActivityOptions OPTIONS =
 *         ActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(30)).build();
 *     private boolean approved;
 *
 *     @WorkflowRun
 *     public CompletableFuture<Receipt> run(Order order) {
 *         return Workflow.await(Duration.ofDays(1), () -> approved)
 *             .thenCompose(inTime -> inTime
 *                 ? Workflow.executeActivity(PaymentActivities::charge, order, OPTIONS)
 *                 : Workflow.failedFuture(ApplicationFailure.newNonRetryableFailure("not approved", "Timeout")));
 *     }
 *
 *     @Signal
 *     public void approve() { approved = true; }
 * }
 * ```
 *
 * Java code cannot suspend, so every operation that takes time returns a [WorkflowFuture] at once (its command is
 * recorded in history when the method is called) and the code composes futures (`thenApply`, `thenCompose`,
 * [allOf], [anyOf]); the run and update methods return the future of their result. Those futures run their
 * continuations on the workflow's dispatcher, so everything stays deterministic; see [WorkflowFuture] for the rules
 * (no `join()` on an incomplete future, no wall clock).
 *
 * Every method must be called from workflow code, on the run's dispatcher (the run method, a handler, a continuation
 * of a workflow future); anywhere else it throws [IllegalStateException] saying so. The error semantics are those of
 * Kotlin workflows: an [dev.temporalkt.failure.ApplicationFailure] (or a type listed in the annotation's
 * `failureExceptionTypes`) that the run's future fails with fails the workflow execution; any other exception fails
 * the workflow task, which the server retries, so a fixed worker continues the run.
 */
public object Workflow {
    private fun current(api: String): WorkflowContext = CurrentWorkflow.get(api)

    // ---- the run and its time ---------------------------------------------------------------------------------

    /** Workflow time: the time of the current workflow task from history; never the wall clock. */
    @JvmStatic
    public fun now(): Instant = current("Workflow.now()").now

    /** [now] in milliseconds since the epoch. */
    @JvmStatic
    public fun currentTimeMillis(): Long = current("Workflow.currentTimeMillis()").now.toEpochMilli()

    /** What the run knows about itself: ids, type, task queue, attempt, timeouts, parent. */
    @JvmStatic
    public fun getInfo(): WorkflowInfo = WorkflowInfo(current("Workflow.getInfo()").info)

    /** Whether the current workflow task replays history already processed once; skip side effects then. */
    @JvmStatic
    public fun isReplaying(): Boolean = current("Workflow.isReplaying()").isReplaying

    /**
     * A logger that writes nothing while the run replays, with the run's workflow id, run id, type, task queue,
     * namespace and attempt in the SLF4J MDC (`temporalWorkflowId`, `temporalRunId`, `temporalWorkflowType`,
     * `temporalTaskQueue`, `temporalNamespace`, `temporalAttempt`). The same entries as a map:
     * `Workflow.getInfo().getLogContext()`.
     */
    @JvmStatic
    public fun getLogger(): Logger = current("Workflow.getLogger()").logger

    /**
     * The worker's metric meter for custom metrics of the workflow (attributes `namespace`, `task_queue`,
     * `workflow_type`); values recorded while the run replays are dropped.
     *
     * ```java
     * Workflow.getMetricMeter().counter("orders_approved").add(1);
     * ```
     */
    @JvmStatic
    public fun getMetricMeter(): MetricMeter = current("Workflow.getMetricMeter()").metricMeter

    /**
     * A `java.util.Random` drawing from the run's deterministic generator, seeded from history (and re-seeded if the
     * run is reset), so values are the same on replay. Use it instead of `new Random()` or `Math.random()`.
     */
    @JvmStatic
    public fun newRandom(): Random = current("Workflow.newRandom()").random.asJavaRandom()

    /** A random (version 4) UUID drawn from the run's deterministic generator, so it is the same on replay. */
    @JvmStatic
    public fun randomUUID(): UUID = current("Workflow.randomUUID()").uuid4()

    /** Number of events in history as of the current workflow task. */
    @JvmStatic
    public fun getHistoryLength(): Int = current("Workflow.getHistoryLength()").historyLength

    /** Size of the run's history in bytes as of the current workflow task. */
    @JvmStatic
    public fun getHistorySize(): Long = current("Workflow.getHistorySize()").historySizeBytes

    /** Whether the server suggests continuing as new because history grows large. */
    @JvmStatic
    public fun isContinueAsNewSuggested(): Boolean = current("Workflow.isContinueAsNewSuggested()").continueAsNewSuggested

    /** The run's current details, as last set by [setCurrentDetails]; empty until then. */
    @JvmStatic
    public fun getCurrentDetails(): String = current("Workflow.getCurrentDetails()").currentDetails()

    /**
     * Sets how this run moves between worker deployment versions for the workflow tasks it completes from now on: for
     * a dynamic workflow to choose per run what the `versioningBehavior` of the class annotation states for a class.
     * `UNSPECIFIED` returns to the annotation's (or the worker's default). Only matters on a versioned worker.
     */
    @JvmStatic
    public fun setVersioningBehavior(behavior: dev.temporalkt.common.VersioningBehavior) {
        current("Workflow.setVersioningBehavior").setVersioningBehavior(behavior)
    }

    /**
     * Sets what the workflow says it is doing now (possibly Markdown), which the Temporal UI shows through the built-in
     * `__temporal_workflow_metadata` query. It is kept in the workflow, not in history.
     */
    @JvmStatic
    public fun setCurrentDetails(details: String) {
        current("Workflow.setCurrentDetails").setCurrentDetails(details)
    }

    /**
     * The result of the previous run of a cron workflow (or the last successful run before a retry), decoded as
     * [type]; empty when there is none.
     */
    @JvmStatic
    @Suppress("UNCHECKED_CAST")
    public fun <T> getLastCompletionResult(type: Class<T>): Optional<T> =
        Optional.ofNullable(current("Workflow.getLastCompletionResult").lastCompletionResult()?.get(type)) as Optional<T>

    /** [getLastCompletionResult] for a generic type, e.g. `new TypeRef<List<Order>>() {}`. */
    @JvmStatic
    @Suppress("UNCHECKED_CAST")
    public fun <T> getLastCompletionResult(type: TypeRef<T>): Optional<T> =
        Optional.ofNullable(current("Workflow.getLastCompletionResult").lastCompletionResult()?.decode(type.type)) as Optional<T>

    /** The failure of the previous attempt when this run is a retry; empty otherwise. */
    @JvmStatic
    public fun getLastFailure(): Optional<Throwable> = Optional.ofNullable(current("Workflow.getLastFailure()").lastFailure())

    /** The update handled by the calling code (an update handler, or what it started), if any. */
    @JvmStatic
    public fun getCurrentUpdateInfo(): Optional<UpdateInfo> {
        val run = current("Workflow.getCurrentUpdateInfo()")
        return Optional.ofNullable(JavaScopes.current()?.let(run::updateInfo))
    }

    /**
     * Whether cancellation of the workflow was requested. The run method's cancellation scope is cancelled then, so
     * its pending operations fail with cancellation failures; code that cleans up checks this and does so in a
     * [newDetachedCancellationScope].
     */
    @JvmStatic
    public fun isCancelRequested(): Boolean = current("Workflow.isCancelRequested()").isCancelRequested

    /**
     * Whether no signal or update handler is running; wait for it before completing so handlers finish:
     * `Workflow.await(Workflow::allHandlersFinished)`.
     */
    @JvmStatic
    public fun allHandlersFinished(): Boolean = current("Workflow.allHandlersFinished()").allHandlersFinished()

    // ---- waiting ----------------------------------------------------------------------------------------------

    /**
     * A durable timer: a future that completes (with `null`) after [duration] of workflow time. The timer is a
     * StartTimer command in history, and survives worker restarts; on the time-skipping test server it fires as soon as
     * nothing else runs. Cancelling the future (or its scope) cancels the timer, and the future fails with a
     * [CanceledFailure].
     *
     * ```java
     * return Workflow.sleep(Duration.ofDays(30)).thenCompose(ignored -> Workflow.executeActivity(Billing::renew, account, OPTIONS));
     * ```
     */
    @JvmStatic
    public fun sleep(duration: Duration): WorkflowFuture<Void?> = WorkflowFuture.sleep(current("Workflow.sleep"), duration, null, "the timer")

    /** [sleep] with a [summary] of the timer, shown in the UI and recorded in history. */
    @JvmStatic
    public fun sleep(duration: Duration, summary: String?): WorkflowFuture<Void?> =
        WorkflowFuture.sleep(current("Workflow.sleep"), duration, summary, "the timer")

    /**
     * A future that completes (with `null`) once [condition] holds. The condition is evaluated on the workflow's
     * dispatcher each time all ready code has run, so it sees what signals, updates and other continuations changed; it
     * must only read workflow state. A condition that throws fails the future with that exception. Cancelling the future
     * (or its scope) stops the wait with a [CanceledFailure].
     *
     * ```java
     * return Workflow.await(() -> approved || rejected).thenApply(ignored -> approved);
     * ```
     */
    @JvmStatic
    public fun await(condition: Supplier<Boolean>): WorkflowFuture<Void?> {
        val run = current("Workflow.await")
        val scope = JavaScopes.currentOrRoot(run)
        val future = WorkflowFuture.newFuture<Void?>(run)
        if (scope[Job]?.isActive == false) {
            future.completeExceptionally(CanceledFailure("${ConditionWait.WHAT} was not started: its cancellation scope is cancelled"))
            return future
        }
        val wait = ConditionWait(WorkflowFuture.dispatcher(run), scope, future)
        wait.start(run, condition)
        future.cancelOperation = wait
        return future
    }

    /**
     * Like [await] with a durable timer of [timeout]: completes with `true` when [condition] held in time, `false` when
     * the timer fired first (the timer is cancelled when the condition holds first).
     */
    @JvmStatic
    public fun await(timeout: Duration, condition: Supplier<Boolean>): WorkflowFuture<Boolean> {
        val run = current("Workflow.await")
        val length = timeout.toKotlinDuration()
        return WorkflowFuture.launch(run, "the wait for a condition") {
            withTimeoutOrNull(length) { run.waitCondition { condition.get() }; true } ?: false
        }
    }

    // ---- futures ----------------------------------------------------------------------------------------------

    /**
     * A new incomplete future of this workflow, for workflow code to complete (a signal handler completing what the run
     * waits for, say). Use it instead of `new CompletableFuture<>()`, whose async continuations would run on the
     * common pool.
     */
    @JvmStatic
    public fun <T> newFuture(): WorkflowFuture<T> = WorkflowFuture.newFuture(current("Workflow.newFuture()"))

    /** A workflow future completed with [value]: what a run or update method returns when it needs no waiting. */
    @JvmStatic
    public fun <T> completedFuture(value: T): WorkflowFuture<T> = newFuture<T>().also { it.complete(value) }

    /** A workflow future failed with [failure]. */
    @JvmStatic
    public fun <T> failedFuture(failure: Throwable): WorkflowFuture<T> = newFuture<T>().also { it.completeExceptionally(failure) }

    /**
     * A future that completes (with `null`) when all [futures] have, or fails (with a `CompletionException` around the
     * failure) when one of them fails, once all have completed, as `CompletableFuture.allOf` does; its continuations run
     * on the workflow's dispatcher.
     */
    @JvmStatic
    public fun allOf(vararg futures: CompletionStage<*>): WorkflowFuture<Void?> = allOf(futures.asList())

    /** [allOf] of a collection. */
    @JvmStatic
    public fun allOf(futures: Collection<CompletionStage<*>>): WorkflowFuture<Void?> {
        val result = newFuture<Void?>()
        CompletableFuture.allOf(*futures.map { it.toCompletableFuture() }.toTypedArray())
            .whenComplete { _, failure -> if (failure == null) result.complete(null) else result.completeExceptionally(failure) }
        return result
    }

    /**
     * A future of the values of all [futures], in their order, once all have completed; it fails with the first failure
     * in list order (unwrapped) once all have completed.
     *
     * ```java
     * return Workflow.allResults(orders.stream().map(o -> Workflow.executeActivity(Shipping::ship, o, OPTIONS)).toList());
     * ```
     */
    @JvmStatic
    public fun <T> allResults(futures: Collection<CompletionStage<out T>>): WorkflowFuture<List<T>> {
        val stages = futures.map { it.toCompletableFuture() }
        return allOf(stages).handle { _, _ ->
            stages.firstOrNull { it.isCompletedExceptionally }?.let { failed ->
                throw java.util.concurrent.CompletionException(failedWith(failed))
            }
            stages.map { it.getNow(null) }
        }
    }

    /**
     * A future that completes as the first of [futures] to complete does (with its value or its failure), as
     * `CompletableFuture.anyOf` does. Which one that is follows the workflow's history, so it is the same on replay.
     * The others keep running: cancel them (or their scope) when they are no longer needed.
     */
    @JvmStatic
    public fun anyOf(vararg futures: CompletionStage<*>): WorkflowFuture<Any?> = anyOf(futures.asList())

    /** [anyOf] of a collection of futures of one type: the future has that type. */
    @JvmStatic
    public fun <T> anyOf(futures: Collection<CompletionStage<out T>>): WorkflowFuture<T> {
        require(futures.isNotEmpty()) { "Workflow.anyOf needs at least one future" }
        val result = newFuture<T>()
        for (future in futures) {
            future.whenComplete { value, failure -> if (failure == null) result.complete(value) else result.completeExceptionally(unwrapCompletion(failure)) }
        }
        return result
    }

    /**
     * The outcomes of [futures] in the order they complete: the first future of the list returned completes as the
     * first of [futures] to complete does (with its value or failure), the second as the second, and so on. The order is
     * that of the workflow's history, the same on replay (the Java counterpart of the Kotlin `Workflow.asCompleted`).
     *
     * ```java
     * List<WorkflowFuture<Quote>> byArrival = Workflow.inCompletionOrder(quotes);
     * return byArrival.get(0); // the quote that arrived first
     * ```
     */
    @JvmStatic
    public fun <T> inCompletionOrder(futures: Collection<CompletionStage<out T>>): List<WorkflowFuture<T>> {
        val outcomes = List(futures.size) { newFuture<T>() }
        var next = 0
        for (future in futures) {
            future.whenComplete { value, failure ->
                val outcome = outcomes[next++]
                if (failure == null) outcome.complete(value) else outcome.completeExceptionally(unwrapCompletion(failure))
            }
        }
        return outcomes
    }

    private fun failedWith(future: CompletableFuture<*>): Throwable = try {
        future.getNow(null)
        IllegalStateException("not failed")
    } catch (e: Throwable) {
        unwrapCompletion(e)
    }

    // ---- cancellation scopes ----------------------------------------------------------------------------------

    /**
     * A new cancellation scope inside the current one, whose [body] runs when [CancellationScope.run] is called:
     * cancelling it cancels what the body starts; cancelling the current scope cancels it too.
     */
    @JvmStatic
    public fun newCancellationScope(body: Runnable): CancellationScope = CancellationScope.child(detached = false, body)

    /**
     * A new cancellation scope that no enclosing scope, and no cancellation request for the workflow, cancels: for
     * clean-up that must run even though the workflow is being cancelled.
     *
     * ```java
     * Workflow.newDetachedCancellationScope(() -> Workflow.executeActivity(Orders::release, order, OPTIONS)).run();
     * ```
     */
    @JvmStatic
    public fun newDetachedCancellationScope(body: Runnable): CancellationScope = CancellationScope.child(detached = true, body)

    // ---- activities by name -----------------------------------------------------------------------------------

    /**
     * Runs the activity named [activityType] with [args] (converted by their runtime class) and completes with its
     * result decoded as [resultClass]: for activities without a Java method to reference (written in another language,
     * or a Kotlin `suspend` function). Fails with an [dev.temporalkt.failure.ActivityFailure] when the activity failed,
     * timed out or was cancelled.
     *
     * ```java
     * CompletableFuture<Integer> total = Workflow.executeActivity("sum", Integer.class, OPTIONS, 1, 2);
     * ```
     *
     * @throws IllegalArgumentException when the options have no timeout.
     */
    @JvmStatic
    public fun <R> executeActivity(activityType: String, resultClass: Class<R>, options: ActivityOptions, vararg args: Any?): WorkflowFuture<R> =
        activity<R>(activityType, WorkflowFuture.args(args), null, resultClass, options)

    /** [executeActivity] by name with a generic result type, e.g. `new TypeRef<List<Order>>() {}`. */
    @JvmStatic
    public fun <R> executeActivity(activityType: String, resultType: TypeRef<R>, options: ActivityOptions, vararg args: Any?): WorkflowFuture<R> =
        activity<R>(activityType, WorkflowFuture.args(args), null, resultType.type, options)

    /** Runs the local activity named [activityType]; see [executeActivity] by name and [executeLocalActivity]. */
    @JvmStatic
    public fun <R> executeLocalActivity(
        activityType: String,
        resultClass: Class<R>,
        options: LocalActivityOptions,
        vararg args: Any?,
    ): WorkflowFuture<R> = localActivity<R>(activityType, WorkflowFuture.args(args), null, resultClass, options)

    /** [executeLocalActivity] by name with a generic result type. */
    @JvmStatic
    public fun <R> executeLocalActivity(
        activityType: String,
        resultType: TypeRef<R>,
        options: LocalActivityOptions,
        vararg args: Any?,
    ): WorkflowFuture<R> = localActivity<R>(activityType, WorkflowFuture.args(args), null, resultType.type, options)

    private fun <R> activityByReference(reference: Serializable, args: List<Any?>, options: ActivityOptions): WorkflowFuture<R> {
        val method = ActivityMethods.resolve(reference)
        return activity(method.name, args, method.argTypesFor(args), method.resultType, options)
    }

    private fun <R> localActivityByReference(reference: Serializable, args: List<Any?>, options: LocalActivityOptions): WorkflowFuture<R> {
        val method = ActivityMethods.resolve(reference)
        return localActivity(method.name, args, method.argTypesFor(args), method.resultType, options)
    }

    private fun <R> activity(type: String, args: List<Any?>, argTypes: List<KType>?, resultType: Type, options: ActivityOptions): WorkflowFuture<R> {
        val run = current("Workflow.executeActivity")
        return startOperation(run, "activity '$type'") {
            run.scheduleActivity(type, args, argTypes ?: WorkflowFuture.runtimeTypes(args), JavaKType.of(resultType), options.kotlin)
        }
    }

    private fun <R> localActivity(
        type: String,
        args: List<Any?>,
        argTypes: List<KType>?,
        resultType: Type,
        options: LocalActivityOptions,
    ): WorkflowFuture<R> {
        val run = current("Workflow.executeLocalActivity")
        return startOperation(run, "local activity '$type'") {
            run.scheduleLocalActivity(type, args, argTypes ?: WorkflowFuture.runtimeTypes(args), JavaKType.of(resultType), options.kotlin)
        }
    }

    /** Schedules an activity with [schedule] (which throws for bad options) unless the scope is cancelled, then awaits it. */
    private fun <R> startOperation(run: WorkflowContext, what: String, schedule: () -> KotlinActivityHandle<R>): WorkflowFuture<R> {
        if (JavaScopes.currentOrRoot(run)[Job]?.isActive == false) {
            return WorkflowFuture.newFuture<R>(run).also { it.completeExceptionally(CanceledFailure("$what was not started: its cancellation scope is cancelled")) }
        }
        val handle = schedule()
        return WorkflowFuture.launch(run, what) { handle.await() }
    }

    // ---- child workflows by name ------------------------------------------------------------------------------

    /**
     * Starts a child workflow of type [workflowType] with [args] (converted by their runtime class); the future
     * completes with its handle once the server has started it, or fails (with
     * [dev.temporalkt.failure.WorkflowAlreadyStartedException] when the workflow id is in use).
     */
    @JvmStatic
    public fun <R> startChildWorkflow(
        workflowType: String,
        resultClass: Class<R>,
        options: ChildWorkflowOptions,
        vararg args: Any?,
    ): WorkflowFuture<ChildWorkflowHandle<R>> = child<R>(workflowType, WorkflowFuture.args(args), null, resultClass, options).first

    /** [startChildWorkflow] by name with a generic result type. */
    @JvmStatic
    public fun <R> startChildWorkflow(
        workflowType: String,
        resultType: TypeRef<R>,
        options: ChildWorkflowOptions,
        vararg args: Any?,
    ): WorkflowFuture<ChildWorkflowHandle<R>> = child<R>(workflowType, WorkflowFuture.args(args), null, resultType.type, options).first

    /**
     * Runs a child workflow of type [workflowType] and completes with its result decoded as [resultClass]; fails with a
     * [dev.temporalkt.failure.ChildWorkflowFailure] when the child failed, timed out, was terminated or cancelled.
     *
     * ```java
     * CompletableFuture<String> greeting = Workflow.executeChildWorkflow("KotlinGreeting", String.class, ChildWorkflowOptions.defaults(), "Ada");
     * ```
     */
    @JvmStatic
    public fun <R> executeChildWorkflow(
        workflowType: String,
        resultClass: Class<R>,
        options: ChildWorkflowOptions,
        vararg args: Any?,
    ): WorkflowFuture<R> = child<R>(workflowType, WorkflowFuture.args(args), null, resultClass, options).second

    /** [executeChildWorkflow] by name with a generic result type. */
    @JvmStatic
    public fun <R> executeChildWorkflow(
        workflowType: String,
        resultType: TypeRef<R>,
        options: ChildWorkflowOptions,
        vararg args: Any?,
    ): WorkflowFuture<R> = child<R>(workflowType, WorkflowFuture.args(args), null, resultType.type, options).second

    private fun <R> childByReference(reference: Serializable, args: List<Any?>, options: ChildWorkflowOptions): Pair<WorkflowFuture<ChildWorkflowHandle<R>>, WorkflowFuture<R>> {
        val method = WorkflowMethods.resolve(reference).expect(WorkflowMethodKind.RUN)
        return child(method.name, args, method.argTypesFor(args), method.resultType, options)
    }

    /**
     * Starts a child workflow: one coroutine in the current scope starts it (completing the first future with its
     * handle) and awaits its result (completing the second). Cancelling either future, or the handle, or the scope
     * cancels the child as its cancellation type says.
     */
    private fun <R> child(
        type: String,
        args: List<Any?>,
        argTypes: List<KType>?,
        resultType: Type,
        options: ChildWorkflowOptions,
    ): Pair<WorkflowFuture<ChildWorkflowHandle<R>>, WorkflowFuture<R>> {
        val run = current("Workflow.startChildWorkflow")
        val what = "child workflow '$type'"
        val scope = JavaScopes.currentOrRoot(run)
        val started = WorkflowFuture.newFuture<ChildWorkflowHandle<R>>(run)
        val result = WorkflowFuture.newFuture<R>(run)
        if (scope[Job]?.isActive == false) {
            val failure = CanceledFailure("$what was not started: its cancellation scope is cancelled")
            started.completeExceptionally(failure)
            result.completeExceptionally(failure)
            return started to result
        }
        val kotlinOptions = options.kotlin.copy(memo = options.memo.takeIf { it.isNotEmpty() }?.let { encodeMemo(run, it) })
        val types = argTypes ?: WorkflowFuture.runtimeTypes(args)
        val coroutine = WorkflowFuture.launchScope(run, scope).launch(start = CoroutineStart.UNDISPATCHED) {
            val handle: KotlinChildWorkflowHandle<R> = try {
                run.startChild(type, args, types, JavaKType.of(resultType), kotlinOptions)
            } catch (e: Throwable) {
                val failure = WorkflowFuture.javaFailure(e, what)
                JavaScopes.within(scope) {
                    started.completeExceptionally(failure)
                    result.completeExceptionally(failure)
                }
                return@launch
            }
            JavaScopes.within(scope) { started.complete(ChildWorkflowHandle(handle.workflowId, handle.firstExecutionRunId, result)) }
            val outcome = try {
                Result.success(handle.result())
            } catch (e: Throwable) {
                Result.failure(e)
            }
            JavaScopes.within(scope) {
                outcome.fold({ result.complete(it) }, { result.completeExceptionally(WorkflowFuture.javaFailure(it, what)) })
            }
        }
        val cancel = Runnable { coroutine.cancel(CancellationException("$what was cancelled")) }
        started.cancelOperation = cancel
        result.cancelOperation = cancel
        return started to result
    }

    /** [memo]'s values encoded with the run's payload converter by their runtime class, as the runtime takes them. */
    internal fun encodeMemo(run: WorkflowContext, memo: Map<String, Any?>): Map<String, Any?> =
        memo.mapValues { (_, value) -> run.payloadConverter.toPayload(value, JavaKType.of(value?.javaClass ?: Any::class.java)) }

    /** A handle to signal or cancel the current run of workflow [workflowId]. */
    @JvmStatic
    public fun getExternalWorkflowHandle(workflowId: String): ExternalWorkflowHandle {
        current("Workflow.getExternalWorkflowHandle")
        return ExternalWorkflowHandle(workflowId, null)
    }

    /** A handle to signal or cancel run [runId] of workflow [workflowId]. */
    @JvmStatic
    public fun getExternalWorkflowHandle(workflowId: String, runId: String): ExternalWorkflowHandle {
        current("Workflow.getExternalWorkflowHandle")
        return ExternalWorkflowHandle(workflowId, runId)
    }

    // ---- search attributes and memo ---------------------------------------------------------------------------

    /** The run's search attributes, including this run's own upserts. */
    @JvmStatic
    public fun getSearchAttributes(): SearchAttributes = current("Workflow.getSearchAttributes()").searchAttributes

    /**
     * Sets or removes search attributes of the run.
     *
     * ```java
     * Workflow.upsertSearchAttributes(STATUS.valueSet("shipped"), ASSIGNEE.valueUnset());
     * ```
     */
    @JvmStatic
    public fun upsertSearchAttributes(vararg updates: SearchAttributeUpdate<*>) {
        current("Workflow.upsertSearchAttributes").upsertSearchAttributes(updates.toList())
    }

    /** The memo value under [key] decoded as [type], or `null` when absent. */
    @JvmStatic
    public fun <T> getMemo(key: String, type: Class<T>): T? = current("Workflow.getMemo").memo()[key]?.get(type)

    /** [getMemo] for a generic type. */
    @JvmStatic
    @Suppress("UNCHECKED_CAST")
    public fun <T> getMemo(key: String, type: TypeRef<T>): T? = current("Workflow.getMemo").memo()[key]?.decode(type.type) as T?

    /** The keys of the run's memo, including this run's own upserts. */
    @JvmStatic
    public fun getMemoKeys(): Set<String> = current("Workflow.getMemoKeys()").memo().keys

    /** Adds, replaces or (with a `null` value) removes memo entries of the run; values are converted by their runtime class. */
    @JvmStatic
    public fun upsertMemo(updates: Map<String, *>) {
        val run = current("Workflow.upsertMemo")
        run.upsertMemo(updates.mapValues { (_, value) -> value?.let { run.payloadConverter.toPayload(it, JavaKType.of(it.javaClass)) } })
    }

    // ---- versioning and continue-as-new -----------------------------------------------------------------------

    /**
     * Whether to take the new code path of patch [patchId]: `true` when the run executes this code for the first time
     * (a marker is recorded) or when its history holds the marker; `false` while replaying history recorded before
     * the patch. The answer is fixed for the rest of the run.
     *
     * ```java
     * if (Workflow.patched("send-email")) return sendEmail(); else return sendLetter();
     * ```
     */
    @JvmStatic
    public fun patched(patchId: String): Boolean = current("Workflow.patched").patch(patchId, deprecated = false)

    /** Marks patch [patchId] as deprecated: the old branch is gone, and histories with or without the marker replay. */
    @JvmStatic
    public fun deprecatePatch(patchId: String) {
        current("Workflow.deprecatePatch").patch(patchId, deprecated = true)
    }

    /**
     * Ends this run and starts a new run of the same workflow id and type with [args], converted with the run method's
     * parameter types; throws the exception that closes the run, so call it last (a run or update method, or a
     * continuation, may call it: the future it is in then fails with it, which closes the run).
     *
     * ```java
     * return Workflow.sleep(Duration.ofDays(1)).thenRun(() -> Workflow.continueAsNew(state));
     * ```
     */
    @JvmStatic
    public fun continueAsNew(vararg args: Any?) {
        continueAsNew(ContinueAsNewOptions.defaults(), *WorkflowFuture.args(args).toTypedArray())
    }

    /** [continueAsNew] with [options] for the new run. */
    @JvmStatic
    public fun continueAsNew(options: ContinueAsNewOptions, vararg args: Any?) {
        val run = current("Workflow.continueAsNew")
        run.continueAsNew(null, WorkflowFuture.args(args), null, kotlinOptions(run, options))
    }

    /** Ends this run and continues as a new run of workflow type [workflowType]; arguments are converted by their runtime class. */
    @JvmStatic
    public fun continueAsNewWithType(workflowType: String, options: ContinueAsNewOptions, vararg args: Any?) {
        val run = current("Workflow.continueAsNew")
        val values = WorkflowFuture.args(args)
        run.continueAsNew(workflowType, values, WorkflowFuture.runtimeTypes(values), kotlinOptions(run, options))
    }

    private fun kotlinOptions(run: WorkflowContext, options: ContinueAsNewOptions) =
        options.kotlin.copy(memo = options.memo?.let { encodeMemo(run, it) })

    // ---- handlers registered at run time ----------------------------------------------------------------------

    /**
     * Sets (or, with `null`, removes) the handler of signal [name]. Signals of that name received before the handler
     * existed are kept and delivered to it, in the order they arrived.
     *
     * ```java
     * Workflow.setSignalHandler("add-item", args -> items.add(args.get(0).get(String.class)));
     * ```
     */
    @JvmStatic
    public fun setSignalHandler(name: String, handler: Consumer<List<RawValue>>?) {
        setSignalHandler(name, handler, "", HandlerUnfinishedPolicy.WARN_AND_ABANDON)
    }

    /** [setSignalHandler] with a [description] for tooling and the policy for a handler still running when the run closes. */
    @JvmStatic
    public fun setSignalHandler(name: String, handler: Consumer<List<RawValue>>?, description: String, unfinishedPolicy: HandlerUnfinishedPolicy) {
        val run = current("Workflow.setSignalHandler")
        run.setSignalHandler(
            name,
            handler?.let { h ->
                SignalHandler(unfinishedPolicy, { _, input -> run.rawValues(input) }, { _, args -> callJava(false) { h.accept(rawValues(args)) } }, description)
            },
        )
    }

    /** Sets (or removes) the handler of every signal without a handler of its own; it gets the signal's name and arguments. */
    @JvmStatic
    public fun setDynamicSignalHandler(handler: BiConsumer<String, List<RawValue>>?) {
        val run = current("Workflow.setDynamicSignalHandler")
        run.setSignalHandler(
            null,
            handler?.let { h ->
                SignalHandler(
                    HandlerUnfinishedPolicy.WARN_AND_ABANDON,
                    { name, input -> listOf(name, run.rawValues(input)) },
                    { name, args -> callJava(false) { h.accept(name, rawValues(args[1])) } },
                )
            },
        )
    }

    /**
     * Sets (or removes) the handler of query [name]: it answers at once from workflow state (read-only) and its result
     * is converted by its runtime class.
     */
    @JvmStatic
    public fun setQueryHandler(name: String, handler: Function<List<RawValue>, *>?) {
        val run = current("Workflow.setQueryHandler")
        run.setQueryHandler(
            name,
            handler?.let { h -> QueryHandler(OBJECT, { _, input -> run.rawValues(input) }, { _, args -> h.apply(rawValues(args)) }) },
        )
    }

    /** Sets (or removes) the handler of every query without a handler of its own; it gets the query's name and arguments. */
    @JvmStatic
    public fun setDynamicQueryHandler(handler: BiFunction<String, List<RawValue>, *>?) {
        val run = current("Workflow.setDynamicQueryHandler")
        run.setQueryHandler(
            null,
            handler?.let { h ->
                QueryHandler(OBJECT, { name, input -> listOf(name, run.rawValues(input)) }, { name, args -> h.apply(name, rawValues(args[1])) })
            },
        )
    }

    /**
     * Sets (or removes) the handler of update [name], with an optional [validator] that rejects the update by throwing
     * before it is accepted. The handler returns the result or a `CompletionStage` of it, converted by its runtime
     * class.
     *
     * ```java
     * Workflow.setUpdateHandler("rename",
     *     args -> { name = args.get(0).get(String.class); return Workflow.completedFuture(name); },
     *     args -> { if (args.get(0).get(String.class).isBlank()) throw new IllegalArgumentException("blank name"); });
     * ```
     */
    @JvmStatic
    public fun setUpdateHandler(name: String, handler: Function<List<RawValue>, *>?, validator: Consumer<List<RawValue>>?) {
        val run = current("Workflow.setUpdateHandler")
        run.setUpdateHandler(
            name,
            handler?.let { h ->
                UpdateHandler(
                    policy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
                    resultType = OBJECT,
                    decode = { _, input -> listOf(run.rawValues(input)) },
                    validate = validator?.let { v -> { args -> v.accept(rawValues(args[0])) } },
                    run = { args -> callJava(false) { h.apply(rawValues(args[0])) } },
                )
            },
        )
    }

    /**
     * Sets (or removes) the handler of every update without a handler of its own, with an optional [validator]; both get
     * the update's name and arguments.
     */
    @JvmStatic
    public fun setDynamicUpdateHandler(handler: BiFunction<String, List<RawValue>, *>?, validator: BiConsumer<String, List<RawValue>>?) {
        val run = current("Workflow.setDynamicUpdateHandler")
        run.setUpdateHandler(
            null,
            handler?.let { h ->
                UpdateHandler(
                    policy = HandlerUnfinishedPolicy.WARN_AND_ABANDON,
                    resultType = OBJECT,
                    decode = { name, input -> listOf(name, run.rawValues(input)) },
                    validate = validator?.let { v -> { args -> v.accept(args[0] as String, rawValues(args[1])) } },
                    run = { args -> callJava(false) { h.apply(args[0] as String, rawValues(args[1])) } },
                )
            },
        )
    }

    private val OBJECT: KType = JavaKType.of(Any::class.java)

    @Suppress("UNCHECKED_CAST")
    private fun rawValues(args: Any?): List<RawValue> = args as List<RawValue>

    // ---- activities and child workflows by method reference (one overload per arity and kind of method) ---------

    /**
     * Runs the activity whose `@Activity` method is [activity] (a reference such as `GreetingActivities::compose`,
     * which names the activity and gives its parameter and result types) with no arguments, and completes with its
     * result; fails with an [dev.temporalkt.failure.ActivityFailure] when it failed, timed out or was cancelled. The
     * ScheduleActivityTask command is recorded now; cancelling the future (or its cancellation scope) requests
     * cancellation of the activity, as the options' cancellation type says.
     *
     * ```java
     * CompletableFuture<String> greeting = Workflow.executeActivity(GreetingActivities::compose, "Hello", name, OPTIONS);
     * ```
     *
     * There is an overload for each number of arguments (up to five), for methods returning a value, a
     * `CompletionStage` of one (the result is its value) or nothing (the result is `null`).
     *
     * @throws IllegalArgumentException when the method is no activity or the options have no timeout.
     */
    @JvmStatic
    public fun <A, R> executeActivity(activity: Func1<A, R>, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, emptyList(), options)

    /** [executeActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, R> executeActivity(activity: AsyncFunc1<A, R>, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, emptyList(), options)

    /** [executeActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A> executeActivity(activity: Proc1<A>, options: ActivityOptions): WorkflowFuture<Void?> =
        activityByReference(activity, emptyList(), options)

    /** Runs the activity [activity] with [arg1]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, R> executeActivity(activity: Func2<A, P1, R>, arg1: P1, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1), options)

    /** [executeActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, R> executeActivity(activity: AsyncFunc2<A, P1, R>, arg1: P1, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1), options)

    /** [executeActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1> executeActivity(activity: Proc2<A, P1>, arg1: P1, options: ActivityOptions): WorkflowFuture<Void?> =
        activityByReference(activity, listOf(arg1), options)

    /** Runs the activity [activity] with [arg1] and [arg2]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, R> executeActivity(activity: Func3<A, P1, P2, R>, arg1: P1, arg2: P2, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2), options)

    /** [executeActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, R> executeActivity(activity: AsyncFunc3<A, P1, P2, R>, arg1: P1, arg2: P2, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2), options)

    /** [executeActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2> executeActivity(activity: Proc3<A, P1, P2>, arg1: P1, arg2: P2, options: ActivityOptions): WorkflowFuture<Void?> =
        activityByReference(activity, listOf(arg1, arg2), options)

    /** Runs the activity [activity] with [arg1], [arg2] and [arg3]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, P3, R> executeActivity(activity: Func4<A, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2, arg3), options)

    /** [executeActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, P3, R> executeActivity(activity: AsyncFunc4<A, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2, arg3), options)

    /** [executeActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2, P3> executeActivity(activity: Proc4<A, P1, P2, P3>, arg1: P1, arg2: P2, arg3: P3, options: ActivityOptions): WorkflowFuture<Void?> =
        activityByReference(activity, listOf(arg1, arg2, arg3), options)

    /** Runs the activity [activity] with [arg1], [arg2], [arg3] and [arg4]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, R> executeActivity(activity: Func5<A, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2, arg3, arg4), options)

    /** [executeActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, R> executeActivity(activity: AsyncFunc5<A, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2, arg3, arg4), options)

    /** [executeActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4> executeActivity(activity: Proc5<A, P1, P2, P3, P4>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ActivityOptions): WorkflowFuture<Void?> =
        activityByReference(activity, listOf(arg1, arg2, arg3, arg4), options)

    /** Runs the activity [activity] with [arg1], [arg2], [arg3], [arg4] and [arg5]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, P5, R> executeActivity(activity: Func6<A, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [executeActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, P5, R> executeActivity(activity: AsyncFunc6<A, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ActivityOptions): WorkflowFuture<R> =
        activityByReference(activity, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [executeActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, P5> executeActivity(activity: Proc6<A, P1, P2, P3, P4, P5>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ActivityOptions): WorkflowFuture<Void?> =
        activityByReference(activity, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /**
     * Runs the local activity whose `@Activity` method is [activity] (a reference such as `RateActivities::current`)
     * with no arguments: the activity runs in this worker's process right away and its result is recorded in history as
     * a marker. Use it for short calls where scheduling through the server costs more than the work. Overloads and
     * failures are as for [executeActivity].
     */
    @JvmStatic
    public fun <A, R> executeLocalActivity(activity: Func1<A, R>, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, emptyList(), options)

    /** [executeLocalActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, R> executeLocalActivity(activity: AsyncFunc1<A, R>, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, emptyList(), options)

    /** [executeLocalActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A> executeLocalActivity(activity: Proc1<A>, options: LocalActivityOptions): WorkflowFuture<Void?> =
        localActivityByReference(activity, emptyList(), options)

    /** Runs the local activity [activity] with [arg1]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, R> executeLocalActivity(activity: Func2<A, P1, R>, arg1: P1, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1), options)

    /** [executeLocalActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, R> executeLocalActivity(activity: AsyncFunc2<A, P1, R>, arg1: P1, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1), options)

    /** [executeLocalActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1> executeLocalActivity(activity: Proc2<A, P1>, arg1: P1, options: LocalActivityOptions): WorkflowFuture<Void?> =
        localActivityByReference(activity, listOf(arg1), options)

    /** Runs the local activity [activity] with [arg1] and [arg2]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, R> executeLocalActivity(activity: Func3<A, P1, P2, R>, arg1: P1, arg2: P2, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2), options)

    /** [executeLocalActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, R> executeLocalActivity(activity: AsyncFunc3<A, P1, P2, R>, arg1: P1, arg2: P2, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2), options)

    /** [executeLocalActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2> executeLocalActivity(activity: Proc3<A, P1, P2>, arg1: P1, arg2: P2, options: LocalActivityOptions): WorkflowFuture<Void?> =
        localActivityByReference(activity, listOf(arg1, arg2), options)

    /** Runs the local activity [activity] with [arg1], [arg2] and [arg3]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, P3, R> executeLocalActivity(activity: Func4<A, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3), options)

    /** [executeLocalActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, P3, R> executeLocalActivity(activity: AsyncFunc4<A, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3), options)

    /** [executeLocalActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2, P3> executeLocalActivity(activity: Proc4<A, P1, P2, P3>, arg1: P1, arg2: P2, arg3: P3, options: LocalActivityOptions): WorkflowFuture<Void?> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3), options)

    /** Runs the local activity [activity] with [arg1], [arg2], [arg3] and [arg4]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, R> executeLocalActivity(activity: Func5<A, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3, arg4), options)

    /** [executeLocalActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, R> executeLocalActivity(activity: AsyncFunc5<A, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3, arg4), options)

    /** [executeLocalActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4> executeLocalActivity(activity: Proc5<A, P1, P2, P3, P4>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: LocalActivityOptions): WorkflowFuture<Void?> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3, arg4), options)

    /** Runs the local activity [activity] with [arg1], [arg2], [arg3], [arg4] and [arg5]; see the overload without arguments. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, P5, R> executeLocalActivity(activity: Func6<A, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [executeLocalActivity] of an activity method returning a `CompletionStage`: the result is its value. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, P5, R> executeLocalActivity(activity: AsyncFunc6<A, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: LocalActivityOptions): WorkflowFuture<R> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /** [executeLocalActivity] of an activity method returning nothing: the result is `null`. */
    @JvmStatic
    public fun <A, P1, P2, P3, P4, P5> executeLocalActivity(activity: Proc6<A, P1, P2, P3, P4, P5>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: LocalActivityOptions): WorkflowFuture<Void?> =
        localActivityByReference(activity, listOf(arg1, arg2, arg3, arg4, arg5), options)

    /**
     * Starts the child workflow whose `@WorkflowRun` method is [workflow] (a reference such as `InvoiceWorkflow::run`,
     * which names the workflow type and gives its parameter and result types); the future completes with the child's
     * handle once the server has started it (for its result, signals and cancellation), or fails (with
     * [dev.temporalkt.failure.WorkflowAlreadyStartedException] when the workflow id is in use). Cancelling the future,
     * the handle or the scope cancels the child as the options' cancellation type says.
     *
     * There is an overload for each number of arguments (up to five), for run methods returning a
     * `CompletionStage` (Java workflows), a value, or nothing.
     */
    @JvmStatic
    public fun <W, R> startChildWorkflow(workflow: AsyncFunc1<W, R>, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, emptyList(), options).first

    /** [startChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, R> startChildWorkflow(workflow: Func1<W, R>, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, emptyList(), options).first

    /** [startChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W> startChildWorkflow(workflow: Proc1<W>, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<Void?>> =
        childByReference<Void?>(workflow, emptyList(), options).first

    /** [startChildWorkflow] with [arg1]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, R> startChildWorkflow(workflow: AsyncFunc2<W, P1, R>, arg1: P1, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1), options).first

    /** [startChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, R> startChildWorkflow(workflow: Func2<W, P1, R>, arg1: P1, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1), options).first

    /** [startChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1> startChildWorkflow(workflow: Proc2<W, P1>, arg1: P1, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<Void?>> =
        childByReference<Void?>(workflow, listOf(arg1), options).first

    /** [startChildWorkflow] with [arg1] and [arg2]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, R> startChildWorkflow(workflow: AsyncFunc3<W, P1, P2, R>, arg1: P1, arg2: P2, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2), options).first

    /** [startChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, R> startChildWorkflow(workflow: Func3<W, P1, P2, R>, arg1: P1, arg2: P2, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2), options).first

    /** [startChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2> startChildWorkflow(workflow: Proc3<W, P1, P2>, arg1: P1, arg2: P2, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<Void?>> =
        childByReference<Void?>(workflow, listOf(arg1, arg2), options).first

    /** [startChildWorkflow] with [arg1], [arg2] and [arg3]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, P3, R> startChildWorkflow(workflow: AsyncFunc4<W, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3), options).first

    /** [startChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, P3, R> startChildWorkflow(workflow: Func4<W, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3), options).first

    /** [startChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2, P3> startChildWorkflow(workflow: Proc4<W, P1, P2, P3>, arg1: P1, arg2: P2, arg3: P3, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<Void?>> =
        childByReference<Void?>(workflow, listOf(arg1, arg2, arg3), options).first

    /** [startChildWorkflow] with [arg1], [arg2], [arg3] and [arg4]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, R> startChildWorkflow(workflow: AsyncFunc5<W, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4), options).first

    /** [startChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, R> startChildWorkflow(workflow: Func5<W, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4), options).first

    /** [startChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4> startChildWorkflow(workflow: Proc5<W, P1, P2, P3, P4>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<Void?>> =
        childByReference<Void?>(workflow, listOf(arg1, arg2, arg3, arg4), options).first

    /** [startChildWorkflow] with [arg1], [arg2], [arg3], [arg4] and [arg5]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, P5, R> startChildWorkflow(workflow: AsyncFunc6<W, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4, arg5), options).first

    /** [startChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, P5, R> startChildWorkflow(workflow: Func6<W, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<R>> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4, arg5), options).first

    /** [startChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, P5> startChildWorkflow(workflow: Proc6<W, P1, P2, P3, P4, P5>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ChildWorkflowOptions): WorkflowFuture<ChildWorkflowHandle<Void?>> =
        childByReference<Void?>(workflow, listOf(arg1, arg2, arg3, arg4, arg5), options).first

    /**
     * Runs the child workflow whose `@WorkflowRun` method is [workflow] and completes with its result; fails with a
     * [dev.temporalkt.failure.ChildWorkflowFailure] when the child failed, timed out, was terminated or cancelled.
     * See [startChildWorkflow] for the handle.
     *
     * ```java
     * CompletableFuture<Invoice> invoice = Workflow.executeChildWorkflow(InvoiceWorkflow::run, order, ChildWorkflowOptions.defaults());
     * ```
     */
    @JvmStatic
    public fun <W, R> executeChildWorkflow(workflow: AsyncFunc1<W, R>, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, emptyList(), options).second

    /** [executeChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, R> executeChildWorkflow(workflow: Func1<W, R>, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, emptyList(), options).second

    /** [executeChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W> executeChildWorkflow(workflow: Proc1<W>, options: ChildWorkflowOptions): WorkflowFuture<Void?> =
        childByReference<Void?>(workflow, emptyList(), options).second

    /** [executeChildWorkflow] with [arg1]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, R> executeChildWorkflow(workflow: AsyncFunc2<W, P1, R>, arg1: P1, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1), options).second

    /** [executeChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, R> executeChildWorkflow(workflow: Func2<W, P1, R>, arg1: P1, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1), options).second

    /** [executeChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1> executeChildWorkflow(workflow: Proc2<W, P1>, arg1: P1, options: ChildWorkflowOptions): WorkflowFuture<Void?> =
        childByReference<Void?>(workflow, listOf(arg1), options).second

    /** [executeChildWorkflow] with [arg1] and [arg2]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, R> executeChildWorkflow(workflow: AsyncFunc3<W, P1, P2, R>, arg1: P1, arg2: P2, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2), options).second

    /** [executeChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, R> executeChildWorkflow(workflow: Func3<W, P1, P2, R>, arg1: P1, arg2: P2, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2), options).second

    /** [executeChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2> executeChildWorkflow(workflow: Proc3<W, P1, P2>, arg1: P1, arg2: P2, options: ChildWorkflowOptions): WorkflowFuture<Void?> =
        childByReference<Void?>(workflow, listOf(arg1, arg2), options).second

    /** [executeChildWorkflow] with [arg1], [arg2] and [arg3]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, P3, R> executeChildWorkflow(workflow: AsyncFunc4<W, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3), options).second

    /** [executeChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, P3, R> executeChildWorkflow(workflow: Func4<W, P1, P2, P3, R>, arg1: P1, arg2: P2, arg3: P3, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3), options).second

    /** [executeChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2, P3> executeChildWorkflow(workflow: Proc4<W, P1, P2, P3>, arg1: P1, arg2: P2, arg3: P3, options: ChildWorkflowOptions): WorkflowFuture<Void?> =
        childByReference<Void?>(workflow, listOf(arg1, arg2, arg3), options).second

    /** [executeChildWorkflow] with [arg1], [arg2], [arg3] and [arg4]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, R> executeChildWorkflow(workflow: AsyncFunc5<W, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4), options).second

    /** [executeChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, R> executeChildWorkflow(workflow: Func5<W, P1, P2, P3, P4, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4), options).second

    /** [executeChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4> executeChildWorkflow(workflow: Proc5<W, P1, P2, P3, P4>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, options: ChildWorkflowOptions): WorkflowFuture<Void?> =
        childByReference<Void?>(workflow, listOf(arg1, arg2, arg3, arg4), options).second

    /** [executeChildWorkflow] with [arg1], [arg2], [arg3], [arg4] and [arg5]; see the overload without arguments. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, P5, R> executeChildWorkflow(workflow: AsyncFunc6<W, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4, arg5), options).second

    /** [executeChildWorkflow] of a run method returning a value. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, P5, R> executeChildWorkflow(workflow: Func6<W, P1, P2, P3, P4, P5, R>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ChildWorkflowOptions): WorkflowFuture<R> =
        childByReference<R>(workflow, listOf(arg1, arg2, arg3, arg4, arg5), options).second

    /** [executeChildWorkflow] of a run method returning nothing. */
    @JvmStatic
    public fun <W, P1, P2, P3, P4, P5> executeChildWorkflow(workflow: Proc6<W, P1, P2, P3, P4, P5>, arg1: P1, arg2: P2, arg3: P3, arg4: P4, arg5: P5, options: ChildWorkflowOptions): WorkflowFuture<Void?> =
        childByReference<Void?>(workflow, listOf(arg1, arg2, arg3, arg4, arg5), options).second
}
