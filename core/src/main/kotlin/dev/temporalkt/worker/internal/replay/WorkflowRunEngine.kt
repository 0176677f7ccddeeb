@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.CompleteWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.ContinueAsNewWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.FailWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.CancelWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.ModifyWorkflowPropertiesCommandAttributes
import dev.temporalkt.api.command.v1.RecordMarkerCommandAttributes
import dev.temporalkt.api.command.v1.UpsertWorkflowSearchAttributesCommandAttributes
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.RetryPolicy
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.QueryResultType
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.query.v1.WorkflowQuery
import dev.temporalkt.api.query.v1.WorkflowQueryResult
import dev.temporalkt.api.sdk.v1.WorkflowTaskCompletedMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.update.v1.Request
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.JobOrder
import dev.temporalkt.worker.activation.LogicFlag
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import java.time.Instant

/**
 * The replay core of one workflow run: turns the run's history into [WorkflowActivation]s for a
 * workflow runtime, and the runtime's [WorkflowCommand]s into Temporal API commands, checking them
 * against history while replaying. One instance per cached run; not thread-safe (the worker drives a
 * run from one coroutine at a time).
 *
 * ```
 * val engine = WorkflowRunEngine(namespace = "default", taskQueue = "orders")
 * engine.applyWorkflowTask(polled)              // fully paged history
 * while (true) {
 *     val activation = engine.nextActivation() ?: break
 *     engine.applyCompletion(runtime.activate(activation))
 * }
 * respond(engine.taskCompletion())
 * ```
 *
 * ## (a) Cutting history into workflow tasks
 *
 * History is a list of events; every workflow task the run ever processed ends with a
 * WorkflowTaskStarted event. The engine walks history from a cursor and stops at the next
 * *boundary*: a WorkflowTaskStarted that is followed by WorkflowTaskCompleted, or that is the
 * task's own `startedEventId` (the task being processed now). A WorkflowTaskStarted followed by
 * WorkflowTaskFailed or WorkflowTaskTimedOut is no boundary: that attempt left no trace, so its
 * events simply flow into the next task (a failure with cause *reset* additionally yields
 * [ActivationJob.UpdateRandomSeed] from the new run id). Events before the boundary that are not
 * command events become jobs: WorkflowExecutionStarted → InitializeWorkflow, Signaled → SignalWorkflow,
 * CancelRequested → CancelWorkflow, TimerFired → FireTimer, activity/child/external outcomes →
 * resolutions. The *command events* of a task (TimerStarted, ActivityTaskScheduled, MarkerRecorded,
 * update accepted/completed, the closing event, …) follow the WorkflowTaskCompleted after its boundary;
 * they are matched against the commands the workflow produced for that task (see (c)).
 * Before delivering a replayed task the engine looks ahead at those command events: patch markers
 * give [ActivationJob.NotifyHasPatch], accepted updates give [ActivationJob.DoUpdate] with
 * `runValidator = false`, and the logic flags recorded in that WorkflowTaskCompleted become available.
 * New update requests arrive as protocol messages of the polled task and are delivered (with
 * `runValidator = true`) in the current task only; an update id already known is ignored. Updates the server
 * admitted itself (reapplied to a run after a reset) arrive as WorkflowExecutionUpdateAdmitted events instead, with
 * their request: delivered as new updates in the task they lead to, and on replay only if that task accepted them
 * (the acceptance event then carries no request; the admitted event's is used).
 *
 * Jobs are ordered by [JobOrder] after being put in history order. Resolutions caused by the
 * workflow's own commands (an activity cancelled with TRY_CANCEL or ABANDON, or cancelled before its
 * command was sent) are delivered in a further activation of the same task before the engine moves
 * on. Queries of the task's `queries` map get their own activation after all mutating ones; a
 * legacy `query` task replays whatever history it carries and then delivers only the query.
 *
 * ## (b) Replay and new work
 *
 * An activation is replaying when its boundary lies before the task's `startedEventId` (and always for
 * a legacy query task); the activation for the task's own WorkflowTaskStarted is new work. The
 * activation's timestamp is the boundary's event time (or the workflow time reached so far when later, see (e)),
 * its history length the boundary's event id,
 * and history size and continue-as-new suggestion come from the boundary's WorkflowTaskStarted
 * attributes. [isReplaying] tells which kind the current activation is.
 *
 * ## (c) Matching commands against history
 *
 * Commands from a completion go to a queue in issue order, except that the command closing the run always stays
 * last: a command queued after it goes before it (see [enqueue]). Each command event in history must match
 * the command at the head of the queue: same kind, and the same timer id / activity type and id /
 * child type and id / signal name / patch id / update id. A match removes the command and advances its
 * state machine (e.g. records the scheduled event id). The engine checks a replayed task as soon as
 * its last completion arrives, so [applyCompletion] throws [NonDeterminismException] naming the event,
 * the command produced instead, and the run, when: the kinds or ids differ, history has a command
 * event but the queue is empty (a removed command), or a replayed command is left once the task's
 * command events are over (an extra command). Two leniencies keep patching working as in the other
 * SDKs: a deprecated patch marker without a matching command is skipped, and a patch-marker command
 * without a marker in history is dropped during replay; a search attribute upsert recorded only for
 * the patch search attribute (`TemporalChangeVersion`) is skipped unless the command at the head of the queue is
 * such an upsert (with [EngineOptions.upsertPatchSearchAttribute] the engine writes one after each patch marker of
 * new work, see [PatchMarkers]; earlier versions always did).
 * Commands left in the queue after new work are sent with [taskCompletion]; their events arrive at the
 * start of the next task's history and are matched the same way.
 *
 * ## (d) Per-command state machines
 *
 * Timers ([TimerMachine]), activities ([ActivityMachine]), child workflows ([ChildWorkflowMachine]),
 * external signals and cancel requests ([SignalExternalMachine], [CancelExternalMachine]) and updates
 * ([UpdateMachine]) each keep their state between tasks and turn their events into resolution jobs.
 * Workflow-closing commands, patch markers, search attribute upserts and memo changes are one-shot:
 * a queued command that only has to match its event. Nexus operations ([NexusOperationMachine]) match
 * their scheduled event by endpoint, service and operation name.
 *
 * ## (e) Local activities
 *
 * A local activity ([LocalActivityMachine]) produces no command when scheduled during new work: the worker
 * takes it from [takeLocalActivityRequests], runs it, and reports with [resolveLocalActivity]; the engine then
 * queues a RecordMarker command (format of [LocalActivityMarkers]) and delivers the resolution in the next
 * activation of the same task, so the worker keeps calling [nextActivation] after each report. Cancellations the
 * worker must apply to running attempts come from [takeLocalActivityCancellations]. While
 * [hasOutstandingLocalActivities], the task must not be completed normally: the worker either waits for the
 * outcomes or answers with `forceCreateNewWorkflowTask` (a workflow task heartbeat) and keeps them running into the
 * next task. On replay nothing runs: local activity markers are matched to their local activity by sequence number
 * (type and id must agree), outside the command queue's order, and the markers of the task being replayed are
 * looked ahead so each local activity resolves in the activation where it originally did.
 * An activation resolving a local activity moves workflow time on to the completion time its marker records (the
 * time the local activity was scheduled plus how long it ran), as the Rust core does; the marker makes it the same
 * value on replay. Workflow time never goes back, so later activations keep at least that time.
 *
 * ## (f) Memory: applied history is released
 *
 * The engine keeps only history it has not applied yet. `events` holds the events from the cursor on:
 * the events of the task being cut and the WorkflowTaskCompleted and command events after a replayed
 * boundary, which still have to be matched against the workflow's commands. Everything before the cursor
 * has been turned into jobs, routed to a state machine or matched, and is dropped at points where no
 * index into the list is live (after a task is cut, after a completion was matched, when a task is fed
 * and when the task is finished), so an idle cached run holds no history events. Positions in `events`
 * are list indices, never event ids: the id of the last event ever fed is kept apart for the gap check.
 * Of WorkflowExecutionStarted only the fields later commands need (task queue, task timeout, memo,
 * search attributes, retry policy for continue-as-new) are kept.
 *
 * @param namespace namespace of the worker, used for children started in the same namespace.
 * @param taskQueue the worker's task queue, the default for activities, children and continue-as-new.
 */
