package dev.temporalkt.client

import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.internal.ArgumentTypes
import dev.temporalkt.failure.FailureDetails
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.toList
import java.util.UUID
import kotlin.reflect.KType
import kotlin.reflect.typeOf
import dev.temporalkt.api.sdk.v1.WorkflowMetadata as WorkflowMetadataProto

/**
 * A handle to a workflow execution (or to the latest run of a workflow id) returning [R].
 *
 * A workflow id names a chain of runs (continue-as-new, retries and cron make new runs of the same chain) and, once a
 * chain closes, possibly later chains that reuse the id. Three run ids say which run each call reaches:
 * - [runId]: the run that [signal], [query], [startUpdate] / [executeUpdate], [describe], [fetchHistory], [cancel]
 *   and [terminate] target. `null` targets whichever run of the id is the latest when the call is made, which is
 *   what handles from start calls do, so a signal after a continue-as-new reaches the new run.
 * - [resultRunId]: the run [result] starts waiting from, following the chain's later runs to the final outcome.
 * - [firstExecutionRunId]: the first run of the chain; when set, [cancel], [terminate] and updates apply only while
 *   the latest run belongs to that chain, so they never touch a later workflow that reuses the id (the server answers
 *   `NOT_FOUND` instead; the time-skipping test server does not check). Signals and queries have no such guard.
 *
 * A handle from [Client.startWorkflow] (or update-with-start, or signal-with-start) has `runId = null`, and
 * `resultRunId` and `firstExecutionRunId` are both the run the call started (`firstExecutionRunId` is `null` when the
 * call started none but used a running workflow). [Client.getWorkflowHandle] sets `runId` and `resultRunId` to the
 * run id it is given (or `null`) and `firstExecutionRunId` only when asked to.
 *
 * ```kotlin
 * val handle = client.startWorkflow<String>("Greeting", "Ada", options = WorkflowOptions("greet-ada", "greetings"))
 * println(handle.firstExecutionRunId)   // the run just started
 * handle.signal("setPunctuation", "!")  // reaches the latest run, even after a continue-as-new
 * println(handle.query<String>("current"))
 * println(handle.result())
 * val pinned = client.getWorkflowHandle<String>(handle.id, runId = handle.firstExecutionRunId) // only that run
 * ```
 */
