@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.workflow

import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.java.workflow.internal.JavaScopes
import dev.temporalkt.java.workflow.internal.operationFailure
import dev.temporalkt.workflow.CurrentWorkflow
import dev.temporalkt.workflow.WorkflowContext
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import java.lang.reflect.Type
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.function.BiConsumer
import java.util.function.BiFunction
import java.util.function.Consumer
import java.util.function.Function
import java.util.function.Supplier
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.time.toKotlinDuration

/**
 * The `CompletableFuture` of Java workflow code: every future the workflow API hands out ([Workflow.executeActivity],
 * [Workflow.sleep], [Workflow.await], [Workflow.newFuture]...) is one, and so is every future derived from one
 * (`thenApply`, `thenCompose`, `handle`...). It behaves as a `CompletableFuture` does, with three differences that
 * keep workflow code deterministic:
 *
 * - **Continuations run on the workflow's dispatcher.** [defaultExecutor] is the run's deterministic loop, so
 *   `thenApplyAsync`, `thenComposeAsync`, `whenCompleteAsync`... queue their function there, in order, and
 *   non-async continuations run where the future is completed, which is the loop too. Every continuation runs in the
 *   [CancellationScope] that was current when it was registered, so what it starts is cancelled with that scope.
 *   (Passing another `Executor` to an `...Async` method runs the function on that executor's threads, outside the
 *   workflow, where the workflow API refuses to be called; do not.)
 * - **No blocking.** [join] and [get] on a future that is not complete fail the workflow task at once (and throw
 *   [IllegalStateException]) with [BLOCKING_MESSAGE]: a workflow must not block its thread. The server retries the
 *   task, so a worker with fixed code continues the run. On a completed future they return its value as usual.
 * - **No wall clock.** [orTimeout] and [completeOnTimeout] start a durable timer (recorded in history, cancelled
 *   when the future completes first) instead of the JDK's timer thread; called outside workflow code they throw.
 *
 * ```java
 * @WorkflowRun
 * public CompletableFuture<Receipt> run(Order order) {
 *     return Workflow.executeActivity(Payments::charge, order, options)
 *         .thenCompose(charge -> Workflow.executeActivity(Shipping::ship, order, options)
 *             .thenApply(tracking -> new Receipt(charge, tracking)))
 *         .exceptionally(failure -> Receipt.failed(failure.getMessage()));
 * }
 * ```
 *
 * Futures of operations (activities, child workflows, timers, conditions) also take [cancel] as a request to cancel
 * the operation, see there. Futures made with `new CompletableFuture<>()` or the static methods of
 * `CompletableFuture` (`allOf`, `supplyAsync`...) run their async continuations on the common pool, outside the
 * workflow: use [Workflow.newFuture], [Workflow.allOf] and [Workflow.anyOf] instead.
 */
public class WorkflowFuture<T> private constructor(private val dispatcher: CoroutineDispatcher) : CompletableFuture<T>() {
    /** Cancels the operation behind this future, when it has one (see [cancel]). */
    @Volatile
    internal var cancelOperation: Runnable? = null

    // ---- the loop as executor

    /** The run's deterministic loop: functions given to it run on the workflow's dispatcher, in order. */
    override fun defaultExecutor(): Executor = Executor { task -> dispatcher.dispatch(EmptyCoroutineContext, scoped(task)) }

    override fun <U> newIncompleteFuture(): WorkflowFuture<U> = WorkflowFuture(dispatcher)

    /** A future that completes with this one and cannot complete this one. */
    override fun minimalCompletionStage(): CompletionStage<T> = thenApply { it }

    /** A future that completes with this one; completing it does not complete this one. */
    override fun copy(): WorkflowFuture<T> = thenApply { it }

    // ---- no blocking, no wall clock

    /**
     * This future's value once it is complete; on an incomplete future in workflow code, fails the workflow task (see
     * the class documentation) and throws [IllegalStateException].
     */
    override fun join(): T {
        if (!isDone) refuseBlocking("join()")
        return super.join()
    }

    /** As [join], with the checked exceptions of [java.util.concurrent.Future.get]. */
    override fun get(): T {
        if (!isDone) refuseBlocking("get()")
        return super.get()
    }

    /** As [join], with the checked exceptions of [java.util.concurrent.Future.get]; workflow code never waits. */
    override fun get(timeout: Long, unit: TimeUnit): T {
        if (!isDone) refuseBlocking("get(timeout, unit)")
        return super.get(timeout, unit)
    }