@InternalTemporalApi
public class WorkflowRunEngine(
    private val namespace: String,
    private val taskQueue: String,
    private val options: EngineOptions = EngineOptions(),
) {
    // The lists below exist only while they hold something: an idle cached run keeps none of them.
    /** History not applied yet, from the cursor on; see (f). Indexed by list position, not by event id. */
    private var eventsOrNull: ArrayList<HistoryEvent>? = null
    private val events: ArrayList<HistoryEvent> get() = eventsOrNull ?: ArrayList<HistoryEvent>().also { eventsOrNull = it }
    private var cursor = 0
    /** Id of the last event ever fed, also once [events] released it. */
    private var lastEventId = 0L
    private var taskStartedEventId = 0L
    private var legacyQueryMode = false

    private var queueOrNull: ArrayList<PendingCommand>? = null
    private val queue: ArrayList<PendingCommand> get() = queueOrNull ?: ArrayList<PendingCommand>().also { queueOrNull = it }
    private var pendingJobsOrNull: ArrayList<Pair<Long, ActivationJob>>? = null
    private val pendingJobs: ArrayList<Pair<Long, ActivationJob>>
        get() = pendingJobsOrNull ?: ArrayList<Pair<Long, ActivationJob>>().also { pendingJobsOrNull = it }
    // Logic flags recorded in history and used by the workflow code; created with their first flag.
    private var recordedFlagsOrNull: LinkedHashSet<Int>? = null
    private val recordedFlags: LinkedHashSet<Int> get() = recordedFlagsOrNull ?: LinkedHashSet<Int>().also { recordedFlagsOrNull = it }
    private var usedFlagsOrNull: LinkedHashSet<Int>? = null
    private val usedFlags: LinkedHashSet<Int> get() = usedFlagsOrNull ?: LinkedHashSet<Int>().also { usedFlagsOrNull = it }
    private var recordedSdkName = ""
    private var recordedSdkVersion = ""

    // Collections that only some runs use are created on first use by their getters, so a run that never
    // touches them holds none: the getter returns the `xOrNull` field's instance while it is set. Local activity
    // requests and cancellations and query results go back to `null` once handed out or reset for a new task,
    // activity machines and routes once the last one is released; the next use creates a new collection.
    private var timersOrNull: HashMap<Int, TimerMachine>? = null
    private val timers: HashMap<Int, TimerMachine> get() = timersOrNull ?: HashMap<Int, TimerMachine>().also { timersOrNull = it }
    private var activitiesOrNull: HashMap<Int, ActivityMachine>? = null
    private val activities: HashMap<Int, ActivityMachine> get() = activitiesOrNull ?: HashMap<Int, ActivityMachine>().also { activitiesOrNull = it }
    private var childrenOrNull: HashMap<Int, ChildWorkflowMachine>? = null
    private val children: HashMap<Int, ChildWorkflowMachine> get() = childrenOrNull ?: HashMap<Int, ChildWorkflowMachine>().also { childrenOrNull = it }
    private var externalSignalsOrNull: HashMap<Int, ExternalWorkflowRequest>? = null
    private val externalSignals: HashMap<Int, ExternalWorkflowRequest>
        get() = externalSignalsOrNull ?: HashMap<Int, ExternalWorkflowRequest>().also { externalSignalsOrNull = it }
    private var externalCancelsOrNull: HashMap<Int, ExternalWorkflowRequest>? = null
    private val externalCancels: HashMap<Int, ExternalWorkflowRequest>
        get() = externalCancelsOrNull ?: HashMap<Int, ExternalWorkflowRequest>().also { externalCancelsOrNull = it }
    private var routesOrNull: HashMap<Long, (HistoryEvent) -> Unit>? = null
    private val routes: HashMap<Long, (HistoryEvent) -> Unit> get() = routesOrNull ?: HashMap<Long, (HistoryEvent) -> Unit>().also { routesOrNull = it }
    private var updatesOrNull: HashMap<String, UpdateMachine>? = null
    private val updates: HashMap<String, UpdateMachine> get() = updatesOrNull ?: HashMap<String, UpdateMachine>().also { updatesOrNull = it }
    private var localActivitiesOrNull: HashMap<Int, LocalActivityMachine>? = null
    private val localActivities: HashMap<Int, LocalActivityMachine> get() = localActivitiesOrNull ?: HashMap<Int, LocalActivityMachine>().also { localActivitiesOrNull = it }
    private var lookedAheadMarkersOrNull: HashMap<Int, LocalActivityMarker>? = null
    private val lookedAheadMarkers: HashMap<Int, LocalActivityMarker> get() = lookedAheadMarkersOrNull ?: HashMap<Int, LocalActivityMarker>().also { lookedAheadMarkersOrNull = it }
    private var localActivityRequestsOrNull: LinkedHashMap<Int, LocalActivityRequest>? = null
    private val localActivityRequests: LinkedHashMap<Int, LocalActivityRequest>
        get() = localActivityRequestsOrNull ?: LinkedHashMap<Int, LocalActivityRequest>().also { localActivityRequestsOrNull = it }
    private var localActivityCancelsOrNull: ArrayList<Int>? = null
    private val localActivityCancels: ArrayList<Int> get() = localActivityCancelsOrNull ?: ArrayList<Int>().also { localActivityCancelsOrNull = it }
    private var knownUpdateIdsOrNull: HashSet<String>? = null
    private val knownUpdateIds: HashSet<String> get() = knownUpdateIdsOrNull ?: HashSet<String>().also { knownUpdateIdsOrNull = it }
    private var patchIdsOrNull: HashSet<String>? = null
    private val patchIds: HashSet<String> get() = patchIdsOrNull ?: HashSet<String>().also { patchIdsOrNull = it }
    private var localActivityCompleteTimesOrNull: HashMap<Int, Instant>? = null
    private val localActivityCompleteTimes: HashMap<Int, Instant> get() = localActivityCompleteTimesOrNull ?: HashMap<Int, Instant>().also { localActivityCompleteTimesOrNull = it }
    private var workflowTime: Instant? = null
    private var nexusOperationsOrNull: HashMap<Int, NexusOperationMachine>? = null
    private val nexusOperations: HashMap<Int, NexusOperationMachine> get() = nexusOperationsOrNull ?: HashMap<Int, NexusOperationMachine>().also { nexusOperationsOrNull = it }

    private var taskMessages: List<Message> = emptyList()
    private var taskQueries: Map<String, WorkflowQuery> = emptyMap()
    private var legacyQuery: WorkflowQuery? = null
    private var queriesDelivered = false

    /** Updates admitted by the server in the segment being cut, by update id; see [startAdmittedUpdates]. */
    private var admittedUpdatesOrNull: LinkedHashMap<String, AdmittedUpdate>? = null

    private class AdmittedUpdate(val eventId: Long, val request: Request)

    private var outgoingMessagesOrNull: ArrayList<Message>? = null
    private val outgoingMessages: ArrayList<Message> get() = outgoingMessagesOrNull ?: ArrayList<Message>().also { outgoingMessagesOrNull = it }
    private var queryResultsOrNull: LinkedHashMap<String, WorkflowQueryResult>? = null
    private val queryResults: LinkedHashMap<String, WorkflowQueryResult>
        get() = queryResultsOrNull ?: LinkedHashMap<String, WorkflowQueryResult>().also { queryResultsOrNull = it }
    private var legacyQueryResult: WorkflowQueryResult? = null
    private var taskFailure: WorkflowActivationCompletion.Failed? = null
    private var nonDeterminismFailure: NonDeterminismException? = null

    // Started event id and time (epoch milliseconds) of the task whose command events are matched next: the last task cut.
    private var regionTaskStartedId = 0L
    private var regionTaskStartedMillis = 0L

    private var outstanding: WorkflowActivation? = null
    private var wft: WftInfo? = null
    private var started: StartInfo? = null

    private var workflowIdValue = ""

    /** Id of the run, known from the first task. */
    public var runId: String = ""
        private set

    /** Workflow type of the run, known from the first task. */
    public var workflowType: String = ""
        private set

    /** `true` while the current activation replays history already processed once. */
    public val isReplaying: Boolean get() = wft?.replaying ?: true

    private class WftInfo(
        val timestamp: Instant,
        val replaying: Boolean,
        val historyLength: Long,
        val sizeBytes: Long,
        val continueAsNewSuggested: Boolean,
    )

    /** The fields of WorkflowExecutionStarted the run still needs after its first task; see (f). */
    private class StartInfo(
        val taskQueueName: String,
        val workflowTaskTimeout: kotlin.time.Duration?,
        val memo: Memo?,
        val searchAttributes: SearchAttributes?,
        val retryPolicy: RetryPolicy?,
    )

    /** Number of history events the engine holds now: only those not applied yet. */
    internal val retainedEventCount: Int get() = eventsOrNull?.size ?: 0

    /** Number of activity machines the engine holds now: only those not resolved yet; see [ActivityMachine]. */
    internal val activityMachineCount: Int get() = activitiesOrNull?.size ?: 0

    /** Number of routes for later events the engine holds now. */
    internal val routeCount: Int get() = routesOrNull?.size ?: 0

    /**
     * Number of state machines and routes the engine holds now, of every kind: machines are released at their final
     * state, so this stays bounded by what the run has in flight, however long it runs.
     */
    internal val heldStateCount: Int
        get() = (timersOrNull?.size ?: 0) + (activitiesOrNull?.size ?: 0) + (childrenOrNull?.size ?: 0) +
            (updatesOrNull?.size ?: 0) + (knownUpdateIdsOrNull?.size ?: 0) + (localActivitiesOrNull?.size ?: 0) +
            (nexusOperationsOrNull?.size ?: 0) + (externalSignalsOrNull?.size ?: 0) + (externalCancelsOrNull?.size ?: 0) +
            routeCount + (queueOrNull?.size ?: 0)

    /** What the machines of this run call back; created with the first machine. */
    private var contextOrNull: MachineContext? = null
    private val context: MachineContext get() = contextOrNull ?: newMachineContext().also { contextOrNull = it }

    private fun newMachineContext() = object : MachineContext {
        override val replaying: Boolean get() = isReplaying
        override fun tryUse(flag: LogicFlag): Boolean = tryUseFlag(flag)
        override fun enqueue(command: PendingCommand) {
            this@WorkflowRunEngine.enqueue(command)
        }
        override fun dropQueued(command: PendingCommand): Boolean = queue.remove(command)
        override fun resolve(job: ActivationJob, eventId: Long) {
            pendingJobs.add(eventId to job)
        }
        override fun route(commandEventId: Long, handler: (HistoryEvent) -> Unit) {
            routes[commandEventId] = handler
        }
        override fun unroute(commandEventId: Long) {
            routesOrNull = routesOrNull.without(commandEventId)
        }
    }

    private var localActivityHostOrNull: LocalActivityHost? = null
    private val localActivityHost: LocalActivityHost
        get() = localActivityHostOrNull ?: newLocalActivityHost().also { localActivityHostOrNull = it }

    private fun newLocalActivityHost() = object : LocalActivityHost {
        override fun requestExecution(request: LocalActivityRequest) {
            localActivityRequests[request.seq] = request
        }
        override fun withdrawRequest(seq: Int): Boolean = localActivityRequests.remove(seq) != null
        override fun requestCancel(seq: Int) {
            localActivityCancels.add(seq)
        }
        override val workflowTime: Instant? get() = this@WorkflowRunEngine.workflowTime ?: wft?.timestamp
        override fun resolvedAt(seq: Int, completeTime: Instant?) {
            if (completeTime != null) localActivityCompleteTimes[seq] = completeTime else localActivityCompleteTimes.remove(seq)
        }
    }

    /** The run's workflow task timeout from its start event, or `null` before the first task or when unset. */
    public val workflowTaskTimeout: kotlin.time.Duration?
        get() = started?.workflowTaskTimeout

    /** Whether some local activity waits for an outcome from the worker (requested or running). */
    public val hasOutstandingLocalActivities: Boolean get() = localActivitiesOrNull?.values?.any { it.isExecuting } ?: false

    /** The local activities the worker must start now, in schedule order; each is handed out once. */
    public fun takeLocalActivityRequests(): List<LocalActivityRequest> {
        val requests = localActivityRequestsOrNull ?: return emptyList()
        return requests.values.toList().also { localActivityRequestsOrNull = null }
    }

    /** Sequence numbers of running local activities whose attempts the worker must cancel; each is handed out once. */
    public fun takeLocalActivityCancellations(): List<Int> {
        val cancels = localActivityCancelsOrNull ?: return emptyList()
        return cancels.toList().also { localActivityCancelsOrNull = null }
    }

    /**
     * Reports the outcome of the local activity [seq] that the worker ran. The resolution is delivered by the next
     * [nextActivation]; an outcome for a local activity already resolved (cancelled without waiting) is ignored.
     */
    public fun resolveLocalActivity(seq: Int, completion: LocalActivityCompletion) {
        check(outstanding == null) {
            "The activation for run $runId has not been completed yet; call applyCompletion before resolving local activities."
        }
        localActivitiesOrNull?.get(seq)?.complete(completion)
    }

    /**
     * Feeds a polled workflow task whose history the caller has fully paged: the full history from event
     * 1 (new engine or cache miss), or only the events after those already fed (sticky task). Events
     * already known are skipped. Also takes the task's protocol messages (updates) and queries (legacy
     * `query` and the `queries` map).
     *
     * A task whose `startedEventId` lies beyond its history (for example `Long.MAX_VALUE`) replays every
     * workflow task of that history and answers none as new work: that is how a replayer checks a
     * recorded history against workflow code.
     *
     * @throws IllegalArgumentException when the history leaves a gap after the events already known.
     */
    public fun applyWorkflowTask(task: PollWorkflowTaskQueueResponse) {
        check(outstanding == null) {
            "The activation for run $runId has not been completed yet; call applyCompletion before feeding a new task."
        }
        if (runId.isEmpty()) {
            runId = task.workflowExecution.runId
            workflowIdValue = task.workflowExecution.workflowId
            workflowType = SharedStrings.of(task.workflowType.name)
        }
        releaseApplied()
        val lastKnown = lastEventId
        for (e in task.history.eventsList) {
            if (e.eventId <= lastKnown) continue
            val expected = lastEventId + 1
            require(e.eventId == expected) {
                "History of run $runId has a gap: expected event $expected but got ${e.eventId}. " +
                    "Page the full history (or the events after $lastKnown) before applying the task."
            }
            events.add(e)
            lastEventId = e.eventId
        }
        legacyQueryMode = task.hasQuery()
        legacyQuery = if (task.hasQuery()) task.query else null
        if (!legacyQueryMode) taskStartedEventId = task.startedEventId
        taskMessages = task.messagesList
        // an empty map field of a message is a new map view on each read: kept until the next task, share one
        taskQueries = if (task.queriesCount == 0) emptyMap() else task.queriesMap
        queriesDelivered = false
        outgoingMessagesOrNull = null
        queryResultsOrNull = null
        legacyQueryResult = null
        taskFailure = null
    }

    /**
     * The next activation to run through workflow code, or `null` when the task needs no more and
     * [taskCompletion] may be called.
     *
     * @throws NonDeterminismException when commands sent earlier do not match the events of this task.
     */
    public fun nextActivation(): WorkflowActivation? {
        check(outstanding == null) {
            "The activation for run $runId has not been completed yet; call applyCompletion first."
        }
        if (taskFailure != null || nonDeterminismFailure != null) return null
        while (true) {
            val current = wft
            if (pendingJobs.isNotEmpty() && current != null) return emit(drainJobs(), current)
            if (hasNextBoundary()) {
                try {
                    processSegment()
                } catch (e: NonDeterminismException) {
                    if (!options.failRunOnNonDeterminism) throw e
                    nonDeterminismFailure = e
                    return null
                }
                continue
            }
            if (legacyQueryMode) {
                matchCommandRegion(requireComplete = true)
                val q = legacyQuery
                if (q != null && !queriesDelivered) {
                    queriesDelivered = true
                    return emit(listOf(queryJob(LEGACY_QUERY_ID, q)), current ?: return null)
                }
                return null
            }
            if (taskQueries.isNotEmpty() && !queriesDelivered && current != null) {
                queriesDelivered = true
                return emit(taskQueries.map { (id, q) -> queryJob(id, q) }, current)
            }
            releaseApplied()
            return null
        }
    }

    /**
     * Consumes the workflow runtime's answer to the last activation.
     *
     * @throws NonDeterminismException when the commands do not match history (unless
     *   [EngineOptions.failRunOnNonDeterminism] is set; then the task answers with a failed run).
     */
    public fun applyCompletion(completion: WorkflowActivationCompletion) {
        val activation = checkNotNull(outstanding) { "No activation of run $runId is waiting for a completion." }
        require(completion.runId == activation.runId) {
            "Completion for run ${completion.runId} does not answer the activation of run ${activation.runId}."
        }
        outstanding = null
        when (completion) {
            is WorkflowActivationCompletion.Failed -> {
                taskFailure = completion
                return
            }
            is WorkflowActivationCompletion.Successful -> {
                if (completion.usedInternalFlags.isNotEmpty()) usedFlags.addAll(completion.usedInternalFlags)
                try {
                    if (activation.isQueryOnly) {
                        applyQueryAnswers(completion.commands)
                    } else {
                        completion.commands.forEach { applyCommand(it) }
                        if (activation.isReplaying && pendingJobs.isEmpty()) matchCommandRegion(requireComplete = true)
                    }
                    releaseApplied()
                } catch (e: NonDeterminismException) {
                    if (!options.failRunOnNonDeterminism) throw e
                    nonDeterminismFailure = e
                }
            }
        }
    }

    /** What to send back for the task once [nextActivation] returned `null`; resets the per-task state. */
    public fun taskCompletion(): WorkflowTaskCompletion {
        taskFailure?.let {
            return WorkflowTaskCompletion(
                failure = it.failure,
                failureCause = it.forceCause ?: WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED,
            )
        }
        nonDeterminismFailure?.let { nde ->
            val failure = Failure.newBuilder().setMessage(nde.message ?: "")
                .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("NonDeterminismError").setNonRetryable(true))
                .build()
            val cmd = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION)
                .setFailWorkflowExecutionCommandAttributes(FailWorkflowExecutionCommandAttributes.newBuilder().setFailure(failure))
                .build()
            return WorkflowTaskCompletion(commands = listOf(cmd))
        }
        legacyQueryResult?.let { return WorkflowTaskCompletion(legacyQueryResult = it) }
        val newFlags = usedFlagsOrNull?.filter { recordedFlagsOrNull?.contains(it) != true }.orEmpty()
        if (newFlags.isNotEmpty()) recordedFlags.addAll(newFlags)
        val metadata = WorkflowTaskCompletedMetadata.newBuilder().addAllLangUsedFlags(newFlags)
        if (recordedSdkName != options.sdkName) metadata.setSdkName(options.sdkName).also { recordedSdkName = options.sdkName }
        if (recordedSdkVersion != options.sdkVersion) metadata.setSdkVersion(options.sdkVersion).also { recordedSdkVersion = options.sdkVersion }
        val sent = queue.filter { !it.createdWhileReplaying && !it.sent }
        sent.forEach { it.sent = true }
        val messages = ArrayList<Message>()
        for (c in sent) c.message?.let { messages.add(it) }
        outgoingMessagesOrNull?.let { messages.addAll(it) }
        outgoingMessagesOrNull = null
        if (queueOrNull?.isEmpty() == true) queueOrNull = null
        return WorkflowTaskCompletion(
            commands = sent.map { it.command },
            messages = messages,
            queryResults = queryResultsOrNull?.let { LinkedHashMap(it) } ?: LinkedHashMap(),
            sdkMetadata = metadata.build(),
        )
    }

    // ---------------------------------------------------------------- history walking

    /**
     * Drops the events before the cursor, which are fully applied, and moves the cursor to 0; see (f).
     * Only called where no list index other than [cursor] is held.
     */
    private fun releaseApplied() {
        if (cursor == 0) {
            if (eventsOrNull?.isEmpty() == true) eventsOrNull = null
            return
        }
        events.subList(0, cursor).clear()
        cursor = 0
        if (events.isEmpty()) eventsOrNull = null
    }

    private fun isBoundary(i: Int): Boolean {
        val e = events[i]
        if (e.eventType != EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) return false
        if (!legacyQueryMode && e.eventId == taskStartedEventId) return true
        return i + 1 < events.size && events[i + 1].eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
    }

    private fun nextBoundary(): Int? = (cursor until events.size).firstOrNull { isBoundary(it) }

    private fun hasNextBoundary(): Boolean = nextBoundary() != null

    private fun processSegment() {
        val b = nextBoundary() ?: return
        matchCommandRegion(requireComplete = true)
        val s = events[b]
        val attrs = s.workflowTaskStartedEventAttributes
        val replaying = legacyQueryMode || s.eventId < taskStartedEventId
        // set before the segment's events are applied: a command a machine queues for one of them (a child cancelled
        // once it started) belongs to this task, and is replayed or sent with it
        wft = WftInfo(
            ProtoConversions.toInstant(s.eventTime), replaying, s.eventId, attrs.historySizeBytes, attrs.suggestContinueAsNew,
        )
        while (cursor < b) {
            handleEvent(events[cursor])
            cursor++
        }
        cursor = b + 1
        regionTaskStartedId = s.eventId
        regionTaskStartedMillis = ProtoConversions.toInstant(s.eventTime).toEpochMilli()
        lookAhead()
        releaseApplied()
        if (!replaying) startAdmittedUpdates()
        admittedUpdatesOrNull = null
        if (!replaying) {
            acceptUpdateMessages()
            localActivitiesOrNull?.values?.forEach { it.startLive() }
        }
    }

    /** Reads the command events of the task just cut, for patches, accepted updates and flags. */
    private fun lookAhead() {
        var i = cursor
        if (i >= events.size || events[i].eventType != EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) return
        observeTaskCompleted(events[i])
        i++
        while (i < events.size && isCommandEvent(events[i].eventType)) {
            val e = events[i]
            PatchMarkers.decode(e)?.let { (id, _) ->
                patchIds.add(id)
                pendingJobs.add(0L to ActivationJob.NotifyHasPatch(id))
            }
            if (LocalActivityMarkers.isMarker(e)) {
                val marker = decodeLocalActivityMarker(e)
                val machine = localActivitiesOrNull?.get(marker.seq)
                if (machine != null) machine.offerLookahead(marker) else lookedAheadMarkers[marker.seq] = marker
            }
            if (e.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
                val a = e.workflowExecutionUpdateAcceptedEventAttributes
                if (updatesOrNull?.containsKey(a.protocolInstanceId) != true) {
                    // an update the server admitted itself (reapplied after a reset) is accepted without its request,
                    // which its admitted event carries
                    val request = admittedUpdatesOrNull?.remove(a.protocolInstanceId)?.request ?: a.acceptedRequest
                    startUpdate(a.protocolInstanceId, a.acceptedRequestMessageId, a.acceptedRequestSequencingEventId, request, replay = true)
                }
            }
            i++
        }
    }

    /**
     * Takes the SDK metadata of a workflow task completed event: the SDK name and version last recorded, and the
     * logic flags. Flags recorded while another SDK's name was the last one recorded are in that SDK's id space
     * and are skipped; unknown ids of ours fail the task with [UnknownLogicFlagException].
     */
    private fun observeTaskCompleted(e: HistoryEvent) {
        val metadata = e.workflowTaskCompletedEventAttributes.sdkMetadata
        // ours are kept as our own instances, not one copy per run
        if (metadata.sdkName.isNotEmpty()) recordedSdkName = metadata.sdkName.let { if (it == options.sdkName) options.sdkName else it }
        if (metadata.sdkVersion.isNotEmpty()) recordedSdkVersion = metadata.sdkVersion.let { if (it == options.sdkVersion) options.sdkVersion else it }
        if (recordedSdkName.isNotEmpty() && recordedSdkName != options.sdkName) return
        val ids = metadata.langUsedFlagsList.toSet()
        val unknown = ids.filter { it !in options.knownLogicFlags }.sorted()
        if (unknown.isNotEmpty()) {
            throw UnknownLogicFlagException(workflowType, workflowIdValue, runId, e.eventId, unknown, options.sdkName, options.sdkVersion)
        }
        if (ids.isNotEmpty()) recordedFlags.addAll(ids)
    }

    private fun acceptUpdateMessages() {
        for (m in taskMessages) {
            if (!m.body.`is`(Request::class.java)) continue
            val request = m.body.unpack(Request::class.java)
            if (updatesOrNull?.containsKey(m.protocolInstanceId) == true || knownUpdateIdsOrNull?.contains(request.meta.updateId) == true) continue
            val seqEvent = if (m.sequencingIdCase == Message.SequencingIdCase.EVENT_ID) m.eventId else wft?.historyLength ?: 0L
            startUpdate(m.protocolInstanceId, m.id, seqEvent, request, replay = false)
        }
        taskMessages = emptyList()
    }

    /**
     * Delivers the updates admitted by the server in the segment just cut (WorkflowExecutionUpdateAdmitted: updates
     * reapplied to a run after a reset), which arrive without protocol message, as new updates whose validators run.
     * The protocol instance is the update id and the request message `<update id>/request`, as the server expects in
     * the acceptance. While replaying, the admitted requests serve only the acceptances looked ahead at.
     */
    private fun startAdmittedUpdates() {
        val admitted = admittedUpdatesOrNull ?: return
        for ((updateId, admittedUpdate) in admitted) {
            if (updatesOrNull?.containsKey(updateId) == true || knownUpdateIdsOrNull?.contains(updateId) == true) continue
            startUpdate(updateId, "$updateId/request", admittedUpdate.eventId, admittedUpdate.request, replay = false)
        }
    }

    private fun startUpdate(instanceId: String, messageId: String, sequencingEventId: Long, request: Request, replay: Boolean) {
        val machine = UpdateMachine(context, instanceId, messageId, sequencingEventId, request) { outgoingMessages.add(it) }
        updates[instanceId] = machine
        knownUpdateIds.add(request.meta.updateId)
        pendingJobs.add(
            sequencingEventId to ActivationJob.DoUpdate(
                id = request.meta.updateId,
                protocolInstanceId = instanceId,
                name = request.input.name,
                input = request.input.args,
                headers = request.input.header,
                meta = request.meta,
                runValidator = !replay,
            ),
        )
    }

    /**
     * Consumes the WorkflowTaskCompleted at the cursor and the command events after it, matching them
     * against the queue. With [requireComplete], replayed commands left afterwards are extra commands.
     */
    private fun matchCommandRegion(requireComplete: Boolean) {
        val regionFound = cursor < events.size && events[cursor].eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
        if (regionFound) {
            val completed = events[cursor]
            observeTaskCompleted(completed)
            cursor++
            while (cursor < events.size && isCommandEvent(events[cursor].eventType)) {
                matchCommandEvent(events[cursor])
                cursor++
            }
            checkReplayedLocalActivities(completed)
        }
        if (!requireComplete) return
        queue.removeAll { it.isPatchMarker && it.createdWhileReplaying }
        val extra = queue.firstOrNull { it.createdWhileReplaying || (regionFound && it.sent) } ?: return
        val next = events.getOrNull(cursor)
        val where = if (next == null) "history ends after event $lastEventId"
        else "the next event is ${next.eventId} ${HistoryDescriptions.event(next)}"
        throw nonDeterminism(null, extra.description, "the workflow produced ${extra.description} but history has no matching event ($where)")
    }

    /**
     * After the command events of the task completed by [completed] were matched: a local activity scheduled while
     * replaying and still without marker must have outlived that task (see [LocalActivityMachine]), which only a task
     * heartbeat does. A task that completed in less than half its timeout was none, so the local activity is not in the
     * code that wrote the history. Skipped when the task's start time is unknown.
     */
    private fun checkReplayedLocalActivities(completed: HistoryEvent) {
        val waiting = localActivitiesOrNull?.values?.filter { it.isAwaitingMarker }
        if (waiting.isNullOrEmpty()) return
        if (regionTaskStartedId == 0L || completed.workflowTaskCompletedEventAttributes.startedEventId != regionTaskStartedId) return
        val tookMillis = ProtoConversions.toInstant(completed.eventTime).toEpochMilli() - regionTaskStartedMillis
        val timeout = started?.workflowTaskTimeout ?: DEFAULT_WORKFLOW_TASK_TIMEOUT
        if (tookMillis >= timeout.inWholeMilliseconds / 2) return
        val first = waiting.minBy { it.seq }
        throw nonDeterminism(
            completed, first.commandDescription,
            "the workflow scheduled ${first.commandDescription} while replaying the workflow task completed at event " +
                "${completed.eventId}, but that task recorded no marker for it and completed after $tookMillis ms, " +
                "well within its $timeout timeout, so no local activity was left running: the code that wrote this " +
                "history did not schedule this local activity there",
        )
    }

    private fun matchCommandEvent(e: HistoryEvent) {
        if (LocalActivityMarkers.isMarker(e)) {
            val marker = decodeLocalActivityMarker(e)
            val machine = localActivitiesOrNull?.get(marker.seq) ?: throw nonDeterminism(
                e, null,
                "history event ${e.eventId} is a local activity marker for seq ${marker.seq} ('${marker.activityType}', " +
                    "id '${marker.activityId}') but the workflow scheduled no such local activity",
            )
            machine.onMarker(marker)?.let { throw nonDeterminism(e, null, "history event ${e.eventId}: $it") }
            localActivitiesOrNull = localActivitiesOrNull.without(marker.seq)
            return
        }
        while (true) {
            val front = queue.firstOrNull()
            val patch = PatchMarkers.decode(e)
            if (patch != null) {
                if (front != null && front.patchId == patch.first) break
                if (patch.second) return // deprecated marker the code no longer asks for
                if (front != null && front.isPatchMarker && front.createdWhileReplaying) {
                    queue.removeAt(0)
                    continue
                }
            } else {
                // before dropping patches: the upsert that follows a patch marker must not drop the next patch
                if (isPatchSearchAttributeUpsert(e) && front?.isChangeVersionUpsert() != true) return
                if (front != null && front.isPatchMarker && front.createdWhileReplaying) {
                    queue.removeAt(0)
                    continue
                }
            }
            break
        }
        val front = queue.firstOrNull()
            ?: throw nonDeterminism(e, null, "history event ${e.eventId} is ${HistoryDescriptions.event(e)} but the workflow produced no command for it")
        if (front.expects != e.eventType || !front.matches(e)) {
            throw nonDeterminism(
                e, front.description,
                "history event ${e.eventId} is ${HistoryDescriptions.event(e)} but the workflow produced ${front.description}",
            )
        }
        queue.removeAt(0)
        front.onRecorded(e)
    }

    private fun decodeLocalActivityMarker(e: HistoryEvent): LocalActivityMarker = try {
        LocalActivityMarkers.decode(e)!!
    } catch (ex: IllegalArgumentException) {
        throw nonDeterminism(e, null, ex.message ?: "unreadable local activity marker")
    }

    private fun isPatchSearchAttributeUpsert(e: HistoryEvent): Boolean =
        e.eventType == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES &&
            PatchMarkers.isChangeVersionOnly(e.upsertWorkflowSearchAttributesEventAttributes.searchAttributes)

    private fun PendingCommand.isChangeVersionUpsert(): Boolean =
        command.commandType == CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES &&
            PatchMarkers.isChangeVersionOnly(command.upsertWorkflowSearchAttributesCommandAttributes.searchAttributes)

    private fun nonDeterminism(e: HistoryEvent?, command: String?, detail: String) =
        NonDeterminismException(
            workflowType, workflowIdValue, runId, e?.eventId, e?.let { HistoryDescriptions.event(it) }, command, detail,
        )

    private fun handleEvent(e: HistoryEvent) {
        when (e.eventType) {
            EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED -> {
                // command events of an earlier task, reached without an eager match (first task of a sticky poll)
                matchCommandRegion(requireComplete = true)
                cursor-- // the caller advances past the last consumed event
            }
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> initialize(e)
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> e.workflowExecutionSignaledEventAttributes.let {
                pendingJobs.add(e.eventId to ActivationJob.SignalWorkflow(it.signalName, it.input, it.identity, it.header))
            }
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED -> e.workflowExecutionUpdateAdmittedEventAttributes.request.let {
                val admitted = admittedUpdatesOrNull ?: LinkedHashMap<String, AdmittedUpdate>().also { m -> admittedUpdatesOrNull = m }
                admitted[it.meta.updateId] = AdmittedUpdate(e.eventId, it)
            }
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED ->
                pendingJobs.add(e.eventId to ActivationJob.CancelWorkflow(reason = e.workflowExecutionCancelRequestedEventAttributes.cause))
            EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED -> e.workflowTaskFailedEventAttributes.let {
                if (it.cause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW && it.newRunId.isNotEmpty()) {
                    pendingJobs.add(e.eventId to ActivationJob.UpdateRandomSeed(RandomnessSeed.of(it.newRunId)))
                }
            }
            else -> routeEvent(e)
        }
    }

    /**
     * Hands an event that refers to an earlier command event to that command's machine, if it still listens (a
     * released machine does not: its late events are dropped here), or matches a command event against the queue.
     */
    private fun routeEvent(e: HistoryEvent) {
        val commandEventId = CommandEventReferences.of(e)
        when {
            commandEventId != null -> routesOrNull?.get(commandEventId)?.invoke(e)
            isCommandEvent(e.eventType) -> matchCommandEvent(e)
        }
    }

    private fun initialize(e: HistoryEvent) {
        val a = e.workflowExecutionStartedEventAttributes
        // one boxed value for both holders of the task timeout
        val taskTimeout = ProtoConversions.timeoutOrNull(a.hasWorkflowTaskTimeout(), a.workflowTaskTimeout)
        started = StartInfo(
            taskQueueName = a.taskQueue.name.let { if (it == taskQueue) taskQueue else it },
            workflowTaskTimeout = taskTimeout ?: ProtoConversions.fromProtoOrNull(a.hasWorkflowTaskTimeout(), a.workflowTaskTimeout),
            memo = if (a.hasMemo()) a.memo else null,
            searchAttributes = if (a.hasSearchAttributes()) a.searchAttributes else null,
            retryPolicy = if (a.hasRetryPolicy()) a.retryPolicy else null,
        )
        if (workflowType.isEmpty()) workflowType = SharedStrings.of(a.workflowType.name)
        pendingJobs.add(
            e.eventId to ActivationJob.InitializeWorkflow(
                workflowType = a.workflowType.name.let { if (it == workflowType) workflowType else it },
                workflowId = workflowIdValue,
                arguments = a.input,
                randomnessSeed = RandomnessSeed.of(a.originalExecutionRunId),
                headers = a.header,
                identity = SharedStrings.of(a.identity),
                parent = if (a.hasParentWorkflowExecution()) {
                    NamespacedExecution(a.parentWorkflowNamespace, a.parentWorkflowExecution.workflowId, a.parentWorkflowExecution.runId)
                } else null,
                root = if (a.hasRootWorkflowExecution()) NamespacedExecution("", a.rootWorkflowExecution.workflowId, a.rootWorkflowExecution.runId) else null,
                attempt = a.attempt,
                cronSchedule = a.cronSchedule,
                executionTimeout = ProtoConversions.timeoutOrNull(a.hasWorkflowExecutionTimeout(), a.workflowExecutionTimeout),
                runTimeout = ProtoConversions.timeoutOrNull(a.hasWorkflowRunTimeout(), a.workflowRunTimeout),
                taskTimeout = taskTimeout,
                continuedFromRunId = a.continuedExecutionRunId,
                continuedInitiator = if (a.continuedExecutionRunId.isEmpty()) null else a.initiator,
                continuedFailure = if (a.hasContinuedFailure()) a.continuedFailure else null,
                lastCompletionResult = if (a.hasLastCompletionResult()) a.lastCompletionResult else null,
                firstExecutionRunId = a.firstExecutionRunId.let { if (it == runId) runId else it },
                retryPolicy = if (a.hasRetryPolicy()) a.retryPolicy else null,
                executionExpirationTime = if (a.hasWorkflowExecutionExpirationTime()) ProtoConversions.toInstant(a.workflowExecutionExpirationTime) else null,
                cronScheduleToScheduleInterval = if (a.hasFirstWorkflowTaskBackoff() && a.cronSchedule.isNotEmpty()) ProtoConversions.fromProto(a.firstWorkflowTaskBackoff) else null,
                memo = a.memo,
                searchAttributes = a.searchAttributes,
                startTime = ProtoConversions.toInstant(e.eventTime),
                priority = if (a.hasPriority()) a.priority else null,
            ),
        )
    }

    // ---------------------------------------------------------------- activations

    private fun drainJobs(): List<ActivationJob> {
        val ordered = pendingJobsOrNull?.sortedBy { it.first }?.map { it.second } ?: emptyList()
        pendingJobsOrNull = null
        return ordered
    }

    private fun emit(jobs: List<ActivationJob>, info: WftInfo): WorkflowActivation {
        val recorded = recordedFlagsOrNull.orEmpty()
        val flags = if (info.replaying) recorded.toSet() else if (recorded.isEmpty()) options.knownLogicFlags else options.knownLogicFlags + recorded
        val sorted = if (jobs.all { it is ActivationJob.QueryWorkflow }) jobs else JobOrder.sort(jobs, LogicFlag.fromIds(flags))
        val activation = WorkflowActivation(
            runId = runId,
            timestamp = advanceWorkflowTime(info.timestamp, jobs),
            isReplaying = info.replaying,
            historyLength = info.historyLength.toInt(),
            jobs = sorted,
            historySizeBytes = info.sizeBytes,
            continueAsNewSuggested = info.continueAsNewSuggested,
            availableInternalFlags = flags,
        )
        outstanding = activation
        return activation
    }

    /**
     * Workflow time for an activation of the task started at [taskTime] delivering [jobs]: never earlier than before,
     * and moved on to the completion time recorded in the marker of each local activity it resolves, so code reading
     * the time after a local activity sees it advanced, the same on replay (from the marker) as when it ran.
     */
    private fun advanceWorkflowTime(taskTime: Instant, jobs: List<ActivationJob>): Instant {
        var t = workflowTime?.let { maxOf(it, taskTime) } ?: taskTime
        for (job in jobs) {
            if (job !is ActivationJob.ResolveActivity || !job.isLocal) continue
            localActivityCompleteTimes.remove(job.seq)?.let { t = maxOf(t, it) }
        }
        workflowTime = t
        return t
    }

    private fun queryJob(id: String, q: WorkflowQuery) =
        ActivationJob.QueryWorkflow(id, q.queryType, q.queryArgs, q.header)

    private fun applyQueryAnswers(commands: List<WorkflowCommand>) {
        for (c in commands) {
            if (c !is WorkflowCommand.RespondToQuery) continue
            val result = WorkflowQueryResult.newBuilder()
            when (val o = c.outcome) {
                is QueryOutcome.Succeeded -> result.setResultType(QueryResultType.QUERY_RESULT_TYPE_ANSWERED)
                    .setAnswer(Payloads.newBuilder().addPayloads(o.response))
                is QueryOutcome.Failed -> result.setResultType(QueryResultType.QUERY_RESULT_TYPE_FAILED)
                    .setErrorMessage(o.failure.message).setFailure(o.failure)
            }
            if (c.queryId == LEGACY_QUERY_ID && legacyQueryMode) legacyQueryResult = result.build()
            else queryResults[c.queryId] = result.build()
        }
    }

    // ---------------------------------------------------------------- commands

    /** Forgets a resolved activity: its machine and its route; see [ActivityMachine] for why no later event needs them. */
    private fun releaseActivity(machine: ActivityMachine) {
        activitiesOrNull = activitiesOrNull.without(machine.seq)
        routesOrNull = routesOrNull.without(machine.scheduledEventId)
    }

    /**
     * Whether the engine's own behaviour behind [flag] applies: while replaying, when history recorded the flag by the
     * task being replayed; otherwise always, recording its use with the task's completion (see [LogicFlag]).
     */
    private fun tryUseFlag(flag: LogicFlag): Boolean {
        if (isReplaying) return recordedFlagsOrNull?.contains(flag.id) == true
        usedFlags.add(flag.id)
        return true
    }

    /** Forgets a child workflow that has nothing left to resolve or send; see [ChildWorkflowMachine]. */
    private fun releaseChild(machine: ChildWorkflowMachine) {
        childrenOrNull = childrenOrNull.without(machine.seq)
    }

    /** Forgets a final timer; see [TimerMachine]. */
    private fun releaseTimer(machine: TimerMachine) {
        timersOrNull = timersOrNull.without(machine.seq)
    }

    /** [this] without [element], or `null` once nothing is left. */
    private fun <E> HashSet<E>?.without(element: E): HashSet<E>? {
        if (this == null) return null
        remove(element)
        return if (isEmpty()) null else this
    }

    /** [this] without [key], or `null` once nothing is left: what the engine keeps in its `xOrNull` fields. */
    private fun <K, V> HashMap<K, V>?.without(key: K): HashMap<K, V>? {
        if (this == null) return null
        remove(key)
        return if (isEmpty()) null else this
    }

    private fun applyCommand(c: WorkflowCommand) {
        val description = HistoryDescriptions.command(c)
        when (c) {
            is WorkflowCommand.StartTimer -> TimerMachine(context, c.seq, ::releaseTimer).also { timers[c.seq] = it }.start(c, description)
            is WorkflowCommand.CancelTimer -> timers[c.seq]?.cancel(description)
            is WorkflowCommand.ScheduleActivity ->
                ActivityMachine(context, c, taskQueue, ::releaseActivity).also { activities[c.seq] = it }.schedule(description)
            is WorkflowCommand.RequestCancelActivity -> activitiesOrNull?.get(c.seq)?.requestCancel(description)
            is WorkflowCommand.StartChildWorkflowExecution ->
                ChildWorkflowMachine(context, c, namespace, taskQueue, ::releaseChild).also { children[c.seq] = it }.start(description)
            is WorkflowCommand.CancelChildWorkflowExecution -> children[c.childWorkflowSeq]?.cancel(description)
            is WorkflowCommand.SignalExternalWorkflowExecution ->
                externalSignals[c.seq] = SignalExternalMachine(context, c).start(description) { externalSignalsOrNull = externalSignalsOrNull.without(it.seq) }
            is WorkflowCommand.RequestCancelExternalWorkflowExecution ->
                externalCancels[c.seq] = CancelExternalMachine(context, c).start(description) { externalCancelsOrNull = externalCancelsOrNull.without(it.seq) }
            is WorkflowCommand.CancelSignalExternalWorkflow -> externalSignalsOrNull?.get(c.seq)?.withdraw()
            is WorkflowCommand.CancelRequestCancelExternalWorkflow -> externalCancelsOrNull?.get(c.seq)?.withdraw()
            is WorkflowCommand.CompleteWorkflowExecution -> {
                val attrs = CompleteWorkflowExecutionCommandAttributes.newBuilder()
                if (c.result != null) attrs.setResult(Payloads.newBuilder().addPayloads(c.result))
                oneShot(Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                    .setCompleteWorkflowExecutionCommandAttributes(attrs).build(), description, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
            }
            is WorkflowCommand.FailWorkflowExecution -> oneShot(
                Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION)
                    .setFailWorkflowExecutionCommandAttributes(FailWorkflowExecutionCommandAttributes.newBuilder().setFailure(c.failure)).build(),
                description, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            )
            is WorkflowCommand.CancelWorkflowExecution -> oneShot(
                Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION)
                    .setCancelWorkflowExecutionCommandAttributes(CancelWorkflowExecutionCommandAttributes.getDefaultInstance()).build(),
                description, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
            )
            is WorkflowCommand.ContinueAsNewWorkflowExecution -> oneShot(
                Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION)
                    .setContinueAsNewWorkflowExecutionCommandAttributes(continueAsNew(c)).build(),
                description, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
            )
            is WorkflowCommand.SetPatchMarker -> {
                enqueue(
                    PendingCommand(
                        Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_RECORD_MARKER)
                            .setRecordMarkerCommandAttributes(
                                RecordMarkerCommandAttributes.newBuilder().setMarkerName(PatchMarkers.MARKER_NAME)
                                    .putAllDetails(PatchMarkers.details(c.patchId, c.deprecated)),
                            ).build(),
                        description, EventType.EVENT_TYPE_MARKER_RECORDED, isReplaying,
                        matches = { PatchMarkers.decode(it)?.first == c.patchId }, patchId = c.patchId,
                    ),
                )
                patchIds.add(c.patchId)
                if (!isReplaying && options.upsertPatchSearchAttribute) PatchMarkers.changeVersionUpsert(patchIds)?.let { attributes ->
                    oneShot(
                        Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
                            .setUpsertWorkflowSearchAttributesCommandAttributes(
                                UpsertWorkflowSearchAttributesCommandAttributes.newBuilder().setSearchAttributes(attributes),
                            ).build(),
                        "UpsertWorkflowSearchAttributes(${PatchMarkers.CHANGE_VERSION_SEARCH_ATTRIBUTE} after patch '${c.patchId}')",
                        EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
                    )
                }
            }
            is WorkflowCommand.UpsertWorkflowSearchAttributes -> oneShot(
                Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
                    .setUpsertWorkflowSearchAttributesCommandAttributes(
                        UpsertWorkflowSearchAttributesCommandAttributes.newBuilder().setSearchAttributes(c.searchAttributes),
                    ).build(),
                description, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            )
            is WorkflowCommand.ModifyWorkflowProperties -> oneShot(
                Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES)
                    .setModifyWorkflowPropertiesCommandAttributes(
                        ModifyWorkflowPropertiesCommandAttributes.newBuilder().setUpsertedMemo(c.upsertedMemo),
                    ).build(),
                description, EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
            )
            is WorkflowCommand.UpdateResponse -> {
                val machine = requireNotNull(updates[c.protocolInstanceId]) {
                    "UpdateResponse for unknown protocol instance '${c.protocolInstanceId}' in run $runId: " +
                        "answer only updates delivered as DoUpdate jobs, quoting their protocolInstanceId."
                }
                machine.respond(c.outcome, description)
                if (machine.isFinal) {
                    updatesOrNull = updatesOrNull.without(c.protocolInstanceId)
                    knownUpdateIdsOrNull = knownUpdateIdsOrNull.without(machine.updateId)
                }
            }
            is WorkflowCommand.RespondToQuery -> applyQueryAnswers(listOf(c))
            is WorkflowCommand.ScheduleLocalActivity -> scheduleLocalActivity(c, description)
            is WorkflowCommand.RequestCancelLocalActivity -> localActivities[c.seq]?.cancel()
            is WorkflowCommand.ScheduleNexusOperation ->
                NexusOperationMachine(context, c) { nexusOperationsOrNull = nexusOperationsOrNull.without(it.seq) }
                    .also { nexusOperations[c.seq] = it }.schedule(description)
            is WorkflowCommand.RequestCancelNexusOperation -> nexusOperations[c.seq]?.requestCancel(description)
        }
    }

    private fun scheduleLocalActivity(c: WorkflowCommand.ScheduleLocalActivity, description: String) {
        val request = LocalActivityRequest(
            seq = c.seq,
            activityId = c.activityId,
            activityType = c.activityType,
            arguments = c.arguments,
            headers = c.headers,
            attempt = c.attempt,
            originalScheduleTime = c.originalScheduleTime ?: Instant.now(),
            scheduleToClose = c.scheduleToClose,
            scheduleToStart = c.scheduleToStart,
            startToClose = c.startToClose,
            retryPolicy = c.retryPolicy,
            localRetryThreshold = c.localRetryThreshold ?: DEFAULT_LOCAL_RETRY_THRESHOLD,
            namespace = namespace,
            taskQueue = taskQueue,
            workflowId = workflowIdValue,
            runId = runId,
            workflowType = workflowType,
        )
        val machine = LocalActivityMachine(context, localActivityHost, c, request, description)
        localActivities[c.seq] = machine
        machine.schedule(lookedAheadMarkers.remove(c.seq))
    }

    private fun oneShot(command: Command, description: String, expects: EventType) {
        val pending = PendingCommand(command, description, expects, isReplaying)
        if (pending.closesRun) abandonLocalActivities()
        enqueue(pending)
    }

    /** The run closes: local activities without outcome are abandoned and forgotten (see [LocalActivityMachine.abandon]). */
    private fun abandonLocalActivities() {
        val machines = localActivitiesOrNull ?: return
        machines.values.removeAll { it.abandon() }
        if (machines.isEmpty()) localActivitiesOrNull = null
    }

    /**
     * Queues [command]. The command that closes the run stays last: one queued after it (the marker of a local
     * activity that finished after the run function returned, say) goes before it, so a task completion never has a
     * command after the closing one, which the server rejects. Live and replay queue in the same order, so history
     * records the same order that replay expects.
     */
    private fun enqueue(command: PendingCommand) {
        val q = queue
        if (!command.closesRun && q.lastOrNull()?.closesRun == true) q.add(q.size - 1, command) else q.add(command)
    }

    private fun continueAsNew(c: WorkflowCommand.ContinueAsNewWorkflowExecution): ContinueAsNewWorkflowExecutionCommandAttributes {
        val s = started
        val b = ContinueAsNewWorkflowExecutionCommandAttributes.newBuilder()
            .setWorkflowType(WorkflowType.newBuilder().setName(c.workflowType.ifEmpty { workflowType }))
            .setTaskQueue(TaskQueue.newBuilder().setName(c.taskQueue.ifEmpty { s?.taskQueueName?.ifEmpty { null } ?: taskQueue }))
            .setInput(c.arguments)
        if (c.headers.fieldsCount > 0) b.setHeader(c.headers)
        c.runTimeout?.let { b.setWorkflowRunTimeout(ProtoConversions.toProto(it)) }
        c.taskTimeout?.let { b.setWorkflowTaskTimeout(ProtoConversions.toProto(it)) }
        (c.memo ?: s?.memo)?.let { b.setMemo(it) }
        (c.searchAttributes ?: s?.searchAttributes)?.let { b.setSearchAttributes(it) }
        (c.retryPolicy ?: s?.retryPolicy)?.let { b.setRetryPolicy(it) }
        c.initialVersioningBehavior?.let { b.setInitialVersioningBehavior(dev.temporalkt.common.DeploymentProtos.toProto(it)) }
        return b.build()
    }

    private companion object {
        /** Query id under which a legacy query task's query is delivered and answered. */
        const val LEGACY_QUERY_ID = "legacy_query"

        /** The server's workflow task timeout when the start event sets none. */
        val DEFAULT_WORKFLOW_TASK_TIMEOUT: kotlin.time.Duration = kotlin.time.Duration.parse("10s")

        /** Backoffs longer than this leave local retrying for a workflow timer, unless the command says otherwise. */
        val DEFAULT_LOCAL_RETRY_THRESHOLD: kotlin.time.Duration = kotlin.time.Duration.parse("1m")

        private val COMMAND_EVENTS = setOf(
            EventType.EVENT_TYPE_TIMER_STARTED,
            EventType.EVENT_TYPE_TIMER_CANCELED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
            EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
            EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
            EventType.EVENT_TYPE_MARKER_RECORDED,
            EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
            EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED,
            EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED,
        )

        fun isCommandEvent(t: EventType): Boolean = t in COMMAND_EVENTS
    }
}
