package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.common.NexusOperationCancellationType
import dev.temporalkt.common.ChildWorkflowCancellationType
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.RetryPolicy
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.enums.v1.ParentClosePolicy
import dev.temporalkt.api.enums.v1.WorkflowIdReusePolicy
import dev.temporalkt.api.failure.v1.Failure
import java.time.Instant
import kotlin.time.Duration

/**
 * One instruction issued by workflow code, returned in [WorkflowActivationCompletion.Successful].
 *
 * Commands that start something carry a `seq` chosen by the runtime: a counter per command kind and
 * per run, starting at 1, that the matching [ActivationJob] quotes back. Because workflow code is
 * deterministic, the same code issues the same sequence numbers on replay, which is how the core
 * pairs commands with history.
 *
 * Optional timeouts are `null` when unset; the server or the core applies the documented default.
 * `summary` fields are user metadata shown in the UI and recorded in history.
 */
@InternalTemporalApi
public sealed interface WorkflowCommand {
    /** Start a durable timer that fires [ActivationJob.FireTimer] with [seq] after [startToFire]. */
    public data class StartTimer(
        public val seq: Int,
        public val startToFire: Duration,
        public val summary: Payload? = null,
    ) : WorkflowCommand

    /** Cancel the timer started with [seq]; no [ActivationJob.FireTimer] follows. */
    public data class CancelTimer(public val seq: Int) : WorkflowCommand

    /**
     * Schedule an activity on [taskQueue]. At least one of [scheduleToClose] and [startToClose] must be set.
     *
     * @property doNotEagerlyExecute if `true`, never run the activity eagerly on this worker.
     */
    public data class ScheduleActivity(
        public val seq: Int,
        public val activityId: String,
        public val activityType: String,
        public val taskQueue: String,
        public val arguments: Payloads,
        public val headers: Header = Header.getDefaultInstance(),
        public val scheduleToClose: Duration? = null,
        public val scheduleToStart: Duration? = null,
        public val startToClose: Duration? = null,
        public val heartbeat: Duration? = null,
        public val retryPolicy: RetryPolicy? = null,
        public val cancellationType: ActivityCancellationType = ActivityCancellationType.TRY_CANCEL,
        public val doNotEagerlyExecute: Boolean = false,
        public val summary: Payload? = null,
    ) : WorkflowCommand

    /** Ask to cancel the activity scheduled with [seq]; its [ActivityCancellationType] decides when it resolves. */
    public data class RequestCancelActivity(public val seq: Int) : WorkflowCommand

    /**
     * Run an activity in this worker's process, recorded in history as a marker.
     *
     * @property attempt 1 for a first schedule; after [ActivityResolution.Backoff] the attempt it named.
     * @property originalScheduleTime after [ActivityResolution.Backoff], the time it named; otherwise `null`.
     * @property localRetryThreshold retries with a longer backoff go through a workflow timer
     *   ([ActivityResolution.Backoff]) instead of waiting inside the worker; `null` for the default (1 minute).
     */
    public data class ScheduleLocalActivity(
        public val seq: Int,
        public val activityId: String,
        public val activityType: String,
        public val arguments: Payloads,
        public val attempt: Int = 1,
        public val originalScheduleTime: Instant? = null,
        public val headers: Header = Header.getDefaultInstance(),
        public val scheduleToClose: Duration? = null,
        public val scheduleToStart: Duration? = null,
        public val startToClose: Duration? = null,
        public val retryPolicy: RetryPolicy? = null,
        public val localRetryThreshold: Duration? = null,
        public val cancellationType: ActivityCancellationType = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    ) : WorkflowCommand

    /** Ask to cancel the local activity scheduled with [seq]. */
    public data class RequestCancelLocalActivity(public val seq: Int) : WorkflowCommand

    /**
     * Start a child workflow. Its start and its result resolve through
     * [ActivationJob.ResolveChildWorkflowExecutionStart] and [ActivationJob.ResolveChildWorkflowExecution].
     *
     * @property namespace namespace of the child; empty for the parent's own.
     */
    public data class StartChildWorkflowExecution(
        public val seq: Int,
        public val namespace: String,
        public val workflowId: String,
        public val workflowType: String,
        public val taskQueue: String,
        public val input: Payloads,
        public val executionTimeout: Duration? = null,
        public val runTimeout: Duration? = null,
        public val taskTimeout: Duration? = null,
        public val parentClosePolicy: ParentClosePolicy = ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE,
        public val workflowIdReusePolicy: WorkflowIdReusePolicy =
            WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
        public val retryPolicy: RetryPolicy? = null,
        public val cronSchedule: String = "",
        public val headers: Header = Header.getDefaultInstance(),
        public val memo: Memo? = null,
        public val searchAttributes: SearchAttributes? = null,
        public val cancellationType: ChildWorkflowCancellationType = ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
        public val summary: Payload? = null,
    ) : WorkflowCommand

    /** Cancel the child started with [childWorkflowSeq], before or after it started. */
    public data class CancelChildWorkflowExecution(public val childWorkflowSeq: Int) : WorkflowCommand

