package dev.temporalkt.worker

import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.EvictionReason
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.internal.replay.WorkflowRunEngine
import dev.temporalkt.workflow.internal.WorkflowDefinition
import dev.temporalkt.workflow.internal.WorkflowInstance
import dev.temporalkt.workflow.internal.WorkflowInstanceOptions
import kotlin.reflect.KClass
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Replays recorded workflow histories through the current workflow code, to prove that a code change is still
 * compatible with runs already in flight. A history replays cleanly when the code produces the same commands, in
 * the same order, as the ones recorded.
 *
 * ```kotlin
 * val history = client.getWorkflowHandle<Unit>("order-1").fetchHistory().history
 * WorkflowReplayer(listOf(OrderWorkflow::class)).replay(history)   // throws on a mismatch
 * ```
 *
 * @param workflows the workflow classes that may appear in the histories.
 * @param dataConverter the converter the workflows were run with (codecs are not needed: give decoded histories).
 * @param deadlockTimeout as [WorkerOptions.deadlockTimeout]; `null` turns deadlock detection off, which suits
 *   replaying large histories on a busy machine.
 * @param interceptors as [WorkerOptions.interceptors]: give the worker's interceptors when they change what workflow
 *   code does (its arguments, or commands it sends).
 */
@OptIn(InternalTemporalApi::class)
public class WorkflowReplayer private constructor(
    all: Definitions,
    private val dataConverter: DataConverter,
    private val deadlockTimeout: Duration?,
    private val interceptors: List<WorkerInterceptor>,
) {
    @JvmOverloads
    public constructor(
        workflows: List<KClass<*>>,
        dataConverter: DataConverter = DataConverter.default,
        deadlockTimeout: Duration? = 2.seconds,
        interceptors: List<WorkerInterceptor> = emptyList(),
    ) : this(Definitions(workflows.map { WorkflowDefinition.of(it) }), dataConverter, deadlockTimeout, interceptors)

    /**
     * A replayer of the Kotlin [workflows] and of the definitions of another surface ([externalWorkflows]; the Java
     * facade reads Java classes into these without kotlin-reflect).
     */
    @InternalTemporalApi
    public constructor(
        workflows: List<KClass<*>>,
        externalWorkflows: List<WorkflowDefinition>,
        dataConverter: DataConverter,
        deadlockTimeout: Duration?,
        interceptors: List<WorkerInterceptor>,
    ) : this(Definitions(workflows.map { WorkflowDefinition.of(it) } + externalWorkflows), dataConverter, deadlockTimeout, interceptors)

    private class Definitions(val all: List<WorkflowDefinition>)

    private val definitions = all.all.filter { !it.dynamic }.associateBy { it.name }
    private val dynamicDefinition = all.all.firstOrNull { it.dynamic }

    /**
     * Replays [history] of workflow [workflowId].
     *
     * @throws IllegalArgumentException when the history does not start with a workflow execution started event or
     *   its workflow type is not among the replayer's workflows (and none of them is a dynamic workflow).
     * @throws dev.temporalkt.worker.internal.replay.NonDeterminismException (a [RuntimeException]) when the code no
     *   longer matches the history; the message names the history event and the command produced instead.
     * @throws WorkflowReplayException when workflow code failed a workflow task during replay; the message has the
     *   failure and its causes.
     */
    public fun replay(history: History, workflowId: String = "replay") {
        val first = history.eventsList.firstOrNull()
        require(first != null && first.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
            "A history to replay must start with WorkflowExecutionStarted, got ${first?.eventType ?: "no events"}"
        }
        val started = first.workflowExecutionStartedEventAttributes
        val definition = definitions[started.workflowType.name] ?: dynamicDefinition
        requireNotNull(definition) {
            "The history is of workflow type '${started.workflowType.name}', which is not among the replayer's workflows ${definitions.keys.sorted()}"
        }
        val engine = WorkflowRunEngine("default", started.taskQueue.name)
        engine.applyWorkflowTask(
            PollWorkflowTaskQueueResponse.newBuilder()
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(started.originalExecutionRunId.ifEmpty { "replay-run" }))
                .setWorkflowType(WorkflowType.newBuilder().setName(started.workflowType.name))
                .setHistory(history)
                .setStartedEventId(Long.MAX_VALUE)
                .build(),
        )
        var instance: WorkflowInstance? = null
        try {
            replayTasks(engine, definition, started.taskQueue.name) { instance = it }
        } finally {
            instance?.activate(
                WorkflowActivation(engine.runId, null, false, 0, listOf(ActivationJob.RemoveFromCache("replay finished", EvictionReason.LANG_REQUESTED))),
            )
        }
    }

    /**
     * The failure's message followed by those of its causes: a wrapper's message (such as that of an exception thrown
     * in a coroutine completion handler) alone does not say what went wrong.
     */
    private fun describe(failure: Failure): String = buildString {
        append(failure.message)
        var cause = failure.takeIf { it.hasCause() }?.cause
        while (cause != null) {
            append(" (caused by ")
            cause.applicationFailureInfo.type.takeIf { it.isNotEmpty() }?.let { append(it).append(": ") }
            append(cause.message).append(')')
            cause = cause.takeIf { it.hasCause() }?.cause
        }
    }

    private fun replayTasks(engine: WorkflowRunEngine, definition: WorkflowDefinition, taskQueue: String, created: (WorkflowInstance) -> Unit) {
        val first = engine.nextActivation() ?: return
        val instance = WorkflowInstance(
            definition,
            first.jobs.filterIsInstance<ActivationJob.InitializeWorkflow>().first(),
            dataConverter.payloadConverter,
            dataConverter.failureConverter,
            instanceOptions(taskQueue),
        ).also(created)
        // the whole history in one hand-off to the run's loop thread (see WorkflowRuntime.activateAll)
        instance.activateAll(first, engine::nextActivation) { completion ->
            if (completion is WorkflowActivationCompletion.Failed) {
                throw WorkflowReplayException("Workflow code failed a workflow task while replaying: ${describe(completion.failure)}")
            }
            engine.applyCompletion(completion)
        }
    }

    /** The options of the replayed runs: made once per task queue, not per replay. */
    private fun instanceOptions(taskQueue: String): WorkflowInstanceOptions =
        lastOptions?.takeIf { it.taskQueue == taskQueue }
            ?: WorkflowInstanceOptions(taskQueue = taskQueue, deadlockTimeout = deadlockTimeout, interceptors = interceptors).also { lastOptions = it }

    @Volatile
    private var lastOptions: WorkflowInstanceOptions? = null
}