public class WorkflowHandle<R> internal constructor(
    private val client: Client,
    /** The workflow id. */
    public val id: String,
    /**
     * The run that signals, queries, updates, describe, history, cancel and terminate target; `null` targets the latest
     * run of [id] at the time of each call. `null` for handles from start calls; set by [Client.getWorkflowHandle]
     * when given a run id.
     */
    public val runId: String?,
    /**
     * The run [result] starts waiting from (following continue-as-new, retries and cron to the final run); `null`
     * starts from the latest run. For handles from start calls, the run the call started or, when it started none
     * (signal-with-start or [WorkflowIdConflictPolicy.USE_EXISTING] on a running id), the run it reached.
     */
    public val resultRunId: String?,
    /**
     * The first run of the chain this handle belongs to, guarding cancel, terminate and updates against a different
     * chain that reuses the id; `null` = no guard. For handles from start calls, the run the call started; `null`
     * when the call started none (it signaled or used a running workflow, whose chain may have begun with an earlier
     * run) or, for signal-with-start, when the server does not report whether it started one.
     */
    public val firstExecutionRunId: String?,
    /** The type [result] decodes to. */
    public val resultType: KType,
    /**
     * Whether the start was eager: [WorkflowOptions.requestEagerStart] was set, a worker of this process polling the
     * task queue through the same connection had a free slot, and the server handed the first workflow task
     * straight to it in the start response. `false` for handles not obtained by starting a workflow.
     */
    public val startedEagerly: Boolean = false,
) {
    /**
     * Waits for the workflow to close and returns its result.
     *
     * With [followRuns] (default) a run that continued as new, was retried, or is a cron run is followed to the
     * run that produced the final outcome. A failed workflow throws [dev.temporalkt.failure.WorkflowFailedException]
     * whose cause is the converted failure: [dev.temporalkt.failure.ApplicationFailure] for a failure,
     * [dev.temporalkt.failure.CanceledFailure] for a cancellation, [dev.temporalkt.failure.TerminatedFailure] for a
     * termination and [dev.temporalkt.failure.TimeoutFailure] for a timeout. Without [followRuns] a
     * continued-as-new run throws [WorkflowContinuedAsNewException].
     */
    @Suppress("UNCHECKED_CAST")
    public suspend fun result(followRuns: Boolean = true): R = WorkflowResults.await(client, this, followRuns) as R

    /** Describes the run (status, times, history length, memo, search attributes, parent, pending work). */
    public suspend fun describe(): WorkflowExecutionDescription =
        client.outbound.describeWorkflow(DescribeWorkflowInput(id, runId))

    /** Sends the signal [signalName] with [args] of [argTypes] (inferred from the values if omitted). */
    public suspend fun signal(signalName: String, args: List<Any?>, argTypes: List<KType> = ArgumentTypes.infer(args)) {
        client.outbound.signalWorkflow(SignalWorkflowInput(id, runId, signalName, args, argTypes))
    }

    /**
     * Queries the workflow with [queryType] and decodes the answer as [resultType].
     *
     * Throws [dev.temporalkt.failure.WorkflowQueryRejectedException] when [rejectCondition] matched and
     * [dev.temporalkt.failure.WorkflowQueryFailedException] when the query handler failed or is unknown.
     */
    public suspend fun query(
        queryType: String,
        args: List<Any?>,
        resultType: KType,
        argTypes: List<KType> = ArgumentTypes.infer(args),
        rejectCondition: QueryRejectCondition? = null,
    ): Any? = client.outbound.queryWorkflow(QueryWorkflowInput(id, runId, queryType, args, argTypes, resultType, rejectCondition))

    /**
     * Asks the workflow what it says about itself: its type, the query, signal and update handlers it has now with
     * their descriptions, and its current details (the built-in `__temporal_workflow_metadata` query, which workers
     * of every Temporal SDK answer).
     *
     * ```kotlin
     * val metadata = handle.queryMetadata()
     * println(metadata.currentDetails)                       // e.g. "waiting for the **payment**"
     * println(metadata.signalDefinitions.map { it.name })    // e.g. [approve, cancel-order]
     * ```
     *
     * Throws [dev.temporalkt.failure.WorkflowQueryRejectedException] when [rejectCondition] matched and
     * [dev.temporalkt.failure.WorkflowQueryFailedException] when the worker does not answer the query (an SDK
     * version older than the metadata query).
     */
    public suspend fun queryMetadata(rejectCondition: QueryRejectCondition? = null): WorkflowMetadata {
        val answer = query(WorkflowMetadataProtos.QUERY_TYPE, emptyList(), typeOf<WorkflowMetadataProto>(), emptyList(), rejectCondition)
        return WorkflowMetadataProtos.fromProto(answer as WorkflowMetadataProto)
    }

    /** Requests cancellation; the workflow decides how to react. Returns once the request is recorded. */
    public suspend fun cancel(reason: String = "") {
        client.outbound.cancelWorkflow(CancelWorkflowInput(id, runId, firstExecutionRunId, reason))
    }

    /** Terminates the workflow at once, recording [reason] and [details]; no workflow code runs. */
    public suspend fun terminate(reason: String = "", details: FailureDetails = FailureDetails.EMPTY) {
        client.outbound.terminateWorkflow(TerminateWorkflowInput(id, runId, firstExecutionRunId, reason, details))
    }

    /**
     * The run's history events, fetched page by page while the flow is collected. With [waitNewEvent] the flow
     * keeps long-polling for new events and ends with the close event.
     */
    public fun fetchHistoryEvents(pageSize: Int = 0, waitNewEvent: Boolean = false): Flow<HistoryEvent> =
        client.outbound.fetchWorkflowHistoryEvents(FetchWorkflowHistoryEventsInput(id, runId, pageSize, waitNewEvent))

    /** The run's whole current history (all pages). */
    public suspend fun fetchHistory(): WorkflowHistory =
        WorkflowHistory(id, History.newBuilder().addAllEvents(fetchHistoryEvents().toList()).build())

    /**
     * Sends the update [updateName] and returns once it reached [waitForStage] ([WorkflowUpdateStage.ACCEPTED] or
     * [WorkflowUpdateStage.COMPLETED]). Sending again with the same [updateId] attaches to the same update.
     *
     * Throws [dev.temporalkt.failure.WorkflowUpdateFailedException] when the validator rejects the update (and, when
     * waiting for [WorkflowUpdateStage.COMPLETED], when the handler fails it), and
     * [dev.temporalkt.failure.WorkflowUpdateNotFoundException] when the workflow execution is closed, closes before
     * accepting the update, or does not exist.
     */
    public suspend fun startUpdate(
        updateName: String,
        args: List<Any?>,
        resultType: KType,
        argTypes: List<KType> = ArgumentTypes.infer(args),
        waitForStage: WorkflowUpdateStage = WorkflowUpdateStage.ACCEPTED,
        updateId: String = UUID.randomUUID().toString(),
    ): WorkflowUpdateHandle<Any?> {
        require(waitForStage != WorkflowUpdateStage.ADMITTED) {
            "waitForStage = ADMITTED is not supported; wait for ACCEPTED or COMPLETED"
        }
        return client.outbound.startWorkflowUpdate(
            StartWorkflowUpdateInput(id, runId, firstExecutionRunId, updateId, updateName, args, argTypes, resultType, waitForStage),
        )
    }

    /**
     * Sends the update [updateName], waits for it to complete and returns its result. Throws
     * [dev.temporalkt.failure.WorkflowUpdateFailedException] when the validator rejects the update or the handler
     * fails it, and [dev.temporalkt.failure.WorkflowUpdateNotFoundException] when the workflow execution is closed,
     * closes before accepting the update, or does not exist.
     */
    public suspend fun executeUpdate(
        updateName: String,
        args: List<Any?>,
        resultType: KType,
        argTypes: List<KType> = ArgumentTypes.infer(args),
        updateId: String = UUID.randomUUID().toString(),
    ): Any? = startUpdate(updateName, args, resultType, argTypes, WorkflowUpdateStage.COMPLETED, updateId).result()

    /** A handle to the update [updateId] of this workflow, to wait for its result. */
    public fun <T> getUpdateHandle(updateId: String, resultType: KType): WorkflowUpdateHandle<T> =
        WorkflowUpdateHandle(client, id, runId, updateId, resultType, "", null)

    override fun toString(): String =
        "WorkflowHandle(id=$id, runId=$runId, resultRunId=$resultRunId, firstExecutionRunId=$firstExecutionRunId)"
}

