package dev.temporalkt.worker.internal.workflow

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.QueryResultType
import dev.temporalkt.api.enums.v1.TaskQueueKind
import dev.temporalkt.api.enums.v1.TaskQueueType
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.taskqueue.v1.StickyExecutionAttributes
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RespondQueryTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskFailedRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.client.Connection
import dev.temporalkt.client.unary
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.PayloadsInMessages
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.EvictionReason
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.internal.activity.EagerActivityDispatcher
import dev.temporalkt.worker.internal.activity.EagerActivityReservation
import dev.temporalkt.worker.internal.logging.RepeatedFailureLog
import dev.temporalkt.worker.internal.poll.FixedSizeSlotSupplier
import dev.temporalkt.worker.internal.poll.StickyQueueBalancer
import dev.temporalkt.worker.internal.poll.TaskPoller
import dev.temporalkt.worker.internal.poll.WorkerFailure
import dev.temporalkt.worker.internal.poll.WorkerShutdownNotice
import dev.temporalkt.worker.internal.threads.WorkerThreads
import dev.temporalkt.worker.internal.localactivity.LocalActivityRunner
import dev.temporalkt.worker.internal.metrics.WorkerMetrics
import dev.temporalkt.worker.internal.localactivity.RunLocalActivities
import dev.temporalkt.worker.internal.replay.EngineOptions
import dev.temporalkt.worker.internal.replay.LocalActivityRequest
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import dev.temporalkt.worker.internal.replay.WorkflowRunEngine
import dev.temporalkt.worker.internal.replay.WorkflowTaskCompletion
import dev.temporalkt.worker.internal.versioning.WorkerDeploymentStamp
import com.google.protobuf.util.Durations
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration.Companion.seconds
import kotlin.time.TimeSource
import org.slf4j.LoggerFactory
import java.util.UUID
import kotlin.time.Duration
import kotlin.time.toKotlinDuration

/**
 * The workflow half of a worker: polls the task queue (and, with caching on, this worker's own sticky queue, one
 * set of pollers for both, balanced so that a sticky task never waits behind the normal queue: [StickyQueueBalancer]),
 * drives each task through the run's [WorkflowRunEngine] and [WorkflowRuntime], and answers the server.
 *
 * ## The seam
 * Everything about the Temporal protocol happens here, in core: polling, the cache, history paging, the replay
 * engine, local activities, the calls to the server. Workflow code is reached through one seam only: the
 * [WorkflowRuntime] of each run, made by the [WorkflowRuntimeFactory] the worker was given (the Kotlin coroutine
 * runtime's, in the coroutines module), which takes one activation and answers with one completion. A workflow task
 * crosses it exactly there: poll → engine → activation → runtime → completion → engine → respond. Local activities
 * cross the activity seam the same way ([LocalActivityRunner] hands each attempt to the activity runtime).
 *
 * ## One task
 * 1. Payloads of the polled task are decoded with the data converter's codecs (everything but search attributes).
 * 2. The run comes from the cache, or is new. A new run needs the run's history from its first event: when the task
 *    carries less (a sticky task for a run this worker has evicted) or more pages, the rest is fetched,
 *    page by page (`historyPageSize` events per page when set: the dev server honours it, the embedded test server
 *    answers with the whole history). A cached
 *    run whose new events show that its last completion was rejected (a failed or timed-out workflow task after the
 *    one it completed, e.g. because a signal arrived while the task was in flight and the completion closed the
 *    workflow) is dropped and rebuilt from full history, so the engine never holds commands the server discarded.
 *    So is a cached run whose last workflow task the server dropped (a speculative task that only rejected updates,
 *    whose event ids the server reuses): the task's previous started event id is then older than the last one seen.
 * 3. The engine's activations are applied to the run's workflow runtime, one at a time, until the engine has none
 *    left; the runtime is created by the [WorkflowRuntimeFactory] from the first activation's InitializeWorkflow job
 *    (its workflow type chooses the registered code). Local activities the engine asks for then run in this worker ([LocalActivityRunner], with the
 *    worker's activities); their outcomes go back to the engine and the activation loop goes on within the same
 *    task. When they outlast 80 % of the workflow task timeout, the task is completed with the commands so far and
 *    `forceCreateNewWorkflowTask` (a workflow task heartbeat) while they keep running for the next task. That needs
 *    the run to stay cached: with caching off, a run is dropped after each task and its local activities with it.
 * 4. The engine's task completion is encoded with the codecs and sent: completed (with sticky attributes when
 *    caching, and up to three schedule-activity commands asking for eager execution where this worker's activity
 *    side has a slot reserved for them: [EagerActivityReservation]; activity tasks in the response run there),
 *    failed (workflow code failed the task, history no longer matches the code, or the workflow type is
 *    not registered — the run is then evicted and the server retries the task; reported on the task's first
 *    attempt only, later attempts are left to time out: see [respondFailed]), or a legacy query answer.
 * 5. A run whose completion closed the workflow is evicted; otherwise it stays cached, least recently used first out.
 *    It goes into the cache before the completion is sent, so a task of the run that the server creates as soon as
 *    the completion arrives finds it there (and waits for its lock) instead of replaying the run a second time.
 *
 * Two tasks of one run never run at once (a legacy query may arrive while a workflow task is being processed): each
 * run has a lock, taken for the whole task.
 *
 * ## Eviction
 * A run is evicted (closed, its task failed, pushed out of a full cache, the worker shutting down) only by the holder
 * of its lock: the task processing it, or the cache taking the lock of a run it pushes out without waiting
 * ([RunLock.tryLock]; busy runs are skipped). The run is then removed from the cache and marked discarded, so a task
 * that looked it up before and waited for its lock looks it up again and rebuilds it from history instead of
 * applying its activations to a torn-down runtime. The runtime's teardown runs in the background, never on the
 * path that answers another run's task, and is bounded: code that does not stop is reported and left behind. A run
 * whose code has ended (a closed workflow, usually) has nothing to tear down and is let go where it is evicted.
 *
 * ## Threads
 * Polls and tasks run on [WorkerThreads]: a poll's answer is handed from the transport thread to a worker thread,
 * which runs the task up to its completion call; what follows the completion's answer (delivering eager activity
 * tasks, evicting a closed run, releasing the slot) runs on the transport thread that delivered it.
 */
