@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.converter.FailureConverter
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.LogicFlag
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.internal.workflow.WorkflowRuntime
import dev.temporalkt.workflow.CurrentWorkflow
import dev.temporalkt.workflow.WorkflowEvictedError
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.async
import java.time.Instant

/**
 * One workflow run in the worker's cache: the workflow object, its coroutines on a [WorkflowDispatcher], and the
 * state that pairs commands with the jobs that answer them. It is the Kotlin counterpart of the Python SDK's workflow
 * instance: the instance *is* the event loop, and [activate] is its only entry point. The workflow API reaches it
 * through a [RunContext] made current on the loop thread for each activation.
 *
 * The loop and the run's life are here; each concern has a collaborator, created on first use (an idle run that never
 * used one holds none): [RunTimers], [RunActivities], [RunChildren] (child workflows and requests to other workflows),
 * [RunHandlers] (signals, queries, updates), [WorkflowNexusOperations] and [RunProperties] (info, search attributes,
 * memo, patches). The user calls and conversions are in `RunCalls.kt`, the close in `RunClose.kt`, the checks of API
 * calls in `RunGuards.kt`; the hand-off to the loop thread, with deadlock detection, in `LoopThread.kt`; the detection
 * of code running off the loop in `EscapeDetection.kt`.
 *
 * ## Applying an activation
 *
 * [activate] runs the activation on a thread of the options' executor (never two activations of one run at once) and
 * waits for it at most the deadlock timeout. On that thread it:
 *
 * 1. updates workflow time ([WorkflowActivation.timestamp]), the replay flag and the history length;
 * 2. applies the run setup jobs: InitializeWorkflow decodes the run arguments and creates the workflow object
 *    (calling its `@WorkflowInit` constructor or function), so every handler sees an initialized object;
 *    NotifyHasPatch and UpdateRandomSeed change state that all code of the activation observes;
 * 3. applies the signals and updates, in history order (see [RunHandlers]). Then the dispatcher runs until quiescent,
 *    so handlers act before anything else of the activation (this is the order of
 *    [dev.temporalkt.worker.activation.JobOrder], enforced by running in stages);
 * 4. in the first activation, starts the run function's coroutine; then applies the remaining jobs in order:
 *    resolutions (FireTimer, ResolveActivity, child and external workflow resolutions) resume the coroutine
 *    that waits for them, and CancelWorkflow queues the cancellation of the run function's coroutine. Resuming
 *    never runs code inline: every coroutine is queued and runs in FIFO order. Then the dispatcher runs until
 *    quiescent ([WorkflowDispatcher.runUntilQuiescent]);
 * 5. answers with the commands emitted, in the order user code emitted them.
 *
 * A query-only activation answers each query from the current state without running the loop.
 *
 * The activations of one workflow task go to the loop thread in one hand-off ([activateAll]): the engine's side
 * (taking the next activation, applying a completion) runs there between them, so rebuilding a run from its history
 * costs one thread wake-up instead of two per activation. A worker's task does without even that hand-off
 * ([activateAllSuspending]): its coroutine suspends and its own thread applies the activations, under a watchdog for
 * the deadlines. `LoopThread.kt` has the rules and their deadlines.
 *
 * ## When commands are emitted
 *
 * Commands are recorded the moment user code calls the API that emits them (a timer when `delay` suspends, an activity
 * when it is started, CancelTimer when the waiting coroutine is cancelled) and returned with the activation. Update
 * responses are recorded when the update is accepted or rejected and when its handler ends.
 *
 * The command that closes the run is decided when the run function's coroutine ends, and recorded after every other
 * command of the activation; see `RunClose.kt` for the rules.
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
 * (RemoveFromCache) tears the run down ([evict]) without recording commands.
 */
