@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.common.SearchAttributeUpdate
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.nexus.NexusOperationHandle
import dev.temporalkt.nexus.NexusOperationOptions
import dev.temporalkt.nexus.NexusOperationStarter
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.workflow.UpdateInfo
import dev.temporalkt.workflow.UpdateInfoElement
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.DisposableHandle
import kotlin.coroutines.CoroutineContext
import dev.temporalkt.worker.interceptor.ContinueAsNewInput
import dev.temporalkt.worker.interceptor.StartNexusOperationInput
import dev.temporalkt.workflow.ActivityHandle
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.ChildWorkflowHandle
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.ContinueAsNewException
import dev.temporalkt.workflow.ContinueAsNewOptions
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.QueryHandler
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.SignalHandler
import dev.temporalkt.workflow.UpdateHandler
import dev.temporalkt.workflow.WorkflowContext
import dev.temporalkt.workflow.WorkflowInfo
import org.slf4j.Logger
import java.time.Instant
import java.util.UUID
import kotlin.reflect.KType
import kotlin.time.Duration

/**
 * The workflow API's view of [run] ([WorkflowContext], and [NexusOperationStarter] for Nexus clients): what workflow
 * code calls, checked ([requireMutable], [requireOwnDispatcher]) and handed to the run's collaborators. The run makes a
 * new one current for each activation on its loop thread, so a cached run holds none.
 */
internal class RunContext(private val run: WorkflowInstance) : WorkflowContext, NexusOperationStarter {
    override val isOnLoopThread: Boolean get() = run.dispatcher.isOnLoopThread
    override val now: Instant get() = run.now
    override val random: ReseedableRandom get() = run.random
    override val isReplaying: Boolean get() = run.isReplaying
    override val historyLength: Int get() = run.historyLength
    override val historySizeBytes: Long get() = run.historySizeBytes
    override val continueAsNewSuggested: Boolean get() = run.continueAsNewSuggested
    override val info: WorkflowInfo get() = run.properties.info
    override val logger: Logger get() = run.properties.logger
    override val metricMeter: MetricMeter get() = run.properties.metricMeter
    override val searchAttributes: SearchAttributes get() = run.properties.searchAttributes
    override fun currentDetails(): String = run.propertiesIfCreated?.currentDetails ?: ""
    override fun setVersioningBehavior(behavior: dev.temporalkt.common.VersioningBehavior) {
        run.versioningBehaviorOverride = behavior.takeIf { it != dev.temporalkt.common.VersioningBehavior.UNSPECIFIED }
        run.propertiesIfCreated?.forgetInfo()
    }

    override fun setCurrentDetails(details: String) {
        run.requireMutable("Workflow.setCurrentDetails")
        run.properties.currentDetails = details
    }
    override fun memo(): Map<String, RawValue> = run.properties.memo()
    override fun upsertMemo(updates: Map<String, Any?>) = run.properties.upsertMemo(updates)
    override fun upsertSearchAttributes(updates: List<SearchAttributeUpdate<*>>) = run.properties.upsertSearchAttributes(updates)
    override fun lastCompletionResult(): RawValue? = run.properties.lastCompletionResult()
    override fun lastFailure(): Throwable? = run.properties.lastFailure()
    override fun patch(patchId: String, deprecated: Boolean): Boolean = run.properties.patch(patchId, deprecated)
    override fun uuid4(): UUID = run.random.uuid4()
    override fun rawValues(input: Payloads): List<RawValue> = run.rawValueList(input)

    override suspend fun sleep(duration: Duration, summary: String?) {
        run.requireOwnDispatcher("Workflow.sleep")
        run.requireMutable("Workflow.sleep")
        return run.timers.sleep(duration, summary)
    }

    override suspend fun waitCondition(predicate: () -> Boolean) {
        run.requireOwnDispatcher("Workflow.waitCondition")
        run.requireMutable("Workflow.waitCondition")
        // a tail call: a run waiting here keeps no frame of this function
        return run.dispatcher.awaitCondition(predicate)
    }

    /** [waitCondition] without a coroutine: see [WorkflowDispatcher.whenCondition]; [api] names the caller in errors. */
    fun whenCondition(api: String, predicate: () -> Boolean, onMet: (Throwable?) -> Unit): DisposableHandle {
        run.requireMutable(api)
        return run.dispatcher.whenCondition(predicate, onMet)
    }