    private fun refuseBlocking(call: String) {
        // outside workflow code (a test holding a future, say) the future blocks as any future does
        val run = CurrentWorkflow.currentOrNull() ?: return
        val error = IllegalStateException("CompletableFuture.$call was called on an incomplete future. $BLOCKING_MESSAGE")
        run.failTask(error)
        throw error
    }

    /**
     * Completes this future with a `java.util.concurrent.TimeoutException` unless it completes within [timeout]: a
     * durable timer (a StartTimer command in history, cancelled with a CancelTimer when this future completes first),
     * in the current cancellation scope. Returns this future.
     *
     * @throws IllegalStateException outside workflow code.
     */
    override fun orTimeout(timeout: Long, unit: TimeUnit): WorkflowFuture<T> {
        if (!isDone) onTimeout("orTimeout", timeout, unit) { completeExceptionally(TimeoutException("Timed out after $timeout ${unit.name.lowercase()}")) }
        return this
    }

    /**
     * Completes this future with [value] unless it completes within [timeout], on a durable timer as [orTimeout] does.
     * Returns this future.
     *
     * @throws IllegalStateException outside workflow code.
     */
    override fun completeOnTimeout(value: T, timeout: Long, unit: TimeUnit): WorkflowFuture<T> {
        if (!isDone) onTimeout("completeOnTimeout", timeout, unit) { complete(value) }
        return this
    }

    private fun onTimeout(call: String, timeout: Long, unit: TimeUnit, action: () -> Unit) {
        val run = CurrentWorkflow.currentOrNull() ?: throw IllegalStateException(
            "CompletableFuture.$call of a workflow future was called outside workflow code: in a workflow it waits on a " +
                "durable timer, which only workflow code can start",
        )
        val duration = java.time.Duration.ofNanos(unit.toNanos(timeout))
        val timer = WorkflowFuture.sleep(run, duration, null, "the timer of $call")
        timer.thenRun { action() }
        whenComplete { _, _ -> if (!timer.isDone) timer.cancel(false) }
    }

    // ---- cancellation of the operation

    /**
     * For the future of an operation (an activity, a child workflow's result, a timer, a condition): requests
     * cancellation of the operation and returns `true`; the future then completes as the operation's cancellation
     * type says (an activity with an [dev.temporalkt.failure.ActivityFailure] caused by a
     * [dev.temporalkt.failure.CanceledFailure], a timer or condition with a `CanceledFailure`), and [isCancelled] stays
     * `false`, as the operation itself decides when it is over. For any other incomplete future, completes it with a
     * `CancellationException`, as `CompletableFuture.cancel` does. Returns `false` when the future is already done.
     */
    override fun cancel(mayInterruptIfRunning: Boolean): Boolean {
        if (isDone) return false
        val operation = cancelOperation ?: return super.cancel(mayInterruptIfRunning)
        operation.run()
        return true
    }

    // ---- continuations in the scope they were registered in

    override fun <U> thenApply(fn: Function<in T, out U>): WorkflowFuture<U> = super.thenApply(scoped(fn)) as WorkflowFuture<U>
    override fun <U> thenApplyAsync(fn: Function<in T, out U>): WorkflowFuture<U> = super.thenApplyAsync(scoped(fn)) as WorkflowFuture<U>
    override fun <U> thenApplyAsync(fn: Function<in T, out U>, executor: Executor): WorkflowFuture<U> =
        super.thenApplyAsync(scoped(fn), executor) as WorkflowFuture<U>

    override fun thenAccept(action: Consumer<in T>): WorkflowFuture<Void?> = super.thenAccept(scoped(action)) as WorkflowFuture<Void?>
    override fun thenAcceptAsync(action: Consumer<in T>): WorkflowFuture<Void?> = super.thenAcceptAsync(scoped(action)) as WorkflowFuture<Void?>
    override fun thenAcceptAsync(action: Consumer<in T>, executor: Executor): WorkflowFuture<Void?> =
        super.thenAcceptAsync(scoped(action), executor) as WorkflowFuture<Void?>

    override fun thenRun(action: Runnable): WorkflowFuture<Void?> = super.thenRun(scoped(action)) as WorkflowFuture<Void?>
    override fun thenRunAsync(action: Runnable): WorkflowFuture<Void?> = super.thenRunAsync(scoped(action)) as WorkflowFuture<Void?>
    override fun thenRunAsync(action: Runnable, executor: Executor): WorkflowFuture<Void?> =
        super.thenRunAsync(scoped(action), executor) as WorkflowFuture<Void?>

