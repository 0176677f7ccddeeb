@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.enums.v1.ParentClosePolicy as ParentClosePolicyProto
import dev.temporalkt.api.enums.v1.StartChildWorkflowExecutionFailedCause as StartChildFailedCause
import dev.temporalkt.api.enums.v1.WorkflowIdReusePolicy as IdReuseProto
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.common.SearchAttributeUpdate
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.failure.WorkflowAlreadyStartedException
import dev.temporalkt.worker.activation.ChildWorkflowResult
import dev.temporalkt.worker.activation.ChildWorkflowStartResolution
import dev.temporalkt.worker.activation.LogicFlag
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.workflow.ParentClosePolicy
import dev.temporalkt.workflow.WorkflowIdReusePolicy
import kotlinx.coroutines.CompletableDeferred
import java.util.UUID
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.converter.FailureConverter
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.converter.fromPayloads
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.TemporalFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.internal.workflow.WorkflowRuntime
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.ContinueAsNewException
import dev.temporalkt.workflow.ContinueAsNewOptions
import dev.temporalkt.workflow.UpdateInfo
import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.worker.interceptor.ContinueAsNewInput
import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.interceptor.HandleQueryInput
import dev.temporalkt.worker.interceptor.HandleSignalInput
import dev.temporalkt.worker.interceptor.HandleUpdateInput
import dev.temporalkt.worker.interceptor.SignalChildWorkflowInput
import dev.temporalkt.worker.interceptor.SignalExternalWorkflowInput
import dev.temporalkt.worker.interceptor.StartActivityInput
import dev.temporalkt.worker.interceptor.StartChildWorkflowInput
import dev.temporalkt.worker.interceptor.StartLocalActivityInput
import dev.temporalkt.workflow.ActivityHandle
import dev.temporalkt.workflow.ChildWorkflowHandle
import dev.temporalkt.api.sdk.v1.WorkflowDefinition as WorkflowDefinitionProto
import dev.temporalkt.api.sdk.v1.WorkflowInteractionDefinition
import dev.temporalkt.api.sdk.v1.WorkflowMetadata
import kotlinx.coroutines.future.await
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.yield
import kotlin.coroutines.ContinuationInterceptor
import kotlin.coroutines.CoroutineContext
import java.util.concurrent.CompletionStage
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.RetryState
import dev.temporalkt.workflow.HandlerUnfinishedPolicy
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.WorkflowEvictedError
import dev.temporalkt.workflow.WorkflowInfo
import dev.temporalkt.workflow.UpdateInfoElement
import dev.temporalkt.workflow.CurrentWorkflow
import dev.temporalkt.workflow.WorkflowContext
import dev.temporalkt.workflow.SignalHandler
import dev.temporalkt.workflow.QueryHandler
import dev.temporalkt.workflow.UpdateHandler
import dev.temporalkt.nexus.NexusOperationStarter
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import kotlinx.coroutines.launch
import org.slf4j.Logger
import org.slf4j.LoggerFactory
import java.lang.reflect.InvocationTargetException
import java.time.Instant
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import java.util.concurrent.Executors
import java.util.concurrent.FutureTask
import java.util.concurrent.ThreadFactory
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicInteger
import kotlin.coroutines.Continuation
import kotlin.coroutines.intrinsics.COROUTINE_SUSPENDED
import kotlin.coroutines.intrinsics.startCoroutineUninterceptedOrReturn
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import kotlin.time.Duration

/**
 * One workflow run in the worker's cache: the workflow object, its coroutines on a [WorkflowDispatcher],
 * and the state that pairs commands with the jobs that answer them. It is the Kotlin counterpart of the
 * Python SDK's workflow instance: the instance *is* the event loop, and [activate] is its only entry point.
 *
 * ## Applying an activation
 *
 * [activate] runs on a thread of the options' executor (never two activations of one run at once) and
 * waits for it at most the deadlock timeout. On that thread it:
 *
 * 1. updates workflow time ([WorkflowActivation.timestamp]), the replay flag and the history length;
 * 2. applies the run setup jobs: InitializeWorkflow decodes the run arguments and creates the workflow object
 *    (calling its `@WorkflowInit` constructor or function), so every handler sees an initialized object;
 *    NotifyHasPatch and UpdateRandomSeed change state that all code of the activation observes;
 * 3. applies the signals and updates, in history order: SignalWorkflow launches the signal's handler as a new
 *    coroutine, or buffers the signal until a handler for its name is registered; DoUpdate launches a coroutine
 *    that finds the handler, runs the validator when asked to, answers Accepted (or Rejected) and runs the
 *    handler. Then the dispatcher runs until quiescent, so handlers act before anything else of the activation
 *    (this is the order of [dev.temporalkt.worker.activation.JobOrder], enforced by running in stages);
 * 4. in the first activation, starts the run function's coroutine; then applies the remaining jobs in order:
 *    resolutions (FireTimer, ResolveActivity, child and external workflow resolutions) resume the coroutine
 *    that waits for them, and CancelWorkflow queues the cancellation of the run function's coroutine. Resuming
 *    never runs code inline: every coroutine is queued and runs in FIFO order. Then the dispatcher runs until
 *    quiescent ([WorkflowDispatcher.runUntilQuiescent]);
 * 5. answers with the commands emitted, in the order user code emitted them.
 *
 * A query-only activation answers each query from the current state without running the loop.
 *
 * ## When commands are emitted
 *
 * Commands are recorded the moment user code calls the API that emits them (a timer when `delay`
 * suspends, an activity when it is started, CancelTimer when the waiting coroutine is cancelled) and
 * returned with the activation. Update responses are recorded when the update is accepted or rejected and
 * when its handler ends.
 *
 * The command that closes the run is *decided* when the run function's coroutine ends (or when a handler or the
 * constructor fails the run, see below), but *recorded* only once the activation's loop is quiescent: it is
 * appended after every other command of the activation. The run function and handlers often wake in the same
 * activation (a signal satisfies a condition both wait on), and handlers that go on after the run function returned
 * still emit commands in that activation: an update's response, a timer, an activity. Those go out before the close,
 * so the closing command is always the last one (the server rejects a completion where it is not), live and on
 * replay alike. Only the first decision counts. Whether handlers are left unfinished (and the warning about them) is
 * decided at the same point, so a handler that finishes later in the same activation is not reported. The close
 * is decided by how the run function's coroutine ends:
 * - a value: CompleteWorkflowExecution with the value encoded with the run function's declared return type;
 * - [ContinueAsNewException]: ContinueAsNewWorkflowExecution;
 * - after a CancelWorkflow job, a [CancellationException], a [CanceledFailure], or a failure caused by one
 *   (an activity or child cancelled along with the workflow): CancelWorkflowExecution;
 * - a [TemporalFailure] (such as [ApplicationFailure]) or an instance of a configured failure exception
 *   type: FailWorkflowExecution with the converted failure;
 * - anything else: the workflow *task* fails ([WorkflowActivationCompletion.Failed]) and the run stays open,
 *   so a fixed worker can continue it from history.
 *
 * The same rules apply to exceptions thrown by signal handlers, by the workflow's constructor, and by coroutines
 * nobody awaits (a `launch` in a `supervisorScope`, whose exception would otherwise only reach the coroutine exception
 * handler): an [ApplicationFailure] thrown there fails the run, not just the task. For an update handler, a failure
 * type rejects the update instead (before acceptance) or fails the update (after it).
 *
 * ## Cancellation
 *
 * A CancelWorkflow job cancels only the run function's coroutine (and so everything it started in its
 * scope); handlers keep running. A cancelled `delay` emits CancelTimer; a cancelled activity await emits
 * RequestCancelActivity and waits for the resolution that the activity's cancellation type implies.
 * `withContext(NonCancellable)` shields cleanup as usual.
 *
 * ## Failures of the task
 *
 * The workflow task fails, and the run must be evicted, when user code throws a non-failure exception,
 * when it runs longer than [WorkflowInstanceOptions.deadlockTimeout] without yielding (the message holds the
 * blocked thread's stack), or when a workflow coroutine was resumed on another thread, ran on one ([EscapeGuard]) or
 * is still under another dispatcher when the run is quiescent (`withContext(Dispatchers.IO)`). Eviction
 * (RemoveFromCache) cancels every coroutine of the run without recording commands.
 */