    /** Signal another workflow; resolved by [ActivationJob.ResolveSignalExternalWorkflow] with [seq]. */
    public data class SignalExternalWorkflowExecution(
        public val seq: Int,
        public val target: SignalTarget,
        public val signalName: String,
        public val args: Payloads,
        public val headers: Header = Header.getDefaultInstance(),
    ) : WorkflowCommand

    /**
     * Ask to cancel another workflow; resolved by [ActivationJob.ResolveRequestCancelExternalWorkflow]
     * with [seq]. Prefer [CancelChildWorkflowExecution] for children.
     */
    public data class RequestCancelExternalWorkflowExecution(
        public val seq: Int,
        public val execution: NamespacedExecution,
    ) : WorkflowCommand

    /**
     * Withdraw the signal sent with [seq], whose sender no longer waits for it: a command not sent to the server yet is
     * dropped and nothing goes out; a signal already sent is delivered all the same. Either way no
     * [ActivationJob.ResolveSignalExternalWorkflow] follows for [seq].
     */
    public data class CancelSignalExternalWorkflow(public val seq: Int) : WorkflowCommand

    /**
     * Withdraw the cancel request sent with [seq], as [CancelSignalExternalWorkflow] does for a signal: dropped when not
     * sent yet, delivered otherwise, and no [ActivationJob.ResolveRequestCancelExternalWorkflow] follows.
     */
    public data class CancelRequestCancelExternalWorkflow(public val seq: Int) : WorkflowCommand

    /** Close the run as completed with [result] (`null` for no result). */
    public data class CompleteWorkflowExecution(public val result: Payload?) : WorkflowCommand

    /** Close the run as failed with [failure]. */
    public data class FailWorkflowExecution(public val failure: Failure) : WorkflowCommand

    /** Close the run as cancelled, normally after [ActivationJob.CancelWorkflow]. */
    public data object CancelWorkflowExecution : WorkflowCommand

    /**
     * Close the run and start a new run of the same workflow id. `null` (or empty [workflowType] and
     * [taskQueue]) keeps the current run's value, except [arguments], [headers] and timeouts, which are
     * never carried over.
     */
    public data class ContinueAsNewWorkflowExecution(
        public val workflowType: String,
        public val taskQueue: String,
        public val arguments: Payloads,
        public val runTimeout: Duration? = null,
        public val taskTimeout: Duration? = null,
        public val memo: Memo? = null,
        public val headers: Header = Header.getDefaultInstance(),
        public val searchAttributes: SearchAttributes? = null,
        public val retryPolicy: RetryPolicy? = null,
        /** The worker deployment version the new run starts on; `null` for the predecessor's (see the enum). */
        public val initialVersioningBehavior: dev.temporalkt.common.ContinueAsNewVersioningBehavior? = null,
    ) : WorkflowCommand

    /**
     * Record that code took the patched branch for [patchId]. [deprecated] marks that the unpatched
     * branch is gone from the code, so replays of histories without the marker are still accepted.
     */
    public data class SetPatchMarker(
        public val patchId: String,
        public val deprecated: Boolean = false,
    ) : WorkflowCommand

    /** Add or replace the run's search attributes with [searchAttributes]. */
    public data class UpsertWorkflowSearchAttributes(public val searchAttributes: SearchAttributes) : WorkflowCommand

    /** Merge [upsertedMemo] into the run's memo; an empty payload value deletes its key. */
    public data class ModifyWorkflowProperties(public val upsertedMemo: Memo) : WorkflowCommand

    /** Answer the update delivered as [ActivationJob.DoUpdate] with [protocolInstanceId]. */
    public data class UpdateResponse(
        public val protocolInstanceId: String,
        public val outcome: UpdateOutcome,
    ) : WorkflowCommand

    /** Answer the query delivered as [ActivationJob.QueryWorkflow] with [queryId]. */
    public data class RespondToQuery(
        public val queryId: String,
        public val outcome: QueryOutcome,
    ) : WorkflowCommand

    /**
     * Start a Nexus operation through [endpoint]; resolved by [ActivationJob.ResolveNexusOperationStart]
     * and [ActivationJob.ResolveNexusOperation] with [seq].
     *
     * @property headers Nexus headers, which are strings, not payloads.
     * @property cancellationType when a [RequestCancelNexusOperation] resolves the operation as cancelled.
     * @property summary user metadata shown for the operation in the UI.
     */
    public data class ScheduleNexusOperation(
        public val seq: Int,
        public val endpoint: String,
        public val service: String,
        public val operation: String,
        public val input: Payload?,
        public val scheduleToCloseTimeout: Duration? = null,
        public val headers: Map<String, String> = emptyMap(),
        public val cancellationType: NexusOperationCancellationType = NexusOperationCancellationType.WAIT_CANCELLATION_COMPLETED,
        public val summary: Payload? = null,
    ) : WorkflowCommand

    /** Ask to cancel the Nexus operation scheduled with [seq]. */
    public data class RequestCancelNexusOperation(public val seq: Int) : WorkflowCommand
}