internal class WorkflowInstance(
    val definition: WorkflowDefinition,
    initialize: ActivationJob.InitializeWorkflow,
    val payloadConverter: PayloadConverter,
    val failureConverter: FailureConverter,
    val options: WorkflowInstanceOptions,
) : WorkflowRuntime {
    /** The run's start, without its arguments once they are decoded (a cached run does not keep its input payloads). */
    var initialize: ActivationJob.InitializeWorkflow = initialize
        private set
    val workflowType: String get() = initialize.workflowType
    val workflowId: String get() = initialize.workflowId
    var runId: String = ""
        private set

    val timers = RunTimers(this)
    // lambdas rather than bound function references, which hold four more fields each (for every cached run)
    val dispatcher: WorkflowDispatcher = WorkflowDispatcher(timers) { thread -> onForeignDispatch(thread) }
    val rootJob = SupervisorJob()
    val scope = CoroutineScope(
        dispatcher + rootJob +
            // an exception no coroutine awaits (a detached launch, a supervisorScope child) ends up here: the same rules
            // as for the run function apply (a failure fails the run, anything else the task)
            CoroutineExceptionHandler { _, e -> if (!evicting) closeRunWithFailure(e) } +
            EscapeGuard(dispatcher) { thread, context -> onForeignThread(thread, context) },
    )

    // The collaborators, created on first use (see the class documentation).
    private var activitiesOrNull: RunActivities? = null
    val activities: RunActivities get() = activitiesOrNull ?: RunActivities(this).also { activitiesOrNull = it }
    private var childrenOrNull: RunChildren? = null
    val children: RunChildren get() = childrenOrNull ?: RunChildren(this).also { childrenOrNull = it }
    private var handlersOrNull: RunHandlers? = null
    val handlers: RunHandlers get() = handlersOrNull ?: RunHandlers(this).also { handlersOrNull = it }
    val handlersIfCreated: RunHandlers? get() = handlersOrNull
    private var nexusOperationsOrNull: WorkflowNexusOperations? = null
    val nexusOperations: WorkflowNexusOperations
        get() = nexusOperationsOrNull ?: WorkflowNexusOperations(this).also { nexusOperationsOrNull = it }
    /** The behaviour the run's code chose with `Workflow.setVersioningBehavior`; `null` for its definition's. */
    var versioningBehaviorOverride: VersioningBehavior? = null

    override val versioningBehavior: VersioningBehavior
        get() = versioningBehaviorOverride ?: definition.versioningBehavior

    private var propertiesOrNull: RunProperties? = null
    val properties: RunProperties get() = propertiesOrNull ?: RunProperties(this).also { propertiesOrNull = it }
    val propertiesIfCreated: RunProperties? get() = propertiesOrNull
    private var interceptorChainOrNull: WorkflowInterceptorChain? = null

    /**
     * The run's worker interceptors. Without any, the chain is only the run itself, three small objects that are
     * built for each call instead of being kept by every cached run.
     */
    val interceptorChain: WorkflowInterceptorChain
        get() = interceptorChainOrNull ?: WorkflowInterceptorChain(this, options.interceptors).also {
            if (options.interceptors.isNotEmpty()) interceptorChainOrNull = it
        }

    /** The logic flags the current activation makes available, and those its code used (see [tryUseFlag]). */
    private var availableFlags: Set<Int> = emptySet()
    private var usedFlagsOrNull: HashSet<Int>? = null

    /** The commands of the activation being applied; created with the first one, dropped at its end. */
    private var commandsOrNull: ArrayList<WorkflowCommand>? = null
    private var taskFailure: Throwable? = null

    /** Set when workflow code ran off the loop thread ([onForeignThread], [onForeignDispatch]); fails the activation. */
    @Volatile
    var escape: WorkflowEscapeException? = null

    /** Set when an activation did not return within its deadline; see `LoopThread.kt`. */
    @Volatile
    var deadlock: PotentialDeadlockException? = null

    // [loopRunning] and [evictWhenLoopReturns] are shared by the caller of [activate] and the loop thread, and guarded
    // by this instance's monitor (no code outside this module can reach it; a lock object of its own would cost every
    // cached run another object)
    var loopRunning = false
    var evictWhenLoopReturns = false
    /** A caller is in [activate]; a second concurrent one is refused. Guarded by this instance's monitor. */
    var activating = false

    private var workflow: Any? = null
    val hasWorkflowObject: Boolean get() = workflow != null
    val workflowObject: Any get() = workflow!!
    private var runArguments: List<Any?> = emptyList()
    private var main: Deferred<Any?>? = null
    private var initialized = false
    var closed = false
    /** The command closing the run, decided in the current activation and recorded when its loop is quiescent. */
    var closingCommand: WorkflowCommand? = null
    var evicting = false
        private set
    var cancelRequested = false
    /** Why the run is read-only now (a query handler or update validator runs), or `null`; see `RunGuards.kt`. */
    var readOnlyReason: String? = null

    var now: Instant = initialize.startTime ?: Instant.EPOCH
        private set
    var isReplaying: Boolean = false
        private set
    var historyLength: Int = 0
        private set
    var continueAsNewSuggested: Boolean = false
        private set
    var historySizeBytes: Long = 0
        private set
    val random: ReseedableRandom = ReseedableRandom(initialize.randomnessSeed)

    /**
     * Applies [activation] to the run and answers it; see the class documentation for the steps. Never
     * throws: every problem becomes a [WorkflowActivationCompletion.Failed].
     *
     * The calling thread blocks while user code runs on the executor (at most the deadlock timeout), so call it
     * from a thread that may block (for example inside `withContext(Dispatchers.IO)` or `runInterruptible`),
     * never two at once for the same run. After a failed completion the run must be evicted (RemoveFromCache)
     * and replayed on a new instance.
     */
    override fun activate(activation: WorkflowActivation): WorkflowActivationCompletion = activateOnLoopThread(activation)

    /**
     * Lets the run go without its eviction when [evict] would find nothing to stop (see
     * [WorkflowRuntime.releaseIfFinished]): no activation is being applied or was left behind by a deadlock, every
     * coroutine of the run has completed, the loop has nothing queued and no condition waiter, and no timer, activity,
     * child, delivery or Nexus operation waits for a resolution (whose failure would run a callback). The run is then
     * marked evicted, so any stray use of it does nothing.
     */
    override fun releaseIfFinished(): Boolean = synchronized(this) {
        if (activating || loopRunning || deadlock != null || evicting) return false
        val finished = rootJob.children.all { it.isCompleted } && dispatcher.isIdle && timers.isEmpty &&
            activitiesOrNull?.isEmpty != false && childrenOrNull?.isEmpty != false && nexusOperationsOrNull?.isEmpty != false
        if (finished) {
            evicting = true
            closed = true
        }
        finished
    }

    /**
     * Applies the activations of one workflow task on the loop thread in one hand-off, each within the deadlock
     * timeout as in [activate]; `LoopThread.kt` has the rule.
     */
    override fun activateAll(
        first: WorkflowActivation,
        next: () -> WorkflowActivation?,
        completed: (WorkflowActivationCompletion) -> Unit,
    ): Unit = activateAllOnLoopThread(first, next, completed)

    /**
     * Applies the activations of one workflow task on the caller's own worker thread while the caller is suspended,
     * each within the deadlock timeout as in [activate]; `LoopThread.kt` has the rule.
     */
    override suspend fun activateAllSuspending(
        first: WorkflowActivation,
        next: () -> WorkflowActivation?,
        completed: (WorkflowActivationCompletion) -> Unit,
    ): Unit = activateAllOnCallerThread(first, next, completed)

    /** Applies [activation] on the loop thread (called there by `LoopThread.kt`). */
    fun applyOnLoopThread(activation: WorkflowActivation): WorkflowActivationCompletion {
        CurrentWorkflow.set(RunContext(this))
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
                val answers = activation.jobs.map { handlers.answerQuery(it as ActivationJob.QueryWorkflow) }
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

    fun failed(runId: String, e: Throwable): WorkflowActivationCompletion.Failed {
        val failure = try {
            toFailure(e)
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
            is ActivationJob.NotifyHasPatch -> properties.notifyPatch(job.patchId)
            is ActivationJob.UpdateRandomSeed -> random.reseed(job.randomnessSeed)
            is ActivationJob.SignalWorkflow -> handlers.deliverSignal(job)
            is ActivationJob.DoUpdate -> handlers.applyUpdate(job)
            is ActivationJob.FireTimer -> timers.fire(job.seq)
            is ActivationJob.ResolveActivity -> activities.resolve(job)
            is ActivationJob.ResolveChildWorkflowExecutionStart -> children.resolveStart(job)
            is ActivationJob.ResolveChildWorkflowExecution -> children.resolve(job)
            is ActivationJob.ResolveSignalExternalWorkflow -> children.resolveSignal(job)
            is ActivationJob.ResolveRequestCancelExternalWorkflow -> children.resolveCancel(job)
            is ActivationJob.CancelWorkflow -> {
                cancelRequested = true
                // Deferred to the loop, so a run function that has not started yet runs until its first suspension.
                val message = "Workflow cancellation requested" + if (job.reason.isNotEmpty()) ": ${job.reason}" else ""
                dispatcher.enqueue { main?.cancel(CancellationException(message)) }
            }
            is ActivationJob.QueryWorkflow -> emit(handlers.answerQuery(job))
            is ActivationJob.RemoveFromCache -> evict()
            is ActivationJob.ResolveNexusOperationStart -> nexusOperations.resolveStart(job)?.let { failTask(it) }
            is ActivationJob.ResolveNexusOperation -> nexusOperations.resolve(job)?.let { failTask(it) }
        }
    }

    // ---- the run function and the close

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
    suspend fun runMainFunction(args: List<Any?>): Any? = callUser(definition.run, args)

    fun failTask(e: Throwable) {
        if (taskFailure == null) taskFailure = e
    }

    // ---- what collaborators share

    /** Records [command] in the current activation's completion. */
    fun emit(command: WorkflowCommand) {
        (commandsOrNull ?: ArrayList<WorkflowCommand>().also { commandsOrNull = it }) += command
    }

    /**
     * Whether the behaviour behind [flag] applies in this activation: the core makes a flag available for new work and
     * for replays of histories that recorded it. Using it reports it in the completion, so history records it.
     */
    fun tryUseFlag(flag: LogicFlag): Boolean {
        if (flag.id !in availableFlags) return false
        (usedFlagsOrNull ?: HashSet<Int>(2).also { usedFlagsOrNull = it }).add(flag.id)
        return true
    }

    /**
     * The answer to the built-in stack trace query. Suspended coroutines have no thread stack, so the answer
     * lists what the run waits for: timers, activities, child and external workflows, conditions and handlers.
     */
    fun waitingDescription(): String = buildString {
        append("Workflow $workflowType (id '$workflowId', run '$runId') is waiting for:")
        val lines = timers.describePending() + activitiesOrNull?.describePending().orEmpty() +
            childrenOrNull?.describePending().orEmpty() + nexusOperationsOrNull?.describePending().orEmpty() +
            listOfNotNull(dispatcher.conditionWaiterCount.takeIf { it > 0 }?.let { "$it Workflow.waitCondition predicate(s)" }) +
            handlersOrNull?.describeRunning().orEmpty()
        if (lines.isEmpty()) append(" nothing") else lines.forEach { append("\n  - ").append(it) }
    }

    // ---- teardown

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
    fun evict() {
        if (evicting) return
        evicting = true
        closed = true
        closingCommand = null
        isReplaying = true // nothing user code logs while being torn down is worth showing
        val error = WorkflowEvictedError(
            "Workflow $workflowType (id '$workflowId', run '$runId') is being removed from the worker's cache: its code " +
                "must stop now, and nothing it does reaches the server. Let this error (and CancellationException) " +
                "propagate; the run goes on from its history.",
        )
        timers.failAll(error)
        dispatcher.failConditionWaiters(error)
        activitiesOrNull?.failAll(error)
        childrenOrNull?.failAll(error)
        nexusOperationsOrNull?.failAll(error)
        rootJob.cancel(CancellationException("Workflow run evicted from the worker's cache"))
        try {
            dispatcher.runUntilQuiescent()
        } catch (_: Throwable) {
            // user cleanup code failing during eviction has nobody to report to
        }
        dispatcher.clear()
    }

    private companion object {
        /** The name of every run's run function coroutine (shared: a cached run holds no copy). */
        private val RUN_FUNCTION_NAME = CoroutineName("workflow run")
    }
}