internal class WorkflowInstance(
    val definition: WorkflowDefinition,
    initialize: ActivationJob.InitializeWorkflow,
    internal val payloadConverter: PayloadConverter,
    internal val failureConverter: FailureConverter,
    val options: WorkflowInstanceOptions,
) : WorkflowRuntime, WorkflowContext, NexusOperationStarter {
    /**
     * The run's start, without its arguments once they are decoded (a cached run does not keep its input payloads).
     */
    private var initialize: ActivationJob.InitializeWorkflow = initialize

    private val timers = Timers()
    // lambdas rather than bound function references, which hold four more fields each (for every cached run)
    internal val dispatcher: WorkflowDispatcher = WorkflowDispatcher(timers) { thread -> onForeignDispatch(thread) }
    override val isOnLoopThread: Boolean get() = dispatcher.isOnLoopThread
    private val rootJob = SupervisorJob()
    private val scope = CoroutineScope(
        dispatcher + rootJob +
            // an exception no coroutine awaits (a detached launch, a supervisorScope child) ends up here: the same rules
            // as for the run function apply (a failure fails the run, anything else the task)
            CoroutineExceptionHandler { _, e -> if (!evicting) closeRunWithFailure(e) } +
            EscapeGuard(dispatcher) { thread, context -> onForeignThread(thread, context) },
    )
    /** The logic flags the current activation makes available, and those its code used (see [tryUseFlag]). */
    private var availableFlags: Set<Int> = emptySet()
    private var usedFlagsOrNull: HashSet<Int>? = null

    /** The commands of the activation being applied; created with the first one, dropped at its end. */
    private var commandsOrNull: ArrayList<WorkflowCommand>? = null
    private val commands: ArrayList<WorkflowCommand> get() = commandsOrNull ?: ArrayList<WorkflowCommand>().also { commandsOrNull = it }
    private var taskFailure: Throwable? = null

    @Volatile
    private var escape: WorkflowEscapeException? = null

    @Volatile
    private var deadlock: PotentialDeadlockException? = null

    // [loopRunning] and [evictWhenLoopReturns] are shared by the caller of [activate] and the loop thread, and guarded
    // by this instance's monitor (no code outside this class can reach it; a lock object of its own would cost every
    // cached run another object)
    private var loopRunning = false
    private var evictWhenLoopReturns = false
    /** A caller is in [activate]; a second concurrent one is refused. Guarded by this instance's monitor. */
    private var activating = false

    private var workflow: Any? = null
    private var runArguments: List<Any?> = emptyList()
    private var main: Deferred<Any?>? = null
    private var initialized = false
    private var closed = false
    /** The command closing the run, decided in the current activation and recorded when its loop is quiescent. */
    private var closingCommand: WorkflowCommand? = null
    private var evicting = false
    private var cancelRequested = false
    private var readOnlyReason: String? = null

    override var now: Instant = initialize.startTime ?: Instant.EPOCH
        private set
    override var isReplaying: Boolean = false
        private set
    override var historyLength: Int = 0
        private set
    override var continueAsNewSuggested: Boolean = false
        private set
    override var historySizeBytes: Long = 0
        private set

    /** What the run says it is doing now, for the metadata query (and so the UI); set by workflow code. */
    private var currentDetails: String = ""
    private var runId: String = ""
    override val random: ReseedableRandom = ReseedableRandom(initialize.randomnessSeed)

    private var activitySeq = 0
    private var pendingActivitiesOrNull: HashMap<Int, PendingActivity>? = null
    private val pendingActivities: HashMap<Int, PendingActivity>
        get() = pendingActivitiesOrNull ?: HashMap<Int, PendingActivity>().also { pendingActivitiesOrNull = it }

    // The handler maps start as the definition's handlers; each is built on first use (a signal, query or update
    // arriving, or workflow code registering a handler), so an idle run that saw none holds no map.
    private var signalHandlersOrNull: HashMap<String, SignalHandler>? = null
    private val signalHandlers: HashMap<String, SignalHandler>
        get() = signalHandlersOrNull
            ?: definition.signals.mapValuesTo(HashMap()) { (_, h) -> annotatedSignal(h) }.also { signalHandlersOrNull = it }
    private var dynamicSignalHandler: SignalHandler? = null
    private var bufferedSignalsOrNull: ArrayList<ActivationJob.SignalWorkflow>? = null
    private val bufferedSignals: ArrayList<ActivationJob.SignalWorkflow>
        get() = bufferedSignalsOrNull ?: ArrayList<ActivationJob.SignalWorkflow>().also { bufferedSignalsOrNull = it }
    private var queryHandlersOrNull: HashMap<String, QueryHandler>? = null
    private val queryHandlers: HashMap<String, QueryHandler>
        get() = queryHandlersOrNull
            ?: definition.queries.mapValuesTo(HashMap()) { (_, h) -> annotatedQuery(h) }.also { queryHandlersOrNull = it }
    private var dynamicQueryHandler: QueryHandler? = null
    private var updateHandlersOrNull: HashMap<String, UpdateHandler>? = null
    private val updateHandlers: HashMap<String, UpdateHandler>
        get() = updateHandlersOrNull
            ?: definition.updates.mapValuesTo(HashMap()) { (name, h) -> annotatedUpdate(h, definition.validators[name]) }
                .also { updateHandlersOrNull = it }
    private var dynamicUpdateHandler: UpdateHandler? = null
    private var runningHandlersOrNull: LinkedHashSet<RunningHandler>? = null
    private val runningHandlers: LinkedHashSet<RunningHandler>
        get() = runningHandlersOrNull ?: LinkedHashSet<RunningHandler>().also { runningHandlersOrNull = it }

    // Created on first use by their getters (most runs use no patches, children or external workflows).
    private var patchesNotifiedOrNull: HashSet<String>? = null
    private val patchesNotified: HashSet<String> get() = patchesNotifiedOrNull ?: HashSet<String>().also { patchesNotifiedOrNull = it }
    private var patchesUsedOrNull: HashMap<String, Boolean>? = null
    private val patchesUsed: HashMap<String, Boolean> get() = patchesUsedOrNull ?: HashMap<String, Boolean>().also { patchesUsedOrNull = it }

    // The four below are built on first use, on the workflow's thread, and kept in plain fields (not `by lazy`,
    // whose holder objects every cached run would carry).
    private var interceptorChainOrNull: WorkflowInterceptorChain? = null

    /**
     * The run's worker interceptors. Without any, the chain is only the run itself, three small objects that are
     * built for each call instead of being kept by every cached run.
     */
    private val interceptorChain: WorkflowInterceptorChain
        get() = interceptorChainOrNull ?: WorkflowInterceptorChain(this, options.interceptors).also {
            if (options.interceptors.isNotEmpty()) interceptorChainOrNull = it
        }

    private var metricMeterOrNull: MetricMeter? = null

    /**
     * The replay-safe metric meter of the run's code: the worker's meter with the run's namespace, task queue and
     * workflow type as attributes, recording nothing while the run replays.
     */
    override val metricMeter: MetricMeter
        get() = metricMeterOrNull ?: run {
            val attributes = mapOf(
                "namespace" to options.namespace,
                "task_queue" to options.taskQueue,
                "workflow_type" to initialize.workflowType,
            )
            ReplaySafeMetricMeter(options.metricMeter.withAttributes(attributes)) { isReplaying }
        }.also { metricMeterOrNull = it }

    private var loggerOrNull: Logger? = null

    /** The replay-safe logger of the run's code; see [WorkflowLogger]. */
    override val logger: Logger get() = loggerOrNull ?: WorkflowLogger.create(this).also { loggerOrNull = it }

    private var infoOrNull: WorkflowInfo? = null

    override val info: WorkflowInfo get() = infoOrNull ?: buildInfo().also { infoOrNull = it }

    private fun buildInfo(): WorkflowInfo =
        WorkflowInfo(
            namespace = options.namespace,
            taskQueue = options.taskQueue,
            workflowId = initialize.workflowId,
            runId = runId,
            workflowType = initialize.workflowType,
            attempt = initialize.attempt,
            firstExecutionRunId = initialize.firstExecutionRunId,
            continuedRunId = initialize.continuedFromRunId.ifEmpty { null },
            cronSchedule = initialize.cronSchedule.ifEmpty { null },
            executionTimeout = initialize.executionTimeout,
            runTimeout = initialize.runTimeout,
            taskTimeout = initialize.taskTimeout,
            startTime = initialize.startTime,
            parent = initialize.parent?.let { WorkflowInfo.Execution(it.namespace, it.workflowId, it.runId) },
            // History names the root's workflow and run only: it is in this run's namespace.
            root = initialize.root?.let { WorkflowInfo.Execution(it.namespace.ifEmpty { options.namespace }, it.workflowId, it.runId) },
            retryPolicy = initialize.retryPolicy?.let(RetryPolicy::fromProto),
            headers = initialize.headers.fieldsMap.mapValues { RawValue(it.value, payloadConverter) },
        )

    init {
        definition.dynamicSignal?.let { dynamicSignalHandler = annotatedSignal(it) }
        definition.dynamicQuery?.let { dynamicQueryHandler = annotatedQuery(it) }
        definition.dynamicUpdate?.let { dynamicUpdateHandler = annotatedUpdate(it, null) }
    }

    /**
     * Applies [activation] to the run and answers it; see the class documentation for the steps. Never
     * throws: every problem becomes a [WorkflowActivationCompletion.Failed].
     *
     * The calling thread blocks while user code runs on the executor (at most the deadlock timeout), so call it
     * from a thread that may block (for example inside `withContext(Dispatchers.IO)` or `runInterruptible`),
     * never two at once for the same run. After a failed completion the run must be evicted (RemoveFromCache)
     * and replayed on a new instance.
     */
    override fun activate(activation: WorkflowActivation): WorkflowActivationCompletion {
        synchronized(this) {
            if (activating) {
                return failed(
                    activation.runId,
                    IllegalStateException(
                        "Workflow ${initialize.workflowType} (id '${initialize.workflowId}', run '${activation.runId}') " +
                            "was given an activation while another one is still being applied on another thread. A run " +
                            "applies one activation at a time; this one fails so that the run is evicted and replayed " +
                            "from its history.",
                    ),
                )
            }
            activating = true
        }
        try {
            return activateAlone(activation)
        } finally {
            synchronized(this) { activating = false }
        }
    }

    private fun activateAlone(activation: WorkflowActivation): WorkflowActivationCompletion {
        deadlock?.let { stuck ->
            if (!activation.isEviction) return failed(activation.runId, stuck)
            // The blocked thread may still be running user code: it evicts the run itself when it returns.
            val stillRunning = synchronized(this) {
                evictWhenLoopReturns = loopRunning
                loopRunning
            }
            if (stillRunning) return WorkflowActivationCompletion.Successful(activation.runId, emptyList())
        }
        val start = DeadlockClock.LoopStart()
        val task = FutureTask {
            start.mark()
            applyOnLoopThread(activation)
        }
        (options.executor ?: sharedExecutor).execute(task)
        // a teardown is bounded even without deadlock detection: code that does not stop is reported, not waited for
        val timeout = options.deadlockTimeout ?: if (activation.isEviction) TEARDOWN_TIMEOUT else null
        return try {
            if (timeout == null) task.get() else DeadlockClock.await(task, start, timeout)
        } catch (_: TimeoutException) {
            val thread = start.thread!!
            // The frames below the dispatcher loop are the runtime's own; the user code is above them.
            val stack = thread.stackTrace.takeWhile { it.className != WorkflowDispatcher::class.java.name }.toTypedArray()
            val message = if (activation.isEviction) teardownMessage(timeout!!, thread, stack) else deadlockMessage(timeout!!, thread, stack)
            val stuck = PotentialDeadlockException(message, stack)
            deadlock = stuck
            if (activation.isEviction) log.error(message)
            failed(activation.runId, stuck)
        } catch (e: ExecutionException) {
            failed(activation.runId, e.cause ?: e)
        } catch (e: InterruptedException) {
            Thread.currentThread().interrupt()
            failed(activation.runId, e)
        }
    }

    private fun teardownMessage(timeout: Duration, thread: Thread, stack: Array<StackTraceElement>): String =
        "Workflow ${initialize.workflowType} (id '${initialize.workflowId}', run '$runId') did not stop within $timeout " +
            "of being removed from the worker's cache: its code goes on running on thread '${thread.name}', which stays " +
            "busy until it returns. The worker goes on without the run (nothing it does reaches the server; the run " +
            "continues from its history). Workflow code must let WorkflowEvictedError and CancellationException " +
            "propagate instead of catching Throwable (or them) in a loop. Stack of the thread:\n" +
            stack.joinToString("\n") { "\tat $it" }

    private fun deadlockMessage(timeout: Duration, thread: Thread, stack: Array<StackTraceElement>): String =
        "Potential deadlock detected: workflow ${initialize.workflowType} (id '${initialize.workflowId}') ran for " +
            "more than $timeout without yielding in one workflow task. Workflow code must not block its thread: " +
            "no Thread.sleep, blocking I/O, locks or long computations. Use delay() or Workflow.waitCondition() to " +
            "wait and activities for blocking work. Stack of the blocked thread '${thread.name}':\n" +
            stack.joinToString("\n") { "\tat $it" }

    private fun applyOnLoopThread(activation: WorkflowActivation): WorkflowActivationCompletion {
        CurrentWorkflow.set(this)
        dispatcher.enter()
        synchronized(this) { loopRunning = true }
        try {
            if (activation.isEviction) {
                evict()
                return WorkflowActivationCompletion.Successful(activation.runId, emptyList())
            }
            escape?.let { return failed(activation.runId, it) }
            runId = activation.runId
            activation.timestamp?.let { now = it }
            isReplaying = activation.isReplaying
            historyLength = activation.historyLength
            continueAsNewSuggested = activation.continueAsNewSuggested
            historySizeBytes = activation.historySizeBytes
            availableFlags = activation.availableInternalFlags
            if (activation.isQueryOnly) {
                val answers = activation.jobs.map { answerQuery(it as ActivationJob.QueryWorkflow) }
                return WorkflowActivationCompletion.Successful(activation.runId, answers)
            }
            applyInStages(activation.jobs)
            // Read [escape] again after looking for foreign coroutines: a block that finished on another thread
            // meanwhile set it (on that thread, before running) and is no longer among the run's children.
            (escape ?: taskFailure ?: coroutineOnForeignDispatcher() ?: escape)?.let { return failed(activation.runId, it) }
            recordClose()
            return WorkflowActivationCompletion.Successful(
                activation.runId, commandsOrNull?.toList() ?: emptyList(), usedFlagsOrNull ?: emptySet(),
            )
        } catch (e: Throwable) {
            return failed(activation.runId, e)
        } finally {
            commandsOrNull = null
            usedFlagsOrNull = null
            availableFlags = emptySet()
            val evictNow = synchronized(this) {
                loopRunning = false
                evictWhenLoopReturns
            }
            if (evictNow) evict()
            dispatcher.exit()
            CurrentWorkflow.set(null)
        }
    }

    /**
     * Applies the jobs of a mutating activation in three stages, running the loop after the second and third:
     * 1. run setup: InitializeWorkflow (creates the workflow object), NotifyHasPatch, UpdateRandomSeed;
     * 2. signals and updates, whose handler coroutines then run until quiescent, conditions included, so they
     *    act before anything else of this activation;
     * 3. the run function's start (first activation only), then resolutions and CancelWorkflow in order, and
     *    the loop until quiescent.
     */
    private fun applyInStages(jobs: List<ActivationJob>) {
        val (setup, others) = jobs.partition {
            it is ActivationJob.InitializeWorkflow || it is ActivationJob.NotifyHasPatch || it is ActivationJob.UpdateRandomSeed
        }
        val (messages, rest) = others.partition { it is ActivationJob.SignalWorkflow || it is ActivationJob.DoUpdate }
        if (!initialized && setup.none { it is ActivationJob.InitializeWorkflow }) initializeRun(initialize)
        setup.forEach(::applyJob)
        if (messages.isNotEmpty() && !stopRequested()) {
            for (job in messages) {
                applyJob(job)
                if (stopRequested()) return
            }
            dispatcher.runUntilQuiescent(::stopRequested)
        }
        if (stopRequested()) return
        if (workflow != null && main == null && !closed) startMain()
        for (job in rest) {
            applyJob(job)
            if (stopRequested()) return
        }
        dispatcher.runUntilQuiescent(::stopRequested)
    }

    private fun stopRequested(): Boolean = taskFailure != null || escape != null

    private fun failed(runId: String, e: Throwable): WorkflowActivationCompletion.Failed {
        val failure = try {
            failureConverter.toFailure(e, payloadConverter)
        } catch (conversion: Exception) {
            Failure.newBuilder()
                .setMessage("${e.javaClass.name}: ${e.message} (the failure converter failed on it: $conversion)")
                .setStackTrace(e.stackTraceToString())
                .build()
        }
        return WorkflowActivationCompletion.Failed(runId, failure)
    }

    private fun applyJob(job: ActivationJob) {
        when (job) {
            is ActivationJob.InitializeWorkflow -> initializeRun(job)
            is ActivationJob.NotifyHasPatch -> patchesNotified += job.patchId
            is ActivationJob.UpdateRandomSeed -> random.reseed(job.randomnessSeed)
            is ActivationJob.SignalWorkflow -> deliverSignal(job)
            is ActivationJob.DoUpdate -> applyUpdate(job)
            is ActivationJob.FireTimer -> timers.fire(job.seq)
            is ActivationJob.ResolveActivity -> resolveActivity(job)
            is ActivationJob.ResolveChildWorkflowExecutionStart -> resolveChildStart(job)
            is ActivationJob.ResolveChildWorkflowExecution -> resolveChild(job)
            is ActivationJob.ResolveSignalExternalWorkflow -> resolveExternal(pendingExternalSignals, job.seq, job.failure, "signal")
            is ActivationJob.ResolveRequestCancelExternalWorkflow ->
                resolveExternal(pendingExternalCancels, job.seq, job.failure, "cancel request")
            is ActivationJob.CancelWorkflow -> {
                cancelRequested = true
                // Deferred to the loop, so a run function that has not started yet runs until its first suspension.
                val message = cancelMessage(job)
                dispatcher.enqueue { main?.cancel(CancellationException(message)) }
            }
            is ActivationJob.QueryWorkflow -> commands += answerQuery(job)
            is ActivationJob.RemoveFromCache -> evict()
            is ActivationJob.ResolveNexusOperationStart -> nexusOperations.resolveStart(job)?.let { failTask(it) }
            is ActivationJob.ResolveNexusOperation -> nexusOperations.resolve(job)?.let { failTask(it) }
        }
    }

    private fun cancelMessage(job: ActivationJob.CancelWorkflow): String =
        "Workflow cancellation requested" + if (job.reason.isNotEmpty()) ": ${job.reason}" else ""

    // ---------------------------------------------------------------------------------------------
    // The run function

    private fun initializeRun(job: ActivationJob.InitializeWorkflow) {
        if (initialized) return
        initialized = true
        try {
            runArguments = decodeArguments(job.arguments, definition.run, name = null)
            if (initialize.arguments.payloadsCount > 0) initialize = initialize.copy(arguments = Payloads.getDefaultInstance())
            workflow = invokeUser { definition.instantiate(runArguments) }
        } catch (e: Throwable) {
            closeRunWithFailure(e)
        }
    }

    private fun startMain() {
        // the coroutine captures nothing but the instance, so a run suspended in its run function keeps no arguments
        val deferred = scope.async(RUN_FUNCTION_NAME) { executeRun() }
        main = deferred
        deferred.invokeOnCompletion { cause -> onMainCompleted(deferred, cause) }
    }

    private suspend fun executeRun(): Any? {
        val args = runArguments
        runArguments = emptyList()
        val headers = if (initialize.headers.fieldsCount == 0) emptyMap() else initialize.headers.fieldsMap
        return interceptorChain.inbound.executeWorkflow(ExecuteWorkflowInput(initialize.workflowType, args, headers))
    }

    /** Runs the run function with [args]: the end of the inbound interceptor chain. */
    internal suspend fun runMainFunction(args: List<Any?>): Any? = callUser(definition.run, workflow!!, args)

    @OptIn(ExperimentalCoroutinesApi::class)
    private fun onMainCompleted(deferred: Deferred<Any?>, cause: Throwable?) {
        if (evicting || closed) return
        if (cause == null) {
            closeRun(WorkflowCommand.CompleteWorkflowExecution(encodeResult(deferred.getCompleted(), definition.run.returnType)))
        } else {
            closeRunWithFailure(cause)
        }
    }

    private fun closeRunWithFailure(cause: Throwable) {
        when {
            cause is ContinueAsNewException -> closeRun(cause.command)
            cancelRequested && isCancellation(cause) -> closeRun(WorkflowCommand.CancelWorkflowExecution)
            failsExecution(cause) -> closeRun(WorkflowCommand.FailWorkflowExecution(failureConverter.toFailure(cause, payloadConverter)))
            else -> failTask(cause)
        }
    }

    /** Decides the run's closing command; the first decision counts. [recordClose] records it. */
    private fun closeRun(command: WorkflowCommand) {
        if (closed) return
        closed = true
        closingCommand = command
    }

    /**
     * Records the closing command decided in this activation after all of its other commands, once the loop is
     * quiescent, and warns about the handlers still running then.
     */
    private fun recordClose() {
        val command = closingCommand ?: return
        closingCommand = null
        warnUnfinishedHandlers()
        commands += command
    }

    private fun isCancellation(e: Throwable): Boolean =
        e is CancellationException || e is CanceledFailure || (e is TemporalFailure && e.cause is CanceledFailure)

    private fun failsExecution(e: Throwable): Boolean =
        e is TemporalFailure ||
            definition.failureExceptionTypes.any { it.isInstance(e) } ||
            options.failureExceptionTypes.any { it.isInstance(e) }

    private fun failTask(e: Throwable) {
        if (taskFailure == null) taskFailure = e
    }

    /** A signal or update handler coroutine that has not finished yet. */
    private class RunningHandler(val kind: String, val name: String, val id: String?, val policy: HandlerUnfinishedPolicy) {
        override fun toString(): String = if (id == null) "$kind '$name'" else "$kind '$name' (id $id)"
    }

    private fun warnUnfinishedHandlers() {
        val unfinished = runningHandlersOrNull.orEmpty().filter { it.policy == HandlerUnfinishedPolicy.WARN_AND_ABANDON }
        if (isReplaying || unfinished.isEmpty()) return
        log.warn(
            "Workflow {} (id '{}', run '{}') finished while handlers were still running: {}. Their work is abandoned " +
                "and callers of unfinished updates get an error instead of a result. Wait for them before returning " +
                "with Workflow.waitCondition { Workflow.allHandlersFinished() }, or, if abandoning them is fine, set " +
                "unfinishedPolicy = HandlerUnfinishedPolicy.ABANDON on their @Signal or @Update annotation.",
            initialize.workflowType, initialize.workflowId, runId, unfinished.joinToString(),
        )
    }

    // ---------------------------------------------------------------------------------------------
    // Signals

    /**
     * A signal handler: [decode] turns the input into the handler's arguments, [call] runs the handler with them in
     * the handler's coroutine.
     */

    private fun annotatedSignal(handler: HandlerDefinition) = SignalHandler(
        handler.unfinishedPolicy,
        description = handler.description,
        decode = { name, input -> decodeArguments(input, handler, name) },
        call = { _, args -> callUser(handler, workflow!!, args) },
    )

    private fun deliverSignal(job: ActivationJob.SignalWorkflow) {
        val handler = signalHandlers[job.signalName] ?: dynamicSignalHandler
        if (handler == null || workflow == null) {
            bufferedSignals += job
            return
        }
        val args = try {
            handler.decode(job.signalName, job.input)
        } catch (e: Exception) {
            log.warn("Dropping signal '{}' of workflow '{}': its arguments cannot be decoded", job.signalName, initialize.workflowId, e)
            return
        }
        val running = RunningHandler("signal", job.signalName, null, handler.policy)
        runningHandlers += running
        scope.launch(CoroutineName("signal ${job.signalName}")) {
            try {
                interceptorChain.inbound.handleSignal(HandleSignalInput(job.signalName, args, job.headers.fieldsMap))
            } catch (e: Throwable) {
                if (!evicting) closeRunWithFailure(e)
            } finally {
                runningHandlers -= running
            }
        }
    }

    /** Runs the signal's handler: the end of the inbound interceptor chain. */
    internal suspend fun runSignalHandler(input: HandleSignalInput) {
        val handler = signalHandlers[input.signalName] ?: dynamicSignalHandler
            ?: throw IllegalStateException("Workflow ${definition.name} has no handler for signal '${input.signalName}' any more")
        handler.call(input.signalName, input.args)
    }

    override fun setSignalHandler(name: String?, handler: SignalHandler?) {
        requireMutable("Workflow.setSignalHandler")
        if (name == null) dynamicSignalHandler = handler else if (handler == null) signalHandlers.remove(name) else signalHandlers[name] = handler
        if (handler == null) return
        val buffered = bufferedSignalsOrNull ?: return
        val ready = buffered.filter { name == null || it.signalName == name }
        buffered.removeAll(ready.toSet())
        if (buffered.isEmpty()) bufferedSignalsOrNull = null
        ready.forEach(::deliverSignal)
    }

    // ---------------------------------------------------------------------------------------------
    // Queries


    private fun annotatedQuery(handler: HandlerDefinition) = QueryHandler(
        handler.returnType,
        description = handler.description,
        decode = { name, input -> decodeArguments(input, handler, name) },
        answer = { name, args -> callReadOnly("query handler '$name'", handler, args) },
    )

    /** Runs the query's handler: the end of the inbound interceptor chain. */
    internal fun runQueryHandler(input: HandleQueryInput): Any? {
        val handler = queryHandlers[input.queryType] ?: dynamicQueryHandler
            ?: throw IllegalArgumentException("Workflow ${definition.name} has no handler for query '${input.queryType}'")
        return handler.answer(input.queryType, input.args)
    }

    private fun answerQuery(job: ActivationJob.QueryWorkflow): WorkflowCommand.RespondToQuery {
        val outcome = try {
            when (job.queryType) {
                METADATA_QUERY -> return WorkflowCommand.RespondToQuery(
                    job.queryId,
                    QueryOutcome.Succeeded(payloadConverter.toPayload(metadata(), typeOf<WorkflowMetadata>())),
                )
                STACK_TRACE_QUERY -> return WorkflowCommand.RespondToQuery(
                    job.queryId,
                    QueryOutcome.Succeeded(payloadConverter.toPayload(waitingDescription(), typeOf<String>())),
                )
            }
            val handler = queryHandlers[job.queryType] ?: dynamicQueryHandler
                ?: throw IllegalArgumentException(
                    "Workflow ${definition.name} has no handler for query '${job.queryType}'; " +
                        "known queries: ${queryHandlers.keys.sorted()}",
                )
            check(workflow != null) { "The workflow object does not exist: its constructor failed" }
            val args = handler.decode(job.queryType, job.arguments)
            val value = withReadOnly("a query handler") {
                interceptorChain.inbound.handleQuery(HandleQueryInput(job.queryId, job.queryType, args, job.headers.fieldsMap))
            }
            QueryOutcome.Succeeded(encodeResult(value, handler.resultType))
        } catch (e: Throwable) {
            QueryOutcome.Failed(failureConverter.toFailure(unwrap(e), payloadConverter))
        }
        return WorkflowCommand.RespondToQuery(job.queryId, outcome)
    }

    /**
     * The answer to the built-in metadata query: the workflow type, the handlers registered now (annotated or set at
     * run time) with their descriptions, sorted by name, a dynamic handler first with an empty name, and the current
     * details.
     */
    private fun metadata(): WorkflowMetadata {
        fun definitions(named: Map<String, String>, dynamic: String?) = buildList {
            if (dynamic != null) add("" to dynamic)
            named.entries.sortedBy { it.key }.forEach { add(it.key to it.value) }
        }.map { (name, description) -> WorkflowInteractionDefinition.newBuilder().setName(name).setDescription(description).build() }
        val workflowDefinition = WorkflowDefinitionProto.newBuilder()
            .setType(initialize.workflowType)
            .addAllQueryDefinitions(definitions(queryHandlers.mapValues { it.value.description }, dynamicQueryHandler?.description))
            .addAllSignalDefinitions(definitions(signalHandlers.mapValues { it.value.description }, dynamicSignalHandler?.description))
            .addAllUpdateDefinitions(definitions(updateHandlers.mapValues { it.value.description }, dynamicUpdateHandler?.description))
            .build()
        return WorkflowMetadata.newBuilder().setDefinition(workflowDefinition).setCurrentDetails(currentDetails).build()
    }

    override fun currentDetails(): String = currentDetails

    override fun setCurrentDetails(details: String) {
        requireMutable("Workflow.setCurrentDetails")
        currentDetails = details
    }

    /**
     * The answer to the built-in stack trace query. Suspended coroutines have no thread stack, so the answer
     * lists what the run waits for: timers, activities, child and external workflows, conditions and handlers.
     */
    private fun waitingDescription(): String = buildString {
        append("Workflow ${initialize.workflowType} (id '${initialize.workflowId}', run '$runId') is waiting for:")
        val lines = buildList {
            timers.pendingSeqs().forEach { add("timer $it") }
            pendingActivitiesOrNull?.forEach { (seq, p) -> add("${if (p.handle.isLocal) "local activity" else "activity"} $seq '${p.handle.activityType}' (id ${p.handle.activityId})") }
            pendingChildren.forEach { (seq, p) -> add("child workflow $seq '${p.first.workflowType}' (id ${p.first.workflowId})") }
            pendingExternalSignals.keys.forEach { add("delivery of external signal $it") }
            pendingExternalCancels.keys.forEach { add("delivery of external cancel request $it") }
            nexusOperationsOrNull?.let { addAll(it.describePending()) }
            if (dispatcher.conditionWaiterCount > 0) add("${dispatcher.conditionWaiterCount} Workflow.waitCondition predicate(s)")
            runningHandlersOrNull?.forEach { add("running $it") }
        }
        if (lines.isEmpty()) append(" nothing") else lines.forEach { append("\n  - ").append(it) }
    }

    override fun setQueryHandler(name: String?, handler: QueryHandler?) {
        if (name == null) dynamicQueryHandler = handler else if (handler == null) queryHandlers.remove(name) else queryHandlers[name] = handler
    }

    /**
     * Calls a handler that must not change state or suspend (a query or an update validator). A `suspend`
     * handler is started without a dispatcher; if it suspends, the call fails with an explanation.
     */
    private fun callReadOnly(what: String, handler: HandlerDefinition, args: List<Any?>): Any? {
        val target = workflow!!
        if (!handler.isSuspend) return handler.caller.call(target, args)
        val block: suspend () -> Any? = { callUser(handler, target, args) }
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

    private inline fun <T> withReadOnly(reason: String, block: () -> T): T {
        val previous = readOnlyReason
        readOnlyReason = reason
        try {
            return block()
        } finally {
            readOnlyReason = previous
        }
    }

    /**
     * Throws when called from a query handler or update validator, where [api] would change the run, and while the run
     * is torn down ([WorkflowEvictedError]; see [evict]).
     */
    internal fun requireMutable(api: String) {
        if (evicting) {
            throw WorkflowEvictedError(
                "$api cannot be used: workflow ${initialize.workflowType} (id '${initialize.workflowId}') is being " +
                    "removed from the worker's cache. Let this error propagate; the run goes on from its history.",
            )
        }
        val reason = readOnlyReason ?: return
        throw ReadOnlyViolationException(
            "$api cannot be used in $reason: queries and update validators are read-only and must not start " +
                "timers, activities or child workflows, or change workflow state. Do this in the run function or " +
                "in a signal or update handler instead.",
        )
    }

    // ---------------------------------------------------------------------------------------------
    // Updates


    private fun annotatedUpdate(handler: HandlerDefinition, validator: HandlerDefinition?) = UpdateHandler(
        policy = handler.unfinishedPolicy,
        description = handler.description,
        resultType = handler.returnType,
        decode = { name, input -> decodeArguments(input, handler, name) },
        validate = validator?.let { v -> { args -> callReadOnly("update validator '${v.name}'", v, args) } },
        run = { args -> callUser(handler, workflow!!, args) },
    )

    private fun updateHandlerFor(name: String): UpdateHandler =
        updateHandlers[name] ?: dynamicUpdateHandler
            ?: throw IllegalStateException("Workflow ${definition.name} has no handler for update '$name' any more")

    /** Runs the update's validator, if it has one: the end of the inbound interceptor chain. */
    internal fun runUpdateValidator(input: HandleUpdateInput) {
        updateHandlerFor(input.updateName).validate?.invoke(input.args)
    }

    /** Runs the update's handler: the end of the inbound interceptor chain. */
    internal suspend fun runUpdateHandler(input: HandleUpdateInput): Any? = updateHandlerFor(input.updateName).run(input.args)

    /**
     * Launches the update's coroutine, which looks the handler up (so a handler registered by code that ran
     * earlier in this activation is found), runs the validator when asked to, answers Accepted, runs the handler
     * and answers Completed, or Rejected for a failure. A validator that breaks the read-only rule fails the
     * task; a non-failure exception from the handler after acceptance fails the task as well.
     */
    private fun applyUpdate(job: ActivationJob.DoUpdate) {
        fun reject(e: Throwable) {
            commands += WorkflowCommand.UpdateResponse(
                job.protocolInstanceId,
                UpdateOutcome.Rejected(failureConverter.toFailure(unwrap(e), payloadConverter)),
            )
        }
        var running: RunningHandler? = null
        scope.launch(CoroutineName("update ${job.name} (${job.id})") + UpdateInfoElement(UpdateInfo(job.id, job.name))) {
            var accepted = false
            try {
                val handler = updateHandlers[job.name] ?: dynamicUpdateHandler
                if (handler == null || workflow == null) {
                    throw ApplicationFailure(
                        "Workflow ${definition.name} has no handler for update '${job.name}'; " +
                            "known updates: ${updateHandlers.keys.sorted()}",
                        type = "UpdateHandlerNotFound",
                    )
                }
                running = RunningHandler("update", job.name, job.id, handler.policy).also { runningHandlers += it }
                val args = handler.decode(job.name, job.input)
                val input = HandleUpdateInput(job.id, job.name, args, job.headers.fieldsMap)
                if (job.runValidator) {
                    withReadOnly("an update validator") { interceptorChain.inbound.validateUpdate(input) }
                }
                commands += WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Accepted)
                accepted = true
                val value = interceptorChain.inbound.handleUpdate(input)
                commands += WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Completed(encodeResult(value, handler.resultType)))
            } catch (e: Throwable) {
                val error = unwrap(e)
                when {
                    evicting -> Unit
                    error is ReadOnlyViolationException -> failTask(error)
                    error is ContinueAsNewException -> closeRun(error.command)
                    !accepted || failsExecution(error) || error is CancellationException -> reject(error)
                    else -> failTask(error)
                }
            } finally {
                running?.let { runningHandlers -= it }
            }
        }
    }

    override fun setUpdateHandler(name: String?, handler: UpdateHandler?) {
        requireMutable("Workflow.setUpdateHandler")
        if (name == null) dynamicUpdateHandler = handler else if (handler == null) updateHandlers.remove(name) else updateHandlers[name] = handler
    }

    /** Whether no signal or update handler coroutine is running. */
    override fun allHandlersFinished(): Boolean = runningHandlersOrNull.isNullOrEmpty()

    // ---------------------------------------------------------------------------------------------
    // Timers

    /**
     * The run's durable timers by sequence number. A pending timer holds either the suspended coroutine to resume
     * (`delay`, [Workflow.sleep]: no extra object per sleeping run) or an action to run when it fires (a `withTimeout`
     * deadline, a local activity's retry backoff).
     */
    private inner class Timers : DurableTimers {
        private var seq = 0
        private var pendingOrNull: HashMap<Int, Any>? = null
        private val pending: HashMap<Int, Any> get() = pendingOrNull ?: HashMap<Int, Any>().also { pendingOrNull = it }

        override fun startTimer(duration: Duration, continuation: CancellableContinuation<Unit>): Int =
            start(duration, null, "delay/withTimeout", continuation)

        override fun startTimer(duration: Duration, onFire: () -> Unit): Int = start(duration, null, "delay/withTimeout", onFire)

        /** Starts a timer that resumes [waiter] (a `CancellableContinuation<Unit>`) or runs it (a `() -> Unit`). */
        fun start(duration: Duration, summary: String?, api: String, waiter: Any): Int {
            requireMutable(api)
            val timer = ++seq
            pending[timer] = waiter
            commands += WorkflowCommand.StartTimer(timer, duration, summary?.let { payloadConverter.toPayload(it, typeOf<String>()) })
            return timer
        }

        override fun cancelTimer(seq: Int) {
            if (pendingOrNull?.remove(seq) != null && !evicting) commands += WorkflowCommand.CancelTimer(seq)
        }

        fun pendingSeqs(): List<Int> = pendingOrNull?.keys?.sorted() ?: emptyList()

        @Suppress("UNCHECKED_CAST")
        fun fire(timer: Int) {
            when (val waiter = pendingOrNull?.remove(timer)) {
                is CancellableContinuation<*> -> (waiter as CancellableContinuation<Unit>).resume(Unit)
                null -> if (timer > seq) {
                    failTask(
                        IllegalStateException(
                            "FireTimer for timer $timer, which this run never started; the workflow code is probably " +
                                "not deterministic",
                        ),
                    )
                }
                else -> (waiter as () -> Unit)()
            }
        }

        /** The run is torn down: coroutines waiting for a timer resume with [error]; actions are dropped. */
        fun failAll(error: Throwable) {
            val waiters = pendingOrNull?.values?.toList() ?: return
            pendingOrNull = null
            for (waiter in waiters) if (waiter is CancellableContinuation<*>) waiter.resumeWithException(error)
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Activities

    private class PendingActivity(
        val handle: ActivityHandleImpl<*>,
        val resultType: KType,
        /** For local activities: schedules the next attempt after a backoff. */
        val reschedule: ((attempt: Int, originalScheduleTime: Instant?) -> Unit)? = null,
    )

    @Suppress("UNCHECKED_CAST")
    override fun <R> scheduleActivity(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ActivityOptions,
    ): ActivityHandle<R> {
        requireMutable("Workflow.startActivity")
        return interceptorChain.outbound.startActivity(StartActivityInput(activityType, args, argTypes, resultType, options)) as ActivityHandle<R>
    }

    /** Records the ScheduleActivity command: the end of the outbound interceptor chain. */
    internal fun <R> scheduleActivityCommand(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ActivityOptions,
        headers: Header,
    ): ActivityHandleImpl<R> {
        requireMutable("Workflow.startActivity")
        require(options.startToCloseTimeout != null || options.scheduleToCloseTimeout != null) {
            "Activity '$activityType': start-to-close or schedule-to-close timeout is required; set " +
                "ActivityOptions(startToCloseTimeout = ...) or ActivityOptions(scheduleToCloseTimeout = ...)"
        }
        require(args.size == argTypes.size) {
            "Activity '$activityType' takes ${argTypes.size} argument(s) $argTypes but was given ${args.size}"
        }
        val seq = ++activitySeq
        val activityId = options.activityId ?: seq.toString()
        commands += WorkflowCommand.ScheduleActivity(
            seq = seq,
            activityId = activityId,
            activityType = activityType,
            taskQueue = options.taskQueue ?: this.options.taskQueue,
            arguments = payloadConverter.toPayloads(args, argTypes),
            headers = headers,
            scheduleToClose = options.scheduleToCloseTimeout,
            scheduleToStart = options.scheduleToStartTimeout,
            startToClose = options.startToCloseTimeout,
            heartbeat = options.heartbeatTimeout,
            retryPolicy = options.retryPolicy?.toProto(),
            cancellationType = options.cancellationType,
            doNotEagerlyExecute = options.disableEagerExecution,
            summary = options.summary?.let { payloadConverter.toPayload(it, typeOf<String>()) },
        )
        val handle = ActivityHandleImpl<R>(this, seq, activityId, activityType)
        pendingActivities[seq] = PendingActivity(handle, resultType)
        return handle
    }

    @Suppress("UNCHECKED_CAST")
    override fun <R> scheduleLocalActivity(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: LocalActivityOptions,
    ): ActivityHandle<R> {
        requireMutable("Workflow.startLocalActivity")
        return interceptorChain.outbound.startLocalActivity(
            StartLocalActivityInput(activityType, args, argTypes, resultType, options),
        ) as ActivityHandle<R>
    }

    /** Records the ScheduleLocalActivity command (and those of its retries): the end of the outbound interceptor chain. */
    internal fun <R> scheduleLocalActivityCommand(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: LocalActivityOptions,
        headers: Header,
    ): ActivityHandleImpl<R> {
        requireMutable("Workflow.startLocalActivity")
        require(options.startToCloseTimeout != null || options.scheduleToCloseTimeout != null) {
            "Local activity '$activityType': start-to-close or schedule-to-close timeout is required; set " +
                "LocalActivityOptions(startToCloseTimeout = ...) or LocalActivityOptions(scheduleToCloseTimeout = ...)"
        }
        require(args.size == argTypes.size) {
            "Local activity '$activityType' takes ${argTypes.size} argument(s) $argTypes but was given ${args.size}"
        }
        val arguments = payloadConverter.toPayloads(args, argTypes)
        val firstSeq = activitySeq + 1
        val handle = ActivityHandleImpl<R>(this, firstSeq, options.activityId ?: firstSeq.toString(), activityType, isLocal = true)
        fun schedule(attempt: Int, originalScheduleTime: Instant?) {
            val seq = ++activitySeq
            handle.seq = seq
            commands += WorkflowCommand.ScheduleLocalActivity(
                seq = seq,
                activityId = handle.activityId,
                activityType = activityType,
                arguments = arguments,
                attempt = attempt,
                originalScheduleTime = originalScheduleTime,
                headers = headers,
                scheduleToClose = options.scheduleToCloseTimeout,
                scheduleToStart = options.scheduleToStartTimeout,
                startToClose = options.startToCloseTimeout,
                retryPolicy = options.retryPolicy?.toProto(),
                localRetryThreshold = options.localRetryThreshold,
                cancellationType = options.cancellationType,
            )
            pendingActivities[seq] = PendingActivity(handle, resultType, ::schedule)
        }
        schedule(attempt = 1, originalScheduleTime = null)
        return handle
    }

    internal fun requestCancelActivity(handle: ActivityHandleImpl<*>) {
        requireMutable("ActivityHandle.cancel")
        if (evicting) return
        val backoffTimer = handle.backoffTimer
        when {
            backoffTimer != null -> {
                // Between attempts nothing runs: drop the retry and report the cancellation at once.
                handle.backoffTimer = null
                timers.cancelTimer(backoffTimer)
                handle.result.completeExceptionally(
                    ActivityFailure(
                        "Local activity cancelled while waiting to retry", 0, 0, "", handle.activityType,
                        handle.activityId, RetryState.CANCEL_REQUESTED, CanceledFailure("Local activity cancelled"),
                    ),
                )
            }
            handle.isLocal -> commands += WorkflowCommand.RequestCancelLocalActivity(handle.seq)
            else -> commands += WorkflowCommand.RequestCancelActivity(handle.seq)
        }
    }

    private fun resolveActivity(job: ActivationJob.ResolveActivity) {
        val pending = pendingActivitiesOrNull?.remove(job.seq)
            ?: return failTask(
                IllegalStateException(
                    "ResolveActivity for activity ${job.seq}, which this run is not waiting for; the workflow code " +
                        "is probably not deterministic",
                ),
            )
        if (pendingActivitiesOrNull?.isEmpty() == true) pendingActivitiesOrNull = null
        val result = pending.handle.result
        when (val resolution = job.result) {
            is ActivityResolution.Completed -> try {
                result.complete(decodeResult(resolution.result, pending.resultType))
            } catch (e: Exception) {
                result.completeExceptionally(e)
            }
            is ActivityResolution.Failed -> result.completeExceptionally(failureConverter.toException(resolution.failure, payloadConverter))
            is ActivityResolution.Cancelled -> result.completeExceptionally(failureConverter.toException(resolution.failure, payloadConverter))
            is ActivityResolution.Backoff -> {
                val reschedule = pending.reschedule
                    ?: return failTask(
                        IllegalStateException("ActivityResolution.Backoff for activity ${job.seq}, which is not a local activity"),
                    )
                val handle = pending.handle
                handle.backoffTimer = timers.startTimer(resolution.backoff) {
                    handle.backoffTimer = null
                    reschedule(resolution.attempt, resolution.originalScheduleTime)
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Child workflows and external workflows

    private var childSeq = 0
    // Created on first use by their getters, like the patch collections.
    private var pendingChildrenOrNull: HashMap<Int, Pair<ChildWorkflowHandleImpl<*>, KType>>? = null
    private val pendingChildren: HashMap<Int, Pair<ChildWorkflowHandleImpl<*>, KType>> get() = pendingChildrenOrNull ?: HashMap<Int, Pair<ChildWorkflowHandleImpl<*>, KType>>().also { pendingChildrenOrNull = it }
    private var signalExternalSeq = 0
    private var pendingExternalSignalsOrNull: HashMap<Int, CompletableDeferred<Unit>>? = null
    private val pendingExternalSignals: HashMap<Int, CompletableDeferred<Unit>> get() = pendingExternalSignalsOrNull ?: HashMap<Int, CompletableDeferred<Unit>>().also { pendingExternalSignalsOrNull = it }
    private var cancelExternalSeq = 0
    private var pendingExternalCancelsOrNull: HashMap<Int, CompletableDeferred<Unit>>? = null
    private val pendingExternalCancels: HashMap<Int, CompletableDeferred<Unit>> get() = pendingExternalCancelsOrNull ?: HashMap<Int, CompletableDeferred<Unit>>().also { pendingExternalCancelsOrNull = it }

    @Suppress("UNCHECKED_CAST")
    override suspend fun <R> startChild(
        workflowType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ChildWorkflowOptions,
    ): ChildWorkflowHandle<R> {
        requireOwnDispatcher("Workflow.startChildWorkflow")
        requireMutable("Workflow.startChildWorkflow")
        return interceptorChain.outbound.startChildWorkflow(
            StartChildWorkflowInput(workflowType, args, argTypes, resultType, options),
        ) as ChildWorkflowHandle<R>
    }

    /** Records the StartChildWorkflowExecution command and waits for the start: the end of the outbound interceptor chain. */
    internal suspend fun <R> startChildCommand(
        workflowType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ChildWorkflowOptions,
        headers: Header,
    ): ChildWorkflowHandleImpl<R> {
        requireOwnDispatcher("Workflow.startChildWorkflow")
        requireMutable("Workflow.startChildWorkflow")
        require(args.size == argTypes.size) {
            "Child workflow '$workflowType' takes ${argTypes.size} argument(s) $argTypes but was given ${args.size}"
        }
        val seq = ++childSeq
        val workflowId = options.workflowId ?: uuid4().toString()
        commands += WorkflowCommand.StartChildWorkflowExecution(
            seq = seq,
            namespace = "",
            workflowId = workflowId,
            workflowType = workflowType,
            taskQueue = options.taskQueue ?: this.options.taskQueue,
            input = payloadConverter.toPayloads(args, argTypes),
            headers = headers,
            executionTimeout = options.executionTimeout,
            runTimeout = options.runTimeout,
            taskTimeout = options.taskTimeout,
            parentClosePolicy = when (options.parentClosePolicy) {
                ParentClosePolicy.TERMINATE -> ParentClosePolicyProto.PARENT_CLOSE_POLICY_TERMINATE
                ParentClosePolicy.ABANDON -> ParentClosePolicyProto.PARENT_CLOSE_POLICY_ABANDON
                ParentClosePolicy.REQUEST_CANCEL -> ParentClosePolicyProto.PARENT_CLOSE_POLICY_REQUEST_CANCEL
            },
            workflowIdReusePolicy = when (options.idReusePolicy) {
                WorkflowIdReusePolicy.ALLOW_DUPLICATE -> IdReuseProto.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
                WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY -> IdReuseProto.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY
                WorkflowIdReusePolicy.REJECT_DUPLICATE -> IdReuseProto.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE
            },
            retryPolicy = options.retryPolicy?.toProto(),
            cronSchedule = options.cronSchedule ?: "",
            memo = options.memo?.let(::memoProto),
            searchAttributes = options.searchAttributes?.toProto(),
            cancellationType = options.cancellationType,
            summary = options.summary?.let { payloadConverter.toPayload(it, typeOf<String>()) },
        )
        val handle = ChildWorkflowHandleImpl<R>(this, seq, workflowId, workflowType)
        pendingChildren[seq] = handle to resultType
        handle.awaitStart()
        return handle
    }

    internal fun cancelChild(handle: ChildWorkflowHandleImpl<*>) {
        requireMutable("ChildWorkflowHandle.cancel")
        if (!evicting) commands += WorkflowCommand.CancelChildWorkflowExecution(handle.seq)
    }

    private fun resolveChildStart(job: ActivationJob.ResolveChildWorkflowExecutionStart) {
        val (handle, _) = pendingChildren[job.seq] ?: return failTask(unknownSeq("child workflow", job.seq))
        when (val status = job.status) {
            is ChildWorkflowStartResolution.Succeeded -> handle.started.complete(status.runId)
            is ChildWorkflowStartResolution.Failed -> {
                pendingChildren.remove(job.seq)
                val error = if (status.cause == StartChildFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS) {
                    WorkflowAlreadyStartedException(status.workflowId, status.workflowType, null)
                } else {
                    ApplicationFailure("Child workflow ${status.workflowType} (id '${status.workflowId}') could not start: ${status.cause}", type = status.cause.name)
                }
                handle.started.completeExceptionally(error)
                handle.result.completeExceptionally(error)
            }
            is ChildWorkflowStartResolution.Cancelled -> {
                pendingChildren.remove(job.seq)
                val error = failureConverter.toException(status.failure, payloadConverter)
                handle.started.completeExceptionally(error)
                handle.result.completeExceptionally(error)
            }
        }
    }

    private fun resolveChild(job: ActivationJob.ResolveChildWorkflowExecution) {
        val (handle, resultType) = pendingChildren.remove(job.seq) ?: return failTask(unknownSeq("child workflow", job.seq))
        when (val outcome = job.result) {
            is ChildWorkflowResult.Completed -> try {
                handle.result.complete(decodeResult(outcome.result, resultType))
            } catch (e: Exception) {
                handle.result.completeExceptionally(e)
            }
            is ChildWorkflowResult.Failed -> handle.result.completeExceptionally(failureConverter.toException(outcome.failure, payloadConverter))
            is ChildWorkflowResult.Cancelled -> handle.result.completeExceptionally(failureConverter.toException(outcome.failure, payloadConverter))
        }
    }

    internal suspend fun signalExternal(target: SignalTarget, signalName: String, args: List<Any?>, argTypes: List<KType>) {
        requireMutable("signalling another workflow")
        when (target) {
            is SignalTarget.Child -> interceptorChain.outbound.signalChildWorkflow(
                SignalChildWorkflowInput(target.workflowId, signalName, args, argTypes),
            )
            is SignalTarget.External -> interceptorChain.outbound.signalExternalWorkflow(
                SignalExternalWorkflowInput(
                    target.execution.namespace, target.execution.workflowId, target.execution.runId.ifEmpty { null },
                    signalName, args, argTypes,
                ),
            )
        }
    }

    /** Records the SignalExternalWorkflowExecution command and waits for delivery: the end of the outbound interceptor chain. */
    internal suspend fun signalExternalCommand(
        target: SignalTarget,
        signalName: String,
        args: List<Any?>,
        argTypes: List<KType>,
        headers: Header,
    ) {
        requireMutable("signalling another workflow")
        require(args.size == argTypes.size) {
            "Signal '$signalName' takes ${argTypes.size} argument(s) $argTypes but was given ${args.size}"
        }
        val seq = ++signalExternalSeq
        commands += WorkflowCommand.SignalExternalWorkflowExecution(seq, target, signalName, payloadConverter.toPayloads(args, argTypes), headers)
        val delivered = CompletableDeferred<Unit>()
        pendingExternalSignals[seq] = delivered
        awaitDelivery(delivered, pendingExternalSignals, seq) { WorkflowCommand.CancelSignalExternalWorkflow(seq) }
    }

    internal suspend fun cancelExternal(target: NamespacedExecution) {
        requireMutable("ExternalWorkflowHandle.cancel")
        val seq = ++cancelExternalSeq
        commands += WorkflowCommand.RequestCancelExternalWorkflowExecution(seq, target)
        val delivered = CompletableDeferred<Unit>()
        pendingExternalCancels[seq] = delivered
        awaitDelivery(delivered, pendingExternalCancels, seq) { WorkflowCommand.CancelRequestCancelExternalWorkflow(seq) }
    }

    /**
     * Waits for the delivery of the signal or cancel request [seq] to another workflow. When the waiting coroutine is
     * cancelled first, it stops waiting at once, and the request is withdrawn ([withdraw]): a command not sent yet is
     * dropped, one already sent is delivered all the same but its outcome no longer resolves anything (runs recorded
     * before [LogicFlag.WITHDRAW_EXTERNAL_REQUESTS] keep sending the command and resolving).
     */
    private suspend fun awaitDelivery(
        delivered: CompletableDeferred<Unit>,
        pending: HashMap<Int, CompletableDeferred<Unit>>,
        seq: Int,
        withdraw: () -> WorkflowCommand,
    ) {
        try {
            delivered.await()
        } catch (e: CancellationException) {
            if (!delivered.isCompleted && !evicting && tryUseFlag(LogicFlag.WITHDRAW_EXTERNAL_REQUESTS)) {
                pending.remove(seq)
                commands += withdraw()
            }
            throw e
        }
    }

    /**
     * Whether the behaviour behind [flag] applies in this activation: the core makes a flag available for new work and
     * for replays of histories that recorded it. Using it reports it in the completion, so history records it.
     */
    private fun tryUseFlag(flag: LogicFlag): Boolean {
        if (flag.id !in availableFlags) return false
        (usedFlagsOrNull ?: HashSet<Int>(2).also { usedFlagsOrNull = it }).add(flag.id)
        return true
    }

    override fun externalHandle(workflowId: String, runId: String?): ExternalWorkflowHandleImpl =
        ExternalWorkflowHandleImpl(this, options.namespace, workflowId, runId)

    private fun resolveExternal(pending: HashMap<Int, CompletableDeferred<Unit>>, seq: Int, failure: Failure?, what: String) {
        val deferred = pending.remove(seq) ?: return failTask(unknownSeq("external $what", seq))
        if (failure == null) deferred.complete(Unit) else deferred.completeExceptionally(failureConverter.toException(failure, payloadConverter))
    }

    private fun unknownSeq(what: String, seq: Int) = IllegalStateException(
        "Resolution for $what $seq, which this run is not waiting for; the workflow code is probably not deterministic",
    )

    // ---------------------------------------------------------------------------------------------
    // Search attributes and memo

    /** The search attributes as upserted by this run; until the first read or upsert, decoded from the start event. */
    private var searchAttributesOrNull: SearchAttributes? = null
    override var searchAttributes: SearchAttributes
        get() = searchAttributesOrNull ?: SearchAttributes.fromProto(initialize.searchAttributes).also { searchAttributesOrNull = it }
        private set(value) {
            searchAttributesOrNull = value
        }
    /** The memo as upserted by this run; until the first upsert, the start event's memo is read. */
    private var upsertedMemo: LinkedHashMap<String, Payload>? = null
    private val memo: Map<String, Payload> get() = upsertedMemo ?: initialize.memo.fieldsMap

    override fun upsertSearchAttributes(updates: List<SearchAttributeUpdate<*>>) {
        requireMutable("Workflow.upsertSearchAttributes")
        require(updates.isNotEmpty()) { "Workflow.upsertSearchAttributes needs at least one update" }
        commands += WorkflowCommand.UpsertWorkflowSearchAttributes(SearchAttributeUpdate.toProto(updates))
        searchAttributes = searchAttributes.withUpdates(updates)
    }

    /** The result of the previous cron or retried run, still encoded; `null` when there is none. */
    override fun lastCompletionResult(): RawValue? =
        initialize.lastCompletionResult?.payloadsList?.firstOrNull()?.let { RawValue(it, payloadConverter) }

    /** The failure of the previous attempt when this run is a retry (or a cron run after a failure). */
    override fun lastFailure(): Throwable? = initialize.continuedFailure?.let { failureConverter.toException(it, payloadConverter) }

    override fun memo(): Map<String, RawValue> = memo.mapValues { RawValue(it.value, payloadConverter) }

    override fun upsertMemo(updates: Map<String, Any?>) {
        requireMutable("Workflow.upsertMemo")
        require(updates.isNotEmpty()) { "Workflow.upsertMemo needs at least one entry" }
        commands += WorkflowCommand.ModifyWorkflowProperties(memoProto(updates))
        val memo = upsertedMemo ?: LinkedHashMap(initialize.memo.fieldsMap).also { upsertedMemo = it }
        for ((key, value) in updates) {
            if (value == null) memo.remove(key) else memo[key] = payloadConverter.toPayload(value, typeOf<Any?>())
        }
    }

    private fun memoProto(values: Map<String, Any?>): Memo = Memo.newBuilder().apply {
        for ((key, value) in values) {
            // A null value is encoded as the converter encodes null (binary/null), which the server reads as a removal.
            putFields(key, payloadConverter.toPayload(value, typeOf<Any?>()))
        }
    }.build()

    override fun uuid4(): UUID {
        val bytes = random.nextBytes(16)
        bytes[6] = ((bytes[6].toInt() and 0x0f) or 0x40).toByte()
        bytes[8] = ((bytes[8].toInt() and 0x3f) or 0x80).toByte()
        var msb = 0L
        var lsb = 0L
        for (i in 0 until 8) msb = (msb shl 8) or (bytes[i].toLong() and 0xff)
        for (i in 8 until 16) lsb = (lsb shl 8) or (bytes[i].toLong() and 0xff)
        return UUID(msb, lsb)
    }

    // ---------------------------------------------------------------------------------------------
    // Conditions, patches, continue-as-new, foreign threads, eviction

    /**
     * Throws when a suspending workflow API is called from a coroutine that does not run on this run's
     * dispatcher although it runs on the loop thread, as inside `runBlocking` or `Dispatchers.Unconfined`. Inline, so
     * that it is no suspension point of its own: a workflow API ending in a suspending call keeps no frame.
     */
    internal suspend inline fun requireOwnDispatcher(api: String) {
        if (currentCoroutineContext()[ContinuationInterceptor] !== dispatcher) {
            throw IllegalStateException(CurrentWorkflow.outsideLoopMessage(api, Thread.currentThread()))
        }
    }

    override suspend fun sleep(duration: Duration, summary: String?) {
        requireOwnDispatcher("Workflow.sleep")
        requireMutable("Workflow.sleep")
        if (!duration.isPositive()) {
            yield()
            return
        }
        suspendCancellableCoroutine<Unit> { continuation ->
            val timer = timers.start(duration, summary, "Workflow.sleep", continuation)
            continuation.invokeOnCancellation { timers.cancelTimer(timer) }
        }
    }

    override suspend fun waitCondition(predicate: () -> Boolean) {
        requireOwnDispatcher("Workflow.waitCondition")
        requireMutable("Workflow.waitCondition")
        // a tail call: a run waiting here keeps no frame of this function
        return dispatcher.awaitCondition(predicate)
    }

    override fun patch(patchId: String, deprecated: Boolean): Boolean {
        patchesUsed[patchId]?.let { return it }
        requireMutable(if (deprecated) "Workflow.deprecatePatch" else "Workflow.patched")
        val use = !isReplaying || patchId in patchesNotified
        patchesUsed[patchId] = use
        if (use) commands += WorkflowCommand.SetPatchMarker(patchId, deprecated)
        return use
    }

    override fun continueAsNew(
        workflowType: String?,
        args: List<Any?>,
        argTypes: List<KType>?,
        options: ContinueAsNewOptions,
    ): Nothing {
        requireMutable("Workflow.continueAsNew")
        val types = argTypes ?: if (workflowType == null) definition.run.parameterTypes else args.map { typeOf<Any?>() }
        require(types.size == args.size) {
            "Workflow.continueAsNew got ${args.size} argument(s) but the run function takes ${types.size}: $types"
        }
        interceptorChain.outbound.continueAsNew(ContinueAsNewInput(workflowType, args, types, options))
    }

    /** Throws the continue-as-new that closes the run: the end of the outbound interceptor chain. */
    internal fun continueAsNewCommand(
        workflowType: String?,
        args: List<Any?>,
        types: List<KType>,
        options: ContinueAsNewOptions,
        headers: Header,
    ): Nothing {
        requireMutable("Workflow.continueAsNew")
        throw ContinueAsNewException(
            WorkflowCommand.ContinueAsNewWorkflowExecution(
                workflowType = workflowType ?: "",
                taskQueue = options.taskQueue ?: "",
                arguments = payloadConverter.toPayloads(args, types),
                runTimeout = options.runTimeout,
                taskTimeout = options.taskTimeout,
                memo = options.memo?.let(::memoProto),
                headers = headers,
                searchAttributes = options.searchAttributes?.toProto(),
                retryPolicy = options.retryPolicy?.toProto(),
            ),
        )
    }

    private fun onForeignDispatch(thread: Thread) {
        if (escape != null) return
        escape = WorkflowEscapeException(
            "A coroutine of workflow ${initialize.workflowType} (id '${initialize.workflowId}') was resumed on thread " +
                "'${thread.name}', outside the workflow's dispatcher. " +
                CurrentWorkflow.outsideLoopMessage("Resuming workflow code", thread).substringAfter(". "),
        )
    }

    /** Called by [EscapeGuard] when a coroutine of the run starts or resumes on [thread], not the loop thread. */
    private fun onForeignThread(thread: Thread, context: CoroutineContext) {
        if (escape != null || evicting) return
        escape = WorkflowEscapeException(
            "A coroutine of workflow ${initialize.workflowType} (id '${initialize.workflowId}') ran on thread " +
                "'${thread.name}' (dispatcher ${context[ContinuationInterceptor]}), outside the workflow's dispatcher. " +
                CurrentWorkflow.outsideLoopMessage("Running workflow code", thread).substringAfter(". "),
        )
    }

    /**
     * A workflow coroutine still running under another dispatcher once the run is quiescent (`withContext` to a
     * dispatcher whose thread has not picked the block up yet), as a [WorkflowEscapeException]; `null` when none.
     */
    private fun coroutineOnForeignDispatcher(): WorkflowEscapeException? {
        fun find(job: Job): CoroutineContext? {
            for (child in job.children) {
                val context = (child as? CoroutineScope)?.coroutineContext
                val interceptor = context?.get(ContinuationInterceptor)
                if (child.isActive && interceptor != null && interceptor !== dispatcher) return context
                find(child)?.let { return it }
            }
            return null
        }
        val context = find(rootJob) ?: return null
        return WorkflowEscapeException(
            "A coroutine of workflow ${initialize.workflowType} (id '${initialize.workflowId}') switched to " +
                "${context[ContinuationInterceptor]}, outside the workflow's dispatcher. " +
                CurrentWorkflow.outsideLoopMessage("Running workflow code", Thread.currentThread()).substringAfter(". "),
        )
    }

    /**
     * Tears the run down (RemoveFromCache), so its coroutines end without help from user code:
     * 1. from now on every workflow API that would change the run throws [WorkflowEvictedError] ([requireMutable]),
     *    and nothing recorded reaches the server (the eviction's completion carries no command);
     * 2. every suspension point of the run's own (timers, conditions, activity, child, external and Nexus
     *    resolutions) resumes with that error, which `catch (e: Exception)` does not catch;
     * 3. the root job is cancelled, for suspension points of other libraries (`Mutex`, `Channel`, user `async`);
     * 4. the loop runs until quiescent, so `finally` blocks run, on this loop thread.
     * Code that still does not stop keeps the loop thread busy; [activate] reports it once and the run is gone anyway.
     */
    private fun evict() {
        if (evicting) return
        evicting = true
        closed = true
        closingCommand = null
        isReplaying = true // nothing user code logs while being torn down is worth showing
        val error = WorkflowEvictedError(
            "Workflow ${initialize.workflowType} (id '${initialize.workflowId}', run '$runId') is being removed from the " +
                "worker's cache: its code must stop now, and nothing it does reaches the server. Let this error (and " +
                "CancellationException) propagate; the run goes on from its history.",
        )
        timers.failAll(error)
        dispatcher.failConditionWaiters(error)
        failPendingResolutions(error)
        rootJob.cancel(CancellationException("Workflow run evicted from the worker's cache"))
        try {
            dispatcher.runUntilQuiescent()
        } catch (_: Throwable) {
            // user cleanup code failing during eviction has nobody to report to
        }
        dispatcher.clear()
    }

    /** Resumes every coroutine waiting for a resolution of the core with [error]; see [evict]. */
    private fun failPendingResolutions(error: Throwable) {
        pendingActivitiesOrNull?.values?.forEach { it.handle.result.completeExceptionally(error) }
        pendingActivitiesOrNull = null
        pendingChildrenOrNull?.values?.forEach { (handle, _) ->
            handle.started.completeExceptionally(error)
            handle.result.completeExceptionally(error)
        }
        pendingChildrenOrNull = null
        pendingExternalSignalsOrNull?.values?.forEach { it.completeExceptionally(error) }
        pendingExternalSignalsOrNull = null
        pendingExternalCancelsOrNull?.values?.forEach { it.completeExceptionally(error) }
        pendingExternalCancelsOrNull = null
        nexusOperationsOrNull?.failAll(error)
    }

    // ---------------------------------------------------------------------------------------------
    // Nexus operations (state and resolutions in dev.temporalkt.workflow.internal.WorkflowNexusOperations)

    private var nexusOperationsOrNull: dev.temporalkt.workflow.internal.WorkflowNexusOperations? = null
    private val nexusOperations: dev.temporalkt.workflow.internal.WorkflowNexusOperations
        get() = nexusOperationsOrNull ?: dev.temporalkt.workflow.internal.WorkflowNexusOperations(
            this, payloadConverter, failureConverter, emit = { commands += it },
        ).also { nexusOperationsOrNull = it }

    @Suppress("UNCHECKED_CAST")
    override suspend fun <R> startNexusOperation(
        endpoint: String,
        service: String,
        operation: String,
        input: Any?,
        inputType: KType,
        resultType: KType,
        options: dev.temporalkt.nexus.NexusOperationOptions,
    ): dev.temporalkt.nexus.NexusOperationHandle<R> {
        requireOwnDispatcher("NexusClient.startOperation")
        requireMutable("NexusClient.startOperation")
        return interceptorChain.outbound.startNexusOperation(
            dev.temporalkt.worker.interceptor.StartNexusOperationInput(endpoint, service, operation, input, inputType, resultType, options),
        ) as dev.temporalkt.nexus.NexusOperationHandle<R>
    }

    /** Records the ScheduleNexusOperation command and waits for the start: the end of the outbound interceptor chain. */
    internal suspend fun scheduleNexusOperationCommand(
        endpoint: String,
        service: String,
        operation: String,
        input: Any?,
        inputType: KType,
        resultType: KType,
        options: dev.temporalkt.nexus.NexusOperationOptions,
        headers: Map<String, String>,
    ): dev.temporalkt.workflow.internal.NexusOperationHandleImpl<Any?> {
        requireOwnDispatcher("NexusClient.startOperation")
        requireMutable("NexusClient.startOperation")
        val handle = nexusOperations.schedule<Any?>(endpoint, service, operation, input, inputType, resultType, options, headers)
        handle.awaitStart()
        return handle
    }

    internal fun cancelNexusOperation(handle: dev.temporalkt.workflow.internal.NexusOperationHandleImpl<*>) {
        requireMutable("NexusOperationHandle.cancel")
        if (!evicting) nexusOperations.requestCancel(handle)
    }

    // ---------------------------------------------------------------------------------------------
    // Conversion and reflection helpers

    private fun decodeArguments(input: Payloads, handler: HandlerDefinition, name: String?): List<Any?> {
        val raw = input.payloadsList.map { RawValue(it, payloadConverter) }
        return when {
            handler.isDynamic && name != null -> listOf(name, raw)
            handler === definition.run && definition.dynamic -> listOf(raw)
            else -> payloadConverter.fromPayloads(input, handler.parameterTypes)
        }
    }

    override fun rawValues(input: Payloads): List<RawValue> = input.payloadsList.map { RawValue(it, payloadConverter) }

    /** Decodes an activity or child workflow result; `Unit` results are `Unit` whatever was sent. */
    private fun decodeResult(payload: Payload?, type: KType): Any? = when {
        type.classifier == Unit::class -> Unit
        payload == null -> null
        else -> payloadConverter.fromPayload(payload, type)
    }

    internal fun encodeResult(value: Any?, type: KType): Payload =
        if (type.classifier == Unit::class) {
            payloadConverter.toPayload(null, typeOf<Any?>())
        } else {
            payloadConverter.toPayload(value, type)
        }

    /**
     * Calls [handler] on [target] and, for a function returning a `CompletionStage` (Java workflow code), awaits it.
     * Every branch is a tail call, so a run suspended in its run function or a handler keeps no frame of this; the
     * result of a `suspend` function returning `Unit` is then unspecified (see [dev.temporalkt.reflection.internal.UserFunctionCaller.returnsUnit]), and
     * every caller encodes results by the declared type, which ignores the value for `Unit`.
     */
    private suspend fun callUser(handler: HandlerDefinition, target: Any, args: List<Any?>): Any? = when {
        handler.isSuspend && handler.returnsStage -> callSuspendAndAwait(handler, target, args)
        handler.isSuspend -> handler.caller.callSuspend(target, args)
        else -> awaitStage(handler.caller.call(target, args))
    }

    /** A `suspend` function returning a `CompletionStage`: awaiting the stage after the call takes a frame. */
    private suspend fun callSuspendAndAwait(handler: HandlerDefinition, target: Any, args: List<Any?>): Any? =
        awaitStage(handler.caller.callSuspend(target, args))

    private suspend fun awaitStage(result: Any?): Any? = if (result is CompletionStage<*>) result.await() else result

    private companion object {
        const val METADATA_QUERY = "__temporal_workflow_metadata"
        const val STACK_TRACE_QUERY = "__stack_trace"

        private val log = LoggerFactory.getLogger(WorkflowInstance::class.java)

        /** How long a teardown may take when deadlock detection is off, before it is reported and left behind. */
        private val TEARDOWN_TIMEOUT: Duration = Duration.parse("10s")

        /** The name of every run's run function coroutine (shared: a cached run holds no copy). */
        private val RUN_FUNCTION_NAME = CoroutineName("workflow run")

        private val sharedExecutor: Executor by lazy {
            val counter = AtomicInteger()
            Executors.newCachedThreadPool(
                ThreadFactory { r -> Thread(r, "temporal-workflow-${counter.incrementAndGet()}").apply { isDaemon = true } },
            )
        }

        private fun unwrap(e: Throwable): Throwable = if (e is InvocationTargetException) e.targetException ?: e else e

        private inline fun <T> invokeUser(block: () -> T): T = try {
            block()
        } catch (e: InvocationTargetException) {
            throw e.targetException ?: e
        }
    }
}