@InternalTemporalApi
public class WorkflowTaskProcessor(
    private val connection: Connection,
    private val namespace: String,
    private val identity: String,
    /** The task queue to poll. */
    public val taskQueue: String,
    private val dataConverter: DataConverter,
    /** Creates the workflow code of each run: the seam to the workflow runtime. */
    private val runtimes: WorkflowRuntimeFactory,
    private val options: WorkflowTaskProcessorOptions,
    /** Runs the local activities of the worker's runs; `null` when the worker has no activities. */
    private val localActivityRunner: LocalActivityRunner? = null,
    /**
     * Events per page asked for when fetching a run's history (`maximum_page_size` of GetWorkflowExecutionHistory);
     * `0` leaves the page size to the server.
     */
    private val historyPageSize: Int = 0,
    /** Announces this worker's shutdown to the server; one per worker, shared by its parts. */
    private val shutdownNotice: WorkerShutdownNotice = WorkerShutdownNotice(connection, namespace, identity, taskQueue),
    /**
     * Runs the activity tasks the server hands back eagerly with a completion (see [EagerActivityReservation]);
     * `null` turns eager activity execution off.
     */
    private val eagerActivities: EagerActivityDispatcher? = null,
    /** The worker's deployment version on its polls and answers; see [WorkerDeploymentStamp]. */
    private val deployment: WorkerDeploymentStamp = WorkerDeploymentStamp.UNVERSIONED,
    /** The SDK's own metrics of this worker. */
    private val metrics: WorkerMetrics = WorkerMetrics.NOOP,
    /** Where a non-retryable poll error, which stops the pollers, is reported; `null` logs it only. */
    private val failure: WorkerFailure? = null,
) {
    private val logger = LoggerFactory.getLogger(WorkflowTaskProcessor::class.java)

    init {
        require(historyPageSize >= 0) { "historyPageSize must not be negative, was $historyPageSize" }
    }

    /** Workflow type names this worker runs. */
    public val workflowTypes: List<String> get() = runtimes.workflowTypes

    private val stickyQueue: String? =
        if (options.maxCachedWorkflows > 0) "$identity-$taskQueue-sticky-${UUID.randomUUID()}" else null
    private val cache = WorkflowRunCache(options.maxCachedWorkflows)
    private val slots = metrics.slots(FixedSizeSlotSupplier(options.maxConcurrentWorkflowTasks), WorkerMetrics.WORKFLOW_WORKER)
    private val supervisor = SupervisorJob()
    /** Which queue each poll goes to: a sticky task never waits behind the normal queue (see [StickyQueueBalancer]). */
    private val balancer = StickyQueueBalancer(hasStickyQueue = stickyQueue != null)
    private val normalQueue = TaskQueue.newBuilder().setName(taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL).build()
    private val stickyTaskQueue = stickyQueue?.let {
        TaskQueue.newBuilder().setName(it).setKind(TaskQueueKind.TASK_QUEUE_KIND_STICKY).setNormalName(taskQueue).build()
    }

    /**
     * One set of pollers for both queues, all drawing on the same slots: each takes a slot, then polls the queue the
     * [balancer] chooses. With a sticky queue there are at least two, so that a long poll of one queue never leaves
     * the other unpolled.
     */
    private val pollers: List<TaskPoller<PollWorkflowTaskQueueResponse>> = listOf(
        poller("workflow:$taskQueue", if (stickyQueue == null) options.workflowTaskPollers else maxOf(2, options.workflowTaskPollers)),
    )

    private val eagerTasks = EagerWorkflowTasks(connection, namespace, taskQueue, slots, supervisor) { handle(it) }

    /** Runs held in the cache now. */
    public val cachedRuns: Int get() = cache.size

    private val pagesFetched = java.util.concurrent.atomic.AtomicLong()
    private val eventsFetched = java.util.concurrent.atomic.AtomicLong()

    /** History pages fetched so far (for runs not cached, or tasks whose history came in more than one page). */
    public val historyPagesFetched: Long get() = pagesFetched.get()

    /** History events received in those pages. */
    public val historyEventsFetched: Long get() = eventsFetched.get()

    /** Starts polling. */
    public fun start() {
        pollers.forEach { it.start() }
        eagerTasks.open()
        metrics.workerStarted(WorkerMetrics.WORKFLOW_WORKER)
        logger.debug("Workflow worker for task queue {} started with workflows {}", taskQueue, workflowTypes)
    }

    /**
     * Stops polling, waits up to [timeout] for tasks in progress, evicts every cached run (cancelling its coroutines)
     * and tells the server to stop routing this worker's sticky tasks.
     */
    public suspend fun shutdown(timeout: Duration): Unit = coroutineScope {
        eagerTasks.close()
        pollers.forEach { it.beginStop() }
        // a server that completes the polls of a worker going away lets them return (with any task it had already
        // handed to them, which is then run); otherwise polls are cancelled here and the sticky queue is released
        val announced = shutdownNotice.announce(listOf(TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW), stickyQueue)
        pollers.forEach { it.stopPolling(if (announced) shutdownNotice.drainTime else Duration.ZERO) }
        // informs the server only, bounded by the notice's deadline: runs beside the rest of the shutdown
        val stickyRelease = if (stickyQueue != null && !announced) launch { shutdownNotice.releaseStickyQueue(stickyQueue) } else null
        pollers.forEach { if (!it.awaitHandlers(timeout)) it.cancelHandlers() }
        eagerTasks.drain(timeout)
        for (run in cache.removeAll()) {
            // tasks in progress are done or cancelled by now: the lock comes at once, or as soon as one lets go of it
            run.lock.withLock { if (!run.discarded) discard(run, "worker shutdown", EvictionReason.LANG_REQUESTED) }
        }
        teardowns.coroutineContext[Job]!!.let { all -> withTimeoutOrNull(timeout.coerceAtLeast(TEARDOWN_WAIT)) { all.children.forEach { it.join() } } }
        localActivityRunner?.shutdown()
        stickyRelease?.join()
        supervisor.cancel()
    }

    private fun poller(name: String, count: Int) = TaskPoller(
        name = name,
        pollerCount = count,
        slots = slots,
        context = WorkerThreads.dispatcher + supervisor,
        poll = {
            val queue = balancer.begin()
            val sticky = queue == StickyQueueBalancer.Queue.STICKY
            var backlog: Long? = null
            try {
                metrics.poll(if (sticky) WorkerMetrics.STICKY_WORKFLOW_POLLER else WorkerMetrics.WORKFLOW_POLLER) {
                    val response = connection.unary(
                        WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod(),
                        deployment.stamp(
                            PollWorkflowTaskQueueRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                                .setTaskQueue(if (sticky) stickyTaskQueue else normalQueue)
                                .setWorkerInstanceKey(shutdownNotice.workerInstanceKey),
                        ).build(),
                    )
                    backlog = response.backlogCountHint
                    if (response.taskToken.isEmpty) null else response
                }
            } finally {
                balancer.end(queue, backlog)
            }
        },
        handler = { task, _ -> handle(task) },
        isFatal = { e -> (e as? StatusException)?.status?.code in FATAL_POLL_CODES },
        onFatal = { e ->
            if (failure != null) failure.report("workflow", e) else logger.error("Workflow polling on task queue {} stopped", taskQueue, e)
        },
    )

    private suspend fun handle(polled: PollWorkflowTaskQueueResponse) {
        val received = TimeSource.Monotonic.markNow()
        val task = withStartedEventIdOfHistory(decode(polled))
        val runId = task.workflowExecution.runId
        if (!task.hasQuery()) metrics.workflowTaskScheduleToStart(task.scheduledTime, task.startedTime)
        while (true) {
            val run = cache.get(runId) ?: CachedRun(runId, newEngine())
            val handled = run.lock.withLock {
                // evicted between the look-up and the lock: the run is gone, look it up again
                if (run.discarded) return@withLock false
                try {
                    process(run, task, received)
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Throwable) {
                    logger.error("Workflow task of run {} (workflow {}) failed in the worker", runId, task.workflowExecution.workflowId, e)
                    metrics.workflowTaskFailed(task.workflowType.name, nonDeterminism = false)
                    discard(run, "worker failure: ${e.message}", EvictionReason.FATAL)
                    respondFailed(task, e, WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE)
                }
                true
            }
            if (handled) {
                metrics.workflowTaskExecuted(task.workflowType.name, received.elapsedNow())
                return
            }
        }
    }

    /** Processes [task] for [run], whose lock the caller holds. */
    private suspend fun process(run: CachedRun, task: PollWorkflowTaskQueueResponse, received: TimeSource.Monotonic.ValueTimeMark) {
        val isNewRun = cache.get(run.runId) !== run
        val replays = isNewRun && task.previousStartedEventId > 0
        if (!isNewRun || replays) metrics.cacheLookup(hit = !isNewRun)
        if (!isNewRun && completionWasRejected(task)) {
            restart(run, "the server rejected the last completion", EvictionReason.UNHANDLED_COMMAND)
        } else if (!isNewRun && !task.hasQuery() && task.previousStartedEventId < run.lastStartedEventId) {
            // The server dropped the run's last workflow task (a speculative task that only rejected updates), and
            // the event ids of its scheduled and started events now belong to newer events: start from full history.
            restart(run, "the server dropped the last workflow task", EvictionReason.CACHE_MISS)
        }
        if (!task.hasQuery()) run.lastStartedEventId = task.startedEventId
        val fullTask = if (run.runtime == null) withFullHistory(task) else withAllPages(task)
        val engine = run.engine
        val outcome = try {
            engine.applyWorkflowTask(fullTask)
            var heartbeat = false
            while (true) {
                // all activations of the task in one go, on this thread (see WorkflowRuntime.activateAllSuspending)
                engine.nextActivation()?.let { first ->
                    val runtime = run.runtime ?: createRuntime(run, first).also { run.runtime = it }
                    runtime.activateAllSuspending(first, engine::nextActivation, engine::applyCompletion)
                }
                if (task.hasQuery()) break
                if (!runLocalActivities(run, received)) {
                    heartbeat = engine.hasOutstandingLocalActivities
                    break
                }
            }
            if (replays) metrics.workflowTaskReplayed(task.workflowType.name, received.elapsedNow())
            engine.taskCompletion().let { if (heartbeat) it.copy(forceCreateNewWorkflowTask = true) else it }
        } catch (e: NonDeterminismException) {
            metrics.workflowTaskFailed(task.workflowType.name, nonDeterminism = true)
            discard(run, e.message ?: "non-determinism", EvictionReason.NONDETERMINISM)
            respondFailed(task, e, WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR)
            return
        } catch (e: UnknownWorkflowTypeException) {
            metrics.workflowTaskFailed(task.workflowType.name, nonDeterminism = false)
            discard(run, e.message ?: "unknown workflow type", EvictionReason.FATAL)
            respondFailed(task, e, WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE)
            return
        }
        respond(run, task, outcome)
    }

    /**
     * Starts and cancels the local activities the engine asked for, then waits for outcomes until 80 % of the workflow
     * task timeout has passed since [taskStarted]. Returns `true` when outcomes were fed to the engine (the activation
     * loop must go on), `false` when there is nothing to wait for or the time is up.
     */
    private suspend fun runLocalActivities(run: CachedRun, taskStarted: TimeSource.Monotonic.ValueTimeMark): Boolean {
        val engine = run.engine
        val requests = engine.takeLocalActivityRequests()
        val cancellations = engine.takeLocalActivityCancellations()
        if (requests.isEmpty() && cancellations.isEmpty() && run.localActivities == null) return false
        val local = run.localActivities ?: run.newLocalActivities(requests) ?: return false
        cancellations.forEach { local.cancel(it) }
        requests.forEach { local.start(it) }
        if (!engine.hasOutstandingLocalActivities) return false
        val budget = (engine.workflowTaskTimeout ?: DEFAULT_WORKFLOW_TASK_TIMEOUT) * HEARTBEAT_FRACTION - taskStarted.elapsedNow()
        val first = local.results.tryReceive().getOrNull()
            ?: if (budget.isPositive()) withTimeoutOrNull(budget) { local.results.receive() } else null
        if (first == null) return false
        engine.resolveLocalActivity(first.first, first.second)
        while (true) {
            val next = local.results.tryReceive().getOrNull() ?: break
            engine.resolveLocalActivity(next.first, next.second)
        }
        return true
    }

    private fun CachedRun.newLocalActivities(requests: List<LocalActivityRequest>): RunLocalActivities? {
        val runner = localActivityRunner
        if (runner == null) {
            if (requests.isEmpty()) return null
            val types = requests.map { it.activityType }.distinct()
            throw IllegalStateException(
                "Workflow run $runId scheduled local activit${if (types.size == 1) "y" else "ies"} ${types.joinToString { "'$it'" }} " +
                    "but the worker for task queue '$taskQueue' has no activities registered; register the activity " +
                    "implementations on this worker (Worker(..., activities = listOf(...))) to run them as local activities",
            )
        }
        return runner.forRun().also { localActivities = it }
    }

    private suspend fun respond(run: CachedRun, task: PollWorkflowTaskQueueResponse, outcome: WorkflowTaskCompletion) {
        val failure = outcome.failure
        when {
            failure != null -> {
                metrics.workflowTaskFailed(
                    task.workflowType.name,
                    nonDeterminism = outcome.failureCause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR,
                )
                discard(run, "workflow task failed: ${failure.message}", EvictionReason.LANG_FAIL)
                respondFailed(task, failure, outcome.failureCause)
            }
            task.hasQuery() -> {
                val answer = outcome.legacyQueryResult
                val request = RespondQueryTaskCompletedRequest.newBuilder().setNamespace(namespace).setTaskToken(task.taskToken)
                if (answer == null || answer.resultType != QueryResultType.QUERY_RESULT_TYPE_ANSWERED) {
                    request.setCompletedType(QueryResultType.QUERY_RESULT_TYPE_FAILED)
                        .setErrorMessage(answer?.errorMessage ?: "the workflow produced no answer to the query")
                    if (answer?.hasFailure() == true) request.setFailure(answer.failure)
                } else {
                    request.setCompletedType(QueryResultType.QUERY_RESULT_TYPE_ANSWERED).setQueryResult(answer.answer)
                }
                connection.unary(WorkflowServiceGrpc.getRespondQueryTaskCompletedMethod(), encode(request.build()))
                keep(run)
            }
            else -> {
                val eager = EagerActivityReservation.reserve(outcome.commands, eagerActivities)
                val request = RespondWorkflowTaskCompletedRequest.newBuilder()
                    .setNamespace(namespace)
                    .setIdentity(identity)
                    .setTaskToken(task.taskToken)
                    .addAllCommands(eager.commands)
                    .addAllMessages(outcome.messages)
                    .putAllQueryResults(outcome.queryResults)
                    .setSdkMetadata(outcome.sdkMetadata)
                    .setForceCreateNewWorkflowTask(outcome.forceCreateNewWorkflowTask)
                    // a speculative task that only rejected updates may be dropped even when it carried events this run
                    // had not seen (the command events of the previous task): a rejected update leaves no trace, and the
                    // next task of a dropped one rebuilds the run from history (see process)
                    .setCapabilities(COMPLETION_CAPABILITIES)
                deployment.stamp(request, run.runtime?.versioningBehavior)
                if (stickyQueue != null) {
                    request.setStickyAttributes(
                        StickyExecutionAttributes.newBuilder()
                            .setWorkerTaskQueue(TaskQueue.newBuilder().setName(stickyQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_STICKY).setNormalName(taskQueue))
                            .setScheduleToStartTimeout(Durations.fromNanos(options.stickyScheduleToStartTimeout.inWholeNanoseconds)),
                    )
                }
                val closes = outcome.commands.any { it.commandType in CLOSING_COMMANDS }
                // Cached before the server hears of the completion: the next task of the run can follow at once (a
                // workflow task heartbeat, events that arrived during this task) and must find this run, waiting on
                // its lock, rather than miss the cache and replay the run a second time beside this one.
                if (!closes) keep(run)
                val encoded = encode(request.build())
                val response = try {
                    // the rest of the task is bookkeeping: it runs on the thread the answer arrives on, not handed back
                    WorkerThreads.onResumingThread { connection.unary(WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod(), encoded) }
                } catch (e: Throwable) {
                    eager.release()
                    if (e !is StatusException) throw e
                    discard(run, "completion not accepted: ${e.status}", EvictionReason.TASK_NOT_FOUND)
                    if (e.status.code == Status.Code.NOT_FOUND) {
                        logger.debug("Workflow task of run {} no longer exists: {}", run.runId, e.status)
                        return
                    }
                    if (e.status.code in UNREACHABLE_CODES) {
                        // the task ran fine; only its result did not get through. The server times the task out and
                        // hands it out again, and the run (evicted above) is rebuilt from its history then.
                        logger.warn(
                            "Could not report the completed workflow task of run {} (workflow {}): {}; the server retries the task after its timeout",
                            run.runId, task.workflowExecution.workflowId, RepeatedFailureLog.describe(e),
                        )
                        logger.debug("Reporting the completed workflow task of run {} failed", run.runId, e)
                        return
                    }
                    throw e
                }
                eager.deliver(response.activityTasksList)
                if (closes) {
                    recordClose(run, task.workflowType.name, outcome.commands.first { it.commandType in CLOSING_COMMANDS }.commandType)
                    discard(run, "workflow closed", EvictionReason.WORKFLOW_EXECUTION_ENDING)
                }
            }
        }
    }

    /** Keeps [run] (whose lock the caller holds) in the cache, evicting the runs it pushes out. */
    private fun keep(run: CachedRun) {
        if (options.maxCachedWorkflows == 0) {
            discard(run, "caching is off", EvictionReason.CACHE_FULL)
            return
        }
        val pushedOut = cache.put(run)
        metrics.cacheForcedEvictions(pushedOut.size)
        metrics.cacheSize(cache.size)
        for (evicted in pushedOut) {
            // pushed out with its lock taken: no task is working on it
            try {
                discard(evicted, "cache full", EvictionReason.CACHE_FULL)
            } finally {
                evicted.lock.unlock()
            }
        }
    }

    /** One for all the worker's runs (an idle cached run holds no settings of its own). */
    private val engineOptions = EngineOptions(
        failRunOnNonDeterminism = options.failRunOnNonDeterminism,
        upsertPatchSearchAttribute = options.upsertPatchSearchAttribute,
    )

    private fun newEngine() = WorkflowRunEngine(namespace, taskQueue, engineOptions)

    private fun createRuntime(run: CachedRun, activation: WorkflowActivation): WorkflowRuntime {
        val init = activation.jobs.filterIsInstance<ActivationJob.InitializeWorkflow>().firstOrNull()
            ?: error("The first activation of run ${activation.runId} has no InitializeWorkflow job")
        run.startTime = init.startTime
        return runtimes.create(init)
    }

    /** Counts the end of [run] of [workflowType] by the command that closed it. */
    private fun recordClose(run: CachedRun, workflowType: String, closing: CommandType) {
        if (!metrics.enabled) return
        val outcome = when (closing) {
            CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION -> WorkerMetrics.WorkflowOutcome.COMPLETED
            CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION -> WorkerMetrics.WorkflowOutcome.FAILED
            CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION -> WorkerMetrics.WorkflowOutcome.CANCELED
            else -> WorkerMetrics.WorkflowOutcome.CONTINUED_AS_NEW
        }
        val sinceStart = run.startTime?.let { java.time.Duration.between(it, java.time.Instant.now()).toKotlinDuration() }
        metrics.workflowClosed(workflowType, outcome, sinceStart)
    }

    /**
     * Evicts [run], whose lock the caller holds: removes it from the cache and marks it discarded (a task waiting for its
     * lock then looks the run up again), and tears its workflow down ([tearDown]).
     */
    private fun discard(run: CachedRun, message: String, reason: EvictionReason) {
        run.discarded = true
        cache.remove(run)
        metrics.cacheSize(cache.size)
        tearDown(run, message, reason)
    }

    /** Starts [run] (whose lock the caller holds) over from full history: its workflow is torn down, its engine new. */
    private fun restart(run: CachedRun, message: String, reason: EvictionReason) {
        tearDown(run, message, reason)
        run.engine = newEngine()
        run.lastStartedEventId = 0
    }

    /**
     * Detaches [run]'s workflow runtime and local activities and removes them from memory: the local activities are
     * cancelled, and the runtime's code ends without producing commands (RemoveFromCache). The teardown runs in the
     * background, off the path of the task that caused it (often another run's), and is bounded by the runtime:
     * workflow code that does not stop is reported there and left behind. A run whose code has ended has nothing to
     * stop and is let go at once, on this thread ([WorkflowRuntime.releaseIfFinished]).
     */
    private fun tearDown(run: CachedRun, message: String, reason: EvictionReason) {
        run.localActivities?.cancelAll()
        run.localActivities = null
        val runtime = run.runtime ?: return
        run.runtime = null
        // a run whose code has ended (the usual end of a closed workflow) has nothing to stop: no hand-off for it
        if (runtime.releaseIfFinished()) return
        teardowns.launch {
            try {
                runtime.activate(
                    WorkflowActivation(run.runId, null, false, 0, listOf(ActivationJob.RemoveFromCache(message, reason))),
                )
            } catch (e: Exception) {
                logger.warn("Evicting run {} failed", run.runId, e)
            }
        }
    }

    /** Where evicted runs are torn down; shutdown waits for them. */
    private val teardowns = CoroutineScope(WorkerThreads.dispatcher + SupervisorJob())

    /** Whether the events new to a cached run show that its last completed task was not accepted. */
    private fun completionWasRejected(task: PollWorkflowTaskQueueResponse): Boolean =
        task.history.eventsList.any {
            it.eventId > task.previousStartedEventId &&
                (it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED || it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT)
        }

    /**
     * [task] with its started event id corrected when it does not name the task's own WorkflowTaskStarted event. The
     * time-skipping test server reports, for the first task of a signal-with-start, the id the started event would have
     * had without the signal (which it records between WorkflowTaskScheduled and WorkflowTaskStarted), so the id points
     * at the signal. The complete history then ends with the real WorkflowTaskStarted, whose id is taken instead.
     */
    private fun withStartedEventIdOfHistory(task: PollWorkflowTaskQueueResponse): PollWorkflowTaskQueueResponse {
        if (task.hasQuery() || !task.nextPageToken.isEmpty) return task
        val last = task.history.eventsList.lastOrNull() ?: return task
        if (last.eventType != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED || last.eventId <= task.startedEventId) return task
        val named = task.history.eventsList.firstOrNull { it.eventId == task.startedEventId }
        if (named == null || named.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) return task
        logger.debug(
            "Workflow task of run {} names event {} ({}) as its started event; using the history's last event {} instead",
            task.workflowExecution.runId, named.eventId, named.eventType, last.eventId,
        )
        return task.toBuilder().setStartedEventId(last.eventId).build()
    }

    /** [task] with the run's whole history from event 1 up to the task's started event (all of it for a legacy query). */
    private suspend fun withFullHistory(task: PollWorkflowTaskQueueResponse): PollWorkflowTaskQueueResponse {
        val events = task.history.eventsList
        if (events.isNotEmpty() && events.first().eventId == 1L) return withAllPages(task)
        val all = fetchHistory(task.workflowExecution, ByteString.EMPTY, upTo = if (task.hasQuery()) Long.MAX_VALUE else task.startedEventId)
        return task.toBuilder().setHistory(History.newBuilder().addAllEvents(all)).clearNextPageToken().build()
    }

    private suspend fun withAllPages(task: PollWorkflowTaskQueueResponse): PollWorkflowTaskQueueResponse {
        if (task.nextPageToken.isEmpty) return task
        val rest = fetchHistory(task.workflowExecution, task.nextPageToken, upTo = if (task.hasQuery()) Long.MAX_VALUE else task.startedEventId)
        return task.toBuilder().setHistory(task.history.toBuilder().addAllEvents(rest)).clearNextPageToken().build()
    }

    private suspend fun fetchHistory(execution: WorkflowExecution, firstPageToken: ByteString, upTo: Long): List<HistoryEvent> {
        val events = ArrayList<HistoryEvent>()
        var token = firstPageToken
        do {
            val page = connection.unary(
                WorkflowServiceGrpc.getGetWorkflowExecutionHistoryMethod(),
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(namespace).setExecution(execution).setNextPageToken(token).setMaximumPageSize(historyPageSize).build(),
            )
            pagesFetched.incrementAndGet()
            eventsFetched.addAndGet(page.history.eventsCount.toLong())
            val history = decode(page.history)
            events += history.eventsList.filter { it.eventId <= upTo }
            token = page.nextPageToken
        } while (!token.isEmpty && (events.lastOrNull()?.eventId ?: 0) < upTo)
        return events
    }

    private suspend fun respondFailed(task: PollWorkflowTaskQueueResponse, error: Throwable, cause: WorkflowTaskFailedCause) =
        respondFailed(task, dataConverter.failureConverter.toFailure(error, dataConverter.payloadConverter), cause)

    /**
     * Reports a failed workflow task, on its first attempt only. A retried task (attempt 2 and up) that fails again is
     * not reported: the server would schedule the next attempt at once, and a bug that fails every attempt would keep
     * the worker and the server busy retrying it. Left unanswered, the attempt times out after the workflow task
     * timeout, which the server lengthens as the attempts add up (its back-off for failing workflow tasks), and the
     * history keeps the first failure. The other Temporal SDKs do the same.
     */
    private suspend fun respondFailed(task: PollWorkflowTaskQueueResponse, failure: Failure, cause: WorkflowTaskFailedCause) {
        if (!task.hasQuery() && task.attempt > 1) {
            logger.warn(
                "Workflow task attempt {} of run {} (workflow {}) failed again ({}); not reported, so the server retries it after the workflow task timeout",
                task.attempt, task.workflowExecution.runId, task.workflowExecution.workflowId, failure.message,
            )
            return
        }
        val request = RespondWorkflowTaskFailedRequest.newBuilder()
            .also { deployment.stamp(it) }
            .setNamespace(namespace)
            .setIdentity(identity)
            .setTaskToken(task.taskToken)
            .setCause(
                if (cause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED) {
                    WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE
                } else {
                    cause
                },
            )
            .setFailure(failure)
            .build()
        try {
            connection.unary(WorkflowServiceGrpc.getRespondWorkflowTaskFailedMethod(), encode(request))
        } catch (e: StatusException) {
            logger.warn(
                "Could not report the failed workflow task of run {} (workflow {}): {}; the server retries the task after its timeout",
                task.workflowExecution.runId, task.workflowExecution.workflowId, RepeatedFailureLog.describe(e),
            )
        }
    }

    private suspend fun <M : com.google.protobuf.Message> decode(message: M): M =
        if (dataConverter.codecs.isEmpty()) message else PayloadsInMessages.decode(message, dataConverter.codec)

    private suspend fun <M : com.google.protobuf.Message> encode(message: M): M =
        if (dataConverter.codecs.isEmpty()) message else PayloadsInMessages.encode(message, dataConverter.codec)

    private companion object {
        /** Used when the run's start event has no workflow task timeout (the server's default). */
        val DEFAULT_WORKFLOW_TASK_TIMEOUT: Duration = 10.seconds

        val COMPLETION_CAPABILITIES: RespondWorkflowTaskCompletedRequest.Capabilities =
            RespondWorkflowTaskCompletedRequest.Capabilities.newBuilder().setDiscardSpeculativeWorkflowTaskWithEvents(true).build()

        /** How long shutdown waits at least for evicted runs to be torn down. */
        val TEARDOWN_WAIT: Duration = 10.seconds

        /** Share of the workflow task timeout after which running local activities heartbeat the workflow task. */
        const val HEARTBEAT_FRACTION: Double = 0.8

        /** Codes of a call that did not get through (server down, connection lost or recycled, call timed out). */
        val UNREACHABLE_CODES = setOf(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED)

        val FATAL_POLL_CODES = setOf(Status.Code.NOT_FOUND, Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED, Status.Code.UNIMPLEMENTED)
        val CLOSING_COMMANDS = setOf(
            CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
            CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
            CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
            CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
        )
    }
}