    override fun <R> scheduleActivity(activityType: String, args: List<Any?>, argTypes: List<KType>, resultType: KType, options: ActivityOptions): ActivityHandle<R> =
        run.activities.schedule(activityType, args, argTypes, resultType, options)

    override fun <R> scheduleLocalActivity(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: LocalActivityOptions,
    ): ActivityHandle<R> = run.activities.scheduleLocal(activityType, args, argTypes, resultType, options)

    override suspend fun <R> startChild(
        workflowType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ChildWorkflowOptions,
    ): ChildWorkflowHandle<R> = run.children.start(workflowType, args, argTypes, resultType, options)

    override fun externalHandle(workflowId: String, runId: String?): ExternalWorkflowHandleImpl =
        ExternalWorkflowHandleImpl(run.children, run.options.namespace, workflowId, runId)

    override fun setSignalHandler(name: String?, handler: SignalHandler?) = run.handlers.setSignalHandler(name, handler)
    override fun setQueryHandler(name: String?, handler: QueryHandler?) = run.handlers.setQueryHandler(name, handler)
    override fun setUpdateHandler(name: String?, handler: UpdateHandler?) = run.handlers.setUpdateHandler(name, handler)
    override fun allHandlersFinished(): Boolean = run.handlersIfCreated?.allFinished() ?: true

    override val coroutineScope: CoroutineScope get() = run.scope
    override val payloadConverter: PayloadConverter get() = run.payloadConverter
    override val isCancelRequested: Boolean get() = run.cancelRequested
    override fun failTask(cause: Throwable) = run.failTask(cause)
    override fun updateInfo(context: CoroutineContext): UpdateInfo? = context[UpdateInfoElement]?.info

    override suspend fun signalChild(childWorkflowId: String, signalName: String, args: List<Any?>, argTypes: List<KType>) {
        run.requireOwnDispatcher("ChildWorkflowHandle.signal")
        run.children.signal(SignalTarget.Child(childWorkflowId), signalName, args, argTypes)
    }

    override suspend fun signalExternal(workflowId: String, runId: String?, signalName: String, args: List<Any?>, argTypes: List<KType>) {
        run.requireOwnDispatcher("ExternalWorkflowHandle.signal")
        run.children.signal(
            SignalTarget.External(NamespacedExecution(run.options.namespace, workflowId, runId ?: "")), signalName, args, argTypes,
        )
    }

    override fun continueAsNew(workflowType: String?, args: List<Any?>, argTypes: List<KType>?, options: ContinueAsNewOptions): Nothing {
        run.requireMutable("Workflow.continueAsNew")
        val types = argTypes ?: if (workflowType == null) run.definition.run.parameterTypes else args.map { PlainKType.ANY }
        require(types.size == args.size) {
            "Workflow.continueAsNew got ${args.size} argument(s) but the run function takes ${types.size}: $types"
        }
        run.interceptorChain.outbound.continueAsNew(ContinueAsNewInput(workflowType, args, types, options))
    }

    @Suppress("UNCHECKED_CAST")
    override suspend fun <R> startNexusOperation(
        endpoint: String,
        service: String,
        operation: String,
        input: Any?,
        inputType: KType,
        resultType: KType,
        options: NexusOperationOptions,
    ): NexusOperationHandle<R> {
        run.requireOwnDispatcher("NexusClient.startOperation")
        run.requireMutable("NexusClient.startOperation")
        return run.interceptorChain.outbound.startNexusOperation(
            StartNexusOperationInput(endpoint, service, operation, input, inputType, resultType, options),
        ) as NexusOperationHandle<R>
    }
}

/** Throws the continue-as-new that closes the run: the end of the outbound interceptor chain. */
internal fun WorkflowInstance.continueAsNewCommand(workflowType: String?, args: List<Any?>, types: List<KType>, options: ContinueAsNewOptions, headers: Header): Nothing {
    requireMutable("Workflow.continueAsNew")
    throw ContinueAsNewException(
        WorkflowCommand.ContinueAsNewWorkflowExecution(
            workflowType = workflowType ?: "",
            taskQueue = options.taskQueue ?: "",
            arguments = payloadConverter.toPayloads(args, types),
            runTimeout = options.runTimeout,
            taskTimeout = options.taskTimeout,
            memo = options.memo?.let(properties::memoProto),
            headers = headers,
            searchAttributes = options.searchAttributes?.toProto(),
            retryPolicy = options.retryPolicy?.toProto(),
            initialVersioningBehavior = options.initialVersioningBehavior,
        ),
    )
}