    override fun <U, V> thenCombine(other: CompletionStage<out U>, fn: BiFunction<in T, in U, out V>): WorkflowFuture<V> =
        super.thenCombine(other, scoped(fn)) as WorkflowFuture<V>
    override fun <U, V> thenCombineAsync(other: CompletionStage<out U>, fn: BiFunction<in T, in U, out V>): WorkflowFuture<V> =
        super.thenCombineAsync(other, scoped(fn)) as WorkflowFuture<V>
    override fun <U, V> thenCombineAsync(other: CompletionStage<out U>, fn: BiFunction<in T, in U, out V>, executor: Executor): WorkflowFuture<V> =
        super.thenCombineAsync(other, scoped(fn), executor) as WorkflowFuture<V>

    override fun <U> thenAcceptBoth(other: CompletionStage<out U>, action: BiConsumer<in T, in U>): WorkflowFuture<Void?> =
        super.thenAcceptBoth(other, scoped(action)) as WorkflowFuture<Void?>
    override fun <U> thenAcceptBothAsync(other: CompletionStage<out U>, action: BiConsumer<in T, in U>): WorkflowFuture<Void?> =
        super.thenAcceptBothAsync(other, scoped(action)) as WorkflowFuture<Void?>
    override fun <U> thenAcceptBothAsync(other: CompletionStage<out U>, action: BiConsumer<in T, in U>, executor: Executor): WorkflowFuture<Void?> =
        super.thenAcceptBothAsync(other, scoped(action), executor) as WorkflowFuture<Void?>

    override fun runAfterBoth(other: CompletionStage<*>, action: Runnable): WorkflowFuture<Void?> =
        super.runAfterBoth(other, scoped(action)) as WorkflowFuture<Void?>
    override fun runAfterBothAsync(other: CompletionStage<*>, action: Runnable): WorkflowFuture<Void?> =
        super.runAfterBothAsync(other, scoped(action)) as WorkflowFuture<Void?>
    override fun runAfterBothAsync(other: CompletionStage<*>, action: Runnable, executor: Executor): WorkflowFuture<Void?> =
        super.runAfterBothAsync(other, scoped(action), executor) as WorkflowFuture<Void?>

    override fun <U> applyToEither(other: CompletionStage<out T>, fn: Function<in T, U>): WorkflowFuture<U> =
        super.applyToEither(other, scoped(fn)) as WorkflowFuture<U>
    override fun <U> applyToEitherAsync(other: CompletionStage<out T>, fn: Function<in T, U>): WorkflowFuture<U> =
        super.applyToEitherAsync(other, scoped(fn)) as WorkflowFuture<U>
    override fun <U> applyToEitherAsync(other: CompletionStage<out T>, fn: Function<in T, U>, executor: Executor): WorkflowFuture<U> =
        super.applyToEitherAsync(other, scoped(fn), executor) as WorkflowFuture<U>

    override fun acceptEither(other: CompletionStage<out T>, action: Consumer<in T>): WorkflowFuture<Void?> =
        super.acceptEither(other, scoped(action)) as WorkflowFuture<Void?>
    override fun acceptEitherAsync(other: CompletionStage<out T>, action: Consumer<in T>): WorkflowFuture<Void?> =
        super.acceptEitherAsync(other, scoped(action)) as WorkflowFuture<Void?>
    override fun acceptEitherAsync(other: CompletionStage<out T>, action: Consumer<in T>, executor: Executor): WorkflowFuture<Void?> =
        super.acceptEitherAsync(other, scoped(action), executor) as WorkflowFuture<Void?>

    override fun runAfterEither(other: CompletionStage<*>, action: Runnable): WorkflowFuture<Void?> =
        super.runAfterEither(other, scoped(action)) as WorkflowFuture<Void?>
    override fun runAfterEitherAsync(other: CompletionStage<*>, action: Runnable): WorkflowFuture<Void?> =
        super.runAfterEitherAsync(other, scoped(action)) as WorkflowFuture<Void?>
    override fun runAfterEitherAsync(other: CompletionStage<*>, action: Runnable, executor: Executor): WorkflowFuture<Void?> =
        super.runAfterEitherAsync(other, scoped(action), executor) as WorkflowFuture<Void?>

    override fun <U> thenCompose(fn: Function<in T, out CompletionStage<U>>): WorkflowFuture<U> =
        super.thenCompose(scoped(fn)) as WorkflowFuture<U>
    override fun <U> thenComposeAsync(fn: Function<in T, out CompletionStage<U>>): WorkflowFuture<U> =
        super.thenComposeAsync(scoped(fn)) as WorkflowFuture<U>
    override fun <U> thenComposeAsync(fn: Function<in T, out CompletionStage<U>>, executor: Executor): WorkflowFuture<U> =
        super.thenComposeAsync(scoped(fn), executor) as WorkflowFuture<U>

