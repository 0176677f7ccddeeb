package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.Priority
import dev.temporalkt.api.common.v1.RetryPolicy
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.enums.v1.ContinueAsNewInitiator
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.update.v1.Meta
import java.time.Instant
import kotlin.time.Duration

/**
 * One thing a workflow runtime must apply to a run, as part of a [WorkflowActivation].
 *
 * Jobs that answer a command carry the command's `seq`: the number the runtime chose when it issued
 * the command (for example [WorkflowCommand.StartTimer.seq] for [FireTimer]). Sequence numbers are
 * per command kind and per run.
 *
 * Arguments are kept as the [Payloads] message found in history, so they reach the data converter
 * without copying. Headers, memo and search attributes are the API messages as well.
 *
 * The order of jobs in an activation is defined by [JobOrder].
 */
@InternalTemporalApi
public sealed interface ActivationJob {
    /**
     * The run starts: everything from its workflow-execution-started event. Always the first job of
     * the first activation of a run, and never sent again for that run (a replay after eviction
     * sends it again to a fresh runtime instance).
     *
     * @property randomnessSeed seed for the deterministic random generator; replaced by [UpdateRandomSeed].
     * @property parent the parent run when this run is a child workflow.
     * @property root the root of the parent chain when this run is a child workflow.
     * @property attempt 1 for the first attempt, increased by each retry of the run.
     * @property continuedFromRunId run that continued as new, retried or cron-started into this run; empty if none.
     * @property continuedFailure failure of the previous run when this run is its retry.
     * @property lastCompletionResult result of the previous cron run, if any.
     * @property executionExpirationTime absolute time the whole execution times out, if set.
     * @property cronScheduleToScheduleInterval for cron runs, time between this run's schedule and the next.
     */
    public data class InitializeWorkflow(
        public val workflowType: String,
        public val workflowId: String,
        public val arguments: Payloads,
        public val randomnessSeed: Long,
        public val headers: Header = Header.getDefaultInstance(),
        public val identity: String = "",
        public val parent: NamespacedExecution? = null,
        public val root: NamespacedExecution? = null,
        public val attempt: Int = 1,
        public val cronSchedule: String = "",
        public val executionTimeout: Duration? = null,
        public val runTimeout: Duration? = null,
        public val taskTimeout: Duration? = null,
        public val continuedFromRunId: String = "",
        public val continuedInitiator: ContinueAsNewInitiator? = null,
        public val continuedFailure: Failure? = null,
        public val lastCompletionResult: Payloads? = null,
        public val firstExecutionRunId: String = "",
        public val retryPolicy: RetryPolicy? = null,
        public val executionExpirationTime: Instant? = null,
        public val cronScheduleToScheduleInterval: Duration? = null,
        public val memo: Memo = Memo.getDefaultInstance(),
        public val searchAttributes: SearchAttributes = SearchAttributes.getDefaultInstance(),
        public val startTime: Instant? = null,
        public val priority: Priority? = null,
    ) : ActivationJob

    /** The timer started by [WorkflowCommand.StartTimer] with this [seq] fired. */
    public data class FireTimer(public val seq: Int) : ActivationJob

    /**
     * The activity (or, when [isLocal], local activity) scheduled with this [seq] resolved.
     * [isLocal] matters to ordering only: see [JobOrder].
     */
    public data class ResolveActivity(
        public val seq: Int,
        public val result: ActivityResolution,
        public val isLocal: Boolean = false,
    ) : ActivationJob

    /** The child workflow started by [WorkflowCommand.StartChildWorkflowExecution] with this [seq] started or failed to. */
    public data class ResolveChildWorkflowExecutionStart(
        public val seq: Int,
        public val status: ChildWorkflowStartResolution,
    ) : ActivationJob

    /** The child workflow started with this [seq] ended. */
    public data class ResolveChildWorkflowExecution(
        public val seq: Int,
        public val result: ChildWorkflowResult,
    ) : ActivationJob

    /** The external signal sent with this [seq] was delivered ([failure] `null`), or failed or was cancelled. */
    public data class ResolveSignalExternalWorkflow(
        public val seq: Int,
        public val failure: Failure? = null,
    ) : ActivationJob

    /** The external cancel request sent with this [seq] was delivered ([failure] `null`) or failed. */
    public data class ResolveRequestCancelExternalWorkflow(
        public val seq: Int,
        public val failure: Failure? = null,
    ) : ActivationJob

    /**
     * The Nexus operation scheduled with this [seq] started, or was cancelled before starting. An operation that
     * ends before it started (its start failed, it timed out, it was cancelled after scheduling) gets no start
     * resolution: only [ResolveNexusOperation], which then also answers the start.
     */
    public data class ResolveNexusOperationStart(
        public val seq: Int,
        public val status: NexusOperationStartResolution,
    ) : ActivationJob

    /** The Nexus operation scheduled with this [seq] ended. */
    public data class ResolveNexusOperation(
        public val seq: Int,
        public val result: NexusOperationResult,
    ) : ActivationJob

    /** A signal arrived. Handlers run before the main workflow routine resumes (see [JobOrder]). */
    public data class SignalWorkflow(
        public val signalName: String,
        public val input: Payloads,
        public val identity: String = "",
        public val headers: Header = Header.getDefaultInstance(),
    ) : ActivationJob

    /**
     * An update arrived. When [runValidator] is set the runtime runs the validator first and answers
     * in the same activation with [WorkflowCommand.UpdateResponse] accepted or rejected; on replay the
     * validator is not run again and [runValidator] is `false`. After acceptance the handler runs and
     * its outcome is reported with a later completed or rejected response.
     *
     * @property id the update id chosen by the caller, unique within the workflow.
     * @property protocolInstanceId the id the response must quote in [WorkflowCommand.UpdateResponse].
     */
    public data class DoUpdate(
        public val id: String,
        public val protocolInstanceId: String,
        public val name: String,
        public val input: Payloads,
        public val headers: Header = Header.getDefaultInstance(),
        public val meta: Meta = Meta.getDefaultInstance(),
        public val runValidator: Boolean = true,
    ) : ActivationJob

    /**
     * A query arrived. Queries never share an activation with other jobs; the runtime answers each with
     * [WorkflowCommand.RespondToQuery] quoting [queryId] and must not change workflow state.
     */
    public data class QueryWorkflow(
        public val queryId: String,
        public val queryType: String,
        public val arguments: Payloads,
        public val headers: Header = Header.getDefaultInstance(),
    ) : ActivationJob

    /** Cancellation of the run was requested; [reason] and [details] come from the request. */
    public data class CancelWorkflow(
        public val reason: String = "",
        public val details: Payloads? = null,
    ) : ActivationJob

    /**
     * History holds a marker for patch [patchId], so the patch check for that id answers `true`.
     * Sent ahead of the code that asks, which is why it precedes all other jobs but initialization.
     */
    public data class NotifyHasPatch(public val patchId: String) : ActivationJob

    /** The run was reset: replace the random generator's seed with [randomnessSeed]. */
    public data class UpdateRandomSeed(public val randomnessSeed: Long) : ActivationJob

    /**
     * Drop the cached run without running user code; always the only job of its activation.
     * [message] explains the [reason] for logs.
     */
    public data class RemoveFromCache(
        public val message: String,
        public val reason: EvictionReason,
    ) : ActivationJob
}