/** Sends the signal [signalName] with [args] (types inferred from the values). */
public suspend fun WorkflowHandle<*>.signal(signalName: String, vararg args: Any?): Unit = signal(signalName, args.toList())

/** Queries the workflow with [queryType] and [args], decoding the answer as [T]. */
@Suppress("UNCHECKED_CAST")
public suspend inline fun <reified T> WorkflowHandle<*>.query(
    queryType: String,
    vararg args: Any?,
    rejectCondition: QueryRejectCondition? = null,
): T = query(queryType, args.toList(), typeOf<T>(), rejectCondition = rejectCondition) as T

/** Sends the update [updateName] with [args], waits for it to complete and returns its result as [T]. */
@Suppress("UNCHECKED_CAST")
public suspend inline fun <reified T> WorkflowHandle<*>.executeUpdate(updateName: String, vararg args: Any?): T =
    executeUpdate(updateName, args.toList(), typeOf<T>()) as T

/** Sends the update [updateName] with [args] and returns once it reached [waitForStage]. */
@Suppress("UNCHECKED_CAST")
public suspend inline fun <reified T> WorkflowHandle<*>.startUpdate(
    updateName: String,
    vararg args: Any?,
    waitForStage: WorkflowUpdateStage = WorkflowUpdateStage.ACCEPTED,
    updateId: String = java.util.UUID.randomUUID().toString(),
): WorkflowUpdateHandle<T> =
    startUpdate(updateName, args.toList(), typeOf<T>(), waitForStage = waitForStage, updateId = updateId) as WorkflowUpdateHandle<T>

/** A handle to the update [updateId] whose result decodes as [T]. */
public inline fun <reified T> WorkflowHandle<*>.getUpdateHandle(updateId: String): WorkflowUpdateHandle<T> =
    getUpdateHandle(updateId, typeOf<T>())