    override fun <U> handle(fn: BiFunction<in T, Throwable?, out U>): WorkflowFuture<U> = super.handle(scoped(fn)) as WorkflowFuture<U>
    override fun <U> handleAsync(fn: BiFunction<in T, Throwable?, out U>): WorkflowFuture<U> = super.handleAsync(scoped(fn)) as WorkflowFuture<U>
    override fun <U> handleAsync(fn: BiFunction<in T, Throwable?, out U>, executor: Executor): WorkflowFuture<U> =
        super.handleAsync(scoped(fn), executor) as WorkflowFuture<U>

    override fun whenComplete(action: BiConsumer<in T, in Throwable?>): WorkflowFuture<T> = super.whenComplete(scoped(action)) as WorkflowFuture<T>
    override fun whenCompleteAsync(action: BiConsumer<in T, in Throwable?>): WorkflowFuture<T> =
        super.whenCompleteAsync(scoped(action)) as WorkflowFuture<T>
    override fun whenCompleteAsync(action: BiConsumer<in T, in Throwable?>, executor: Executor): WorkflowFuture<T> =
        super.whenCompleteAsync(scoped(action), executor) as WorkflowFuture<T>

    override fun exceptionally(fn: Function<Throwable, out T>): WorkflowFuture<T> = super.exceptionally(scoped(fn)) as WorkflowFuture<T>
    override fun exceptionallyAsync(fn: Function<Throwable, out T>): WorkflowFuture<T> = super.exceptionallyAsync(scoped(fn)) as WorkflowFuture<T>
    override fun exceptionallyAsync(fn: Function<Throwable, out T>, executor: Executor): WorkflowFuture<T> =
        super.exceptionallyAsync(scoped(fn), executor) as WorkflowFuture<T>

    override fun exceptionallyCompose(fn: Function<Throwable, out CompletionStage<T>>): WorkflowFuture<T> =
        super.exceptionallyCompose(scoped(fn)) as WorkflowFuture<T>
    override fun exceptionallyComposeAsync(fn: Function<Throwable, out CompletionStage<T>>): WorkflowFuture<T> =
        super.exceptionallyComposeAsync(scoped(fn)) as WorkflowFuture<T>
    override fun exceptionallyComposeAsync(fn: Function<Throwable, out CompletionStage<T>>, executor: Executor): WorkflowFuture<T> =
        super.exceptionallyComposeAsync(scoped(fn), executor) as WorkflowFuture<T>

    override fun completeAsync(supplier: Supplier<out T>): WorkflowFuture<T> = super.completeAsync(scoped(supplier)) as WorkflowFuture<T>
    override fun completeAsync(supplier: Supplier<out T>, executor: Executor): WorkflowFuture<T> =
        super.completeAsync(scoped(supplier), executor) as WorkflowFuture<T>

    override fun toCompletableFuture(): WorkflowFuture<T> = this

    override fun toString(): String = "Workflow" + super.toString().substringAfterLast('.')

