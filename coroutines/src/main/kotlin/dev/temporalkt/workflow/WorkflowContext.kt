package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payloads
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
 */
internal interface WorkflowContext {
    /** Whether the calling thread is the run's loop thread, applying an activation. */
    val isOnLoopThread: Boolean

    // ---- the run and its task

    val now: Instant
    val random: Random
    val info: WorkflowInfo
    val isReplaying: Boolean
    val historyLength: Int
    val historySizeBytes: Long
    val continueAsNewSuggested: Boolean
    val logger: Logger
    val metricMeter: MetricMeter
    val searchAttributes: SearchAttributes

    fun uuid4(): UUID

    fun lastCompletionResult(): RawValue?

    fun lastFailure(): Throwable?

    fun currentDetails(): String

    fun setCurrentDetails(details: String)

    fun memo(): Map<String, RawValue>

    fun upsertMemo(updates: Map<String, Any?>)

    fun upsertSearchAttributes(updates: List<SearchAttributeUpdate<*>>)

    fun patch(patchId: String, deprecated: Boolean): Boolean

    fun continueAsNew(workflowType: String?, args: List<Any?>, argTypes: List<KType>?, options: ContinueAsNewOptions): Nothing

    // ---- waiting

    suspend fun sleep(duration: Duration, summary: String?)

    suspend fun waitCondition(predicate: () -> Boolean)

    // ---- activities, child and external workflows

    fun <R> scheduleActivity(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ActivityOptions,
    ): ActivityHandle<R>

    fun <R> scheduleLocalActivity(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: LocalActivityOptions,
    ): ActivityHandle<R>

    suspend fun <R> startChild(
        workflowType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ChildWorkflowOptions,
    ): ChildWorkflowHandle<R>

    fun externalHandle(workflowId: String, runId: String?): ExternalWorkflowHandle

    // ---- handlers registered at run time

    fun setSignalHandler(name: String?, handler: SignalHandler?)

    fun setQueryHandler(name: String?, handler: QueryHandler?)

    fun setUpdateHandler(name: String?, handler: UpdateHandler?)

    fun allHandlersFinished(): Boolean

    /** [input]'s payloads as raw values, decoded later with the run's payload converter. */
    fun rawValues(input: Payloads): List<RawValue>
}
