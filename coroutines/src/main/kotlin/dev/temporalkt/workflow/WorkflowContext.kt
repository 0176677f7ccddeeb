package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.internal.InternalTemporalApi
import kotlinx.coroutines.CoroutineScope
import kotlin.coroutines.CoroutineContext
import dev.temporalkt.common.SearchAttributeUpdate
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.metrics.MetricMeter
import org.slf4j.Logger
import java.time.Instant
import java.util.UUID
import kotlin.random.Random
import kotlin.reflect.KType
import kotlin.time.Duration

/**
 * What the workflow API ([Workflow]'s functions) asks of the run whose code calls it. The workflow runtime implements
 * it once per run and makes the run current on its loop thread ([CurrentWorkflow]), so this package knows no runtime
 * class: the API calls in, the runtime never calls the API.
 *
 * Every function is called on the run's loop thread; those that change the run throw when called from a query
 * handler or update validator (read-only) or while the run is torn down ([WorkflowEvictedError]).
 *
 * It is public, as an internal API, for the SDK's other workflow surface: the Java facade reaches the same run
 * through it, launches the coroutines that back its futures in [coroutineScope] and passes Java types as the
 * `KType`s of arguments and results.
 */
@InternalTemporalApi
public interface WorkflowContext {
    /** Whether the calling thread is the run's loop thread, applying an activation. */
    public val isOnLoopThread: Boolean

    // ---- the run and its task

    public val now: Instant
    public val random: Random
    public val info: WorkflowInfo
    public val isReplaying: Boolean
    public val historyLength: Int
    public val historySizeBytes: Long
    public val continueAsNewSuggested: Boolean
    public val logger: Logger
    public val metricMeter: MetricMeter
    public val searchAttributes: SearchAttributes

    public fun uuid4(): UUID

    public fun lastCompletionResult(): RawValue?

    public fun lastFailure(): Throwable?

    public fun currentDetails(): String

    public fun setCurrentDetails(details: String)

    public fun setVersioningBehavior(behavior: dev.temporalkt.common.VersioningBehavior)

    public fun memo(): Map<String, RawValue>

    public fun upsertMemo(updates: Map<String, Any?>)

    public fun upsertSearchAttributes(updates: List<SearchAttributeUpdate<*>>)

    public fun patch(patchId: String, deprecated: Boolean): Boolean

    public fun continueAsNew(workflowType: String?, args: List<Any?>, argTypes: List<KType>?, options: ContinueAsNewOptions): Nothing

    // ---- waiting

    public suspend fun sleep(duration: Duration, summary: String?)

    public suspend fun waitCondition(predicate: () -> Boolean)

    // ---- activities, child and external workflows

    public fun <R> scheduleActivity(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ActivityOptions,
    ): ActivityHandle<R>

    public fun <R> scheduleLocalActivity(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: LocalActivityOptions,
    ): ActivityHandle<R>

    public suspend fun <R> startChild(
        workflowType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ChildWorkflowOptions,
    ): ChildWorkflowHandle<R>

    public fun externalHandle(workflowId: String, runId: String?): ExternalWorkflowHandle

    // ---- handlers registered at run time

    public fun setSignalHandler(name: String?, handler: SignalHandler?)

    public fun setQueryHandler(name: String?, handler: QueryHandler?)

    public fun setUpdateHandler(name: String?, handler: UpdateHandler?)

    public fun allHandlersFinished(): Boolean

    /** [input]'s payloads as raw values, decoded later with the run's payload converter. */
    public fun rawValues(input: Payloads): List<RawValue>

    // ---- for surfaces other than Kotlin's (the Java facade composes futures on the run's dispatcher)

    /**
     * The run's coroutine scope: its dispatcher (the run's deterministic loop), its root job (cancelled when the run is
     * torn down), the handler of exceptions nobody awaits and the guard against code running off the loop. Coroutines
     * launched in it (or in a child job of its root job) are the run's own.
     */
    public val coroutineScope: CoroutineScope

    /** The run's payload converter. */
    public val payloadConverter: PayloadConverter

    /** Whether cancellation of the workflow was requested (a CancelWorkflow job was applied). */
    public val isCancelRequested: Boolean

    /**
     * Fails the current workflow task with [cause] at once: the loop stops before the next task and the activation
     * answers with the failure (the server retries the task, so a fixed worker continues the run).
     */
    public fun failTask(cause: Throwable)

    /** The update handled by the coroutine whose context is [context] (or by the handler that started it), if any. */
    public fun updateInfo(context: CoroutineContext): UpdateInfo?

    /** Sends signal [signalName] with [args] encoded as [argTypes] to the child workflow [childWorkflowId]. */
    public suspend fun signalChild(childWorkflowId: String, signalName: String, args: List<Any?>, argTypes: List<KType>)

    /**
     * Sends signal [signalName] with [args] encoded as [argTypes] to workflow [workflowId] (its run [runId], or the
     * current run when `null`).
     */
    public suspend fun signalExternal(workflowId: String, runId: String?, signalName: String, args: List<Any?>, argTypes: List<KType>)
}