    /** Constants. */
    public companion object {
        /**
         * The message with which [join] and [get] on an incomplete future fail the workflow task: workflow code must
         * compose futures, not wait for them.
         */
        public const val BLOCKING_MESSAGE: String =
            "Workflow code must not block its thread waiting for a result: compose futures instead (thenApply, " +
                "thenCompose, handle, Workflow.allOf or Workflow.anyOf) and return the resulting future from the run or " +
                "update method. The workflow task fails so that the server retries it; fix the code and redeploy the " +
                "worker to continue the run."

        // ---- how the Java workflow API turns the run's suspending operations into futures

        /** The run's dispatcher, which futures use as their executor. */
        internal fun dispatcher(run: WorkflowContext): CoroutineDispatcher =
            run.coroutineScope.coroutineContext[ContinuationInterceptor] as CoroutineDispatcher

        /** A new incomplete future of [run]. */
        internal fun <T> newFuture(run: WorkflowContext): WorkflowFuture<T> = WorkflowFuture(dispatcher(run))

        /**
         * Launches [block], [what] for messages, in the current scope and returns the future of its outcome. A problem
         * [block] finds before it first suspends (bad options, a read-only handler, a torn-down run) is thrown here, as
         * the Kotlin API throws it; a cancelled scope gives a future failed with [CanceledFailure] without starting
         * anything. Cancelling the future cancels the coroutine (see [WorkflowFuture.cancel]).
         */
        internal fun <T> launch(run: WorkflowContext, what: String, block: suspend CoroutineScope.() -> T): WorkflowFuture<T> {
            val scope = JavaScopes.currentOrRoot(run)
            val future = newFuture<T>(run)
            val job = scope[Job]
            if (job != null && !job.isActive) {
                future.completeExceptionally(CanceledFailure("$what was not started: its cancellation scope is cancelled"))
                return future
            }
            var started = false
            var failedAtStart: Throwable? = null
            val coroutine = launchScope(run, scope).launch(start = CoroutineStart.UNDISPATCHED) {
                val outcome = try {
                    Result.success(block())
                } catch (e: Throwable) {
                    if (!started && e !is CancellationException) {
                        failedAtStart = e
                        return@launch
                    }
                    Result.failure(e)
                }
                JavaScopes.within(scope) {
                    outcome.fold(
                        onSuccess = { future.complete(it) },
                        onFailure = { future.completeExceptionally(javaFailure(it, what)) },
                    )
                }
            }
            started = true
            failedAtStart?.let { throw it }
            if (!future.isDone) future.cancelOperation = Runnable { coroutine.cancel(CancellationException("$what was cancelled")) }
            return future
        }

        /**
         * The coroutine scope to launch an operation of [scope] in. Every scope of Java code derives from the run's root
         * context (the run's own, a handler's, or a child scope's `parent + job`), so launching in [scope] itself gives
         * the coroutine the same context as merging it into the run's scope would, without building another context
         * chain per operation; a scope on another dispatcher (none the facade makes) is still merged.
         */
        internal fun launchScope(run: WorkflowContext, scope: CoroutineContext): CoroutineScope {
            val root = run.coroutineScope
            return if (scope[ContinuationInterceptor] === root.coroutineContext[ContinuationInterceptor]) CoroutineScope(scope) else CoroutineScope(root.coroutineContext + scope)
        }

        /**
         * What a future completes with when its operation failed with [e]: a cancellation of the operation's coroutine (a
         * cancelled scope, timer or condition) becomes a [CanceledFailure], which workflow code can tell from other
         * failures and which closes a cancelled workflow as cancelled.
         */
        internal fun javaFailure(e: Throwable, what: String): Throwable = operationFailure(e, what)

        /** A durable timer of [duration] with [summary]. */
        internal fun sleep(run: WorkflowContext, duration: java.time.Duration, summary: String?, what: String): WorkflowFuture<Void?> {
            require(!duration.isNegative) { "A timer's duration must not be negative, was $duration" }
            val length = duration.toKotlinDuration()
            return launch(run, what) {
                run.sleep(length, summary)
                null
            }
        }

        /** The arguments of a Java varargs call as a list (a `null` array is one `null` argument). */
        internal fun args(args: Array<out Any?>?): List<Any?> = args?.toList() ?: listOf(null)

        /** The [JavaKType]s of [types]. */
        internal fun kotlinTypes(types: List<Type>) = JavaKType.ofAll(types)

        /** The types values given without a method reference travel with: each one's runtime class (`Object` for null). */
        internal fun runtimeTypes(args: List<Any?>) = args.map { JavaKType.of(it?.javaClass ?: Any::class.java) }

        private fun <A, R> scoped(fn: Function<A, R>): Function<A, R> {
            val scope = JavaScopes.current() ?: return fn
            return Function { a -> JavaScopes.within(scope) { fn.apply(a) } }
        }

        private fun <A, B, R> scoped(fn: BiFunction<A, B, R>): BiFunction<A, B, R> {
            val scope = JavaScopes.current() ?: return fn
            return BiFunction { a, b -> JavaScopes.within(scope) { fn.apply(a, b) } }
        }

        private fun <A> scoped(action: Consumer<A>): Consumer<A> {
            val scope = JavaScopes.current() ?: return action
            return Consumer { a -> JavaScopes.within(scope) { action.accept(a) } }
        }

        private fun <A, B> scoped(action: BiConsumer<A, B>): BiConsumer<A, B> {
            val scope = JavaScopes.current() ?: return action
            return BiConsumer { a, b -> JavaScopes.within(scope) { action.accept(a, b) } }
        }

        private fun scoped(action: Runnable): Runnable {
            val scope = JavaScopes.current() ?: return action
            return Runnable { JavaScopes.within(scope) { action.run() } }
        }

        private fun <R> scoped(supplier: Supplier<R>): Supplier<R> {
            val scope = JavaScopes.current() ?: return supplier
            return Supplier { JavaScopes.within(scope) { supplier.get() } }
        }
    }
}
