package dev.temporalkt.client

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.failure.FailureDetails
import kotlin.reflect.KType

// The inputs of the ClientOutboundInterceptor calls. Arguments travel as values with their types so that
// interceptors can read and change them; the last link of the chain converts them to payloads.

/**
 * Input of [ClientOutboundInterceptor.startWorkflow].
 *
 * @property startSignal a signal to send with the start (signal-with-start), or `null` for a plain start.
 */
public data class StartWorkflowInput(
    val workflowType: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val resultType: KType,
    val options: WorkflowOptions,
    val headers: Map<String, Payload> = options.headers,
    val startSignal: String? = null,
    val startSignalArgs: List<Any?> = emptyList(),
    val startSignalArgTypes: List<KType> = emptyList(),
)

/** Input of [ClientOutboundInterceptor.signalWorkflow]; `runId = null` targets the latest run. */
public data class SignalWorkflowInput(
    val workflowId: String,
    val runId: String?,
    val signalName: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val headers: Map<String, Payload> = emptyMap(),
)

/** Input of [ClientOutboundInterceptor.queryWorkflow]; `runId = null` targets the latest run. */
public data class QueryWorkflowInput(
    val workflowId: String,
    val runId: String?,
    val queryType: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val resultType: KType,
    val rejectCondition: QueryRejectCondition? = null,
    val headers: Map<String, Payload> = emptyMap(),
)

/**
 * Input of [ClientOutboundInterceptor.startWorkflowUpdate].
 *
 * @property updateId the update's id; updates with an id the workflow already saw are deduplicated.
 */
public data class StartWorkflowUpdateInput(
    val workflowId: String,
    val runId: String?,
    val firstExecutionRunId: String?,
    val updateId: String,
    val updateName: String,
    val args: List<Any?>,
    val argTypes: List<KType>,
    val resultType: KType,
    val waitForStage: WorkflowUpdateStage,
    val headers: Map<String, Payload> = emptyMap(),
)

/**
 * Input of [ClientOutboundInterceptor.pollWorkflowUpdate]: the update whose outcome [WorkflowUpdateHandle.result]
 * waits for.
 *
 * @property runId the run the update was sent to, or `null` for the latest run.
 * @property updateName the update's name when known (it only appears in error messages), or `""`.
 * @property resultType the type the update's result decodes to.
 */
public data class PollWorkflowUpdateInput(
    val workflowId: String,
    val runId: String?,
    val updateId: String,
    val updateName: String,
    val resultType: KType,
)

/** Input of [ClientOutboundInterceptor.startUpdateWithStartWorkflow]. The update's workflow id and run ids are ignored. */
public data class StartUpdateWithStartInput(
    val start: StartWorkflowInput,
    val update: StartWorkflowUpdateInput,
)

/** The handles obtained by update-with-start. */
public data class UpdateWithStartResult(
    /** The started (or, with [WorkflowIdConflictPolicy.USE_EXISTING], the running) workflow. */
    val workflow: WorkflowHandle<Any?>,
    /** The update, at least at the requested stage. */
    val update: WorkflowUpdateHandle<Any?>,
)

/** Input of [ClientOutboundInterceptor.describeWorkflow]. */
public data class DescribeWorkflowInput(val workflowId: String, val runId: String?)

/** Input of [ClientOutboundInterceptor.cancelWorkflow]. */
public data class CancelWorkflowInput(
    val workflowId: String,
    val runId: String?,
    val firstExecutionRunId: String?,
    val reason: String = "",
)

/** Input of [ClientOutboundInterceptor.terminateWorkflow]. */
public data class TerminateWorkflowInput(
    val workflowId: String,
    val runId: String?,
    val firstExecutionRunId: String?,
    val reason: String = "",
    val details: FailureDetails = FailureDetails.EMPTY,
)

/**
 * Input of [ClientOutboundInterceptor.fetchWorkflowHistoryEvents].
 *
 * @property waitNewEvent long-poll for events that do not exist yet instead of ending at the current last event.
 * @property closeEventOnly return only the close event (used to wait for results).
 */
public data class FetchWorkflowHistoryEventsInput(
    val workflowId: String,
    val runId: String?,
    val pageSize: Int = 0,
    val waitNewEvent: Boolean = false,
    val closeEventOnly: Boolean = false,
)

/** Input of [ClientOutboundInterceptor.listWorkflows]; an empty query lists everything. */
public data class ListWorkflowsInput(val query: String, val pageSize: Int = 0, val limit: Int? = null)

/** Input of [ClientOutboundInterceptor.countWorkflows]; the query may end with `GROUP BY ExecutionStatus`. */
public data class CountWorkflowsInput(val query: String)

/** Input of [ClientOutboundInterceptor.heartbeatAsyncActivity]. */
public data class HeartbeatAsyncActivityInput(
    val activity: AsyncActivityId,
    val details: List<Any?>,
    val detailTypes: List<KType>,
)

/** Input of [ClientOutboundInterceptor.completeAsyncActivity]. */
public data class CompleteAsyncActivityInput(val activity: AsyncActivityId, val result: Any?, val resultType: KType)

/** Input of [ClientOutboundInterceptor.failAsyncActivity]. */
public data class FailAsyncActivityInput(
    val activity: AsyncActivityId,
    val error: Throwable,
    val lastHeartbeatDetails: List<Any?> = emptyList(),
    val lastHeartbeatDetailTypes: List<KType> = emptyList(),
)

/** Input of [ClientOutboundInterceptor.reportCancellationAsyncActivity]. */
public data class ReportCancellationAsyncActivityInput(
    val activity: AsyncActivityId,
    val details: List<Any?> = emptyList(),
    val detailTypes: List<KType> = emptyList(),
)

