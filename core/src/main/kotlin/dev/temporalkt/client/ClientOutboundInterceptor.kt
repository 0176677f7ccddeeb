package dev.temporalkt.client

import dev.temporalkt.api.history.v1.HistoryEvent
import kotlinx.coroutines.flow.Flow

/**
 * One link of the chain every [Client] call goes through. Each method delegates to [next] by default; override
 * the ones you need and call `super` (possibly with a changed input) to continue the chain. The last link sends
 * the request to the server. Schedule calls have a chain of their own, see
 * `dev.temporalkt.client.schedule.ScheduleInterceptor`.
 */
public abstract class ClientOutboundInterceptor(
    /** The next link of the chain. */
    protected val next: ClientOutboundInterceptor?,
) {
    private fun next(): ClientOutboundInterceptor =
        next ?: throw IllegalStateException("${javaClass.name} has no next interceptor and does not implement this call")

    /** Starts a workflow execution (optionally with a signal, see [StartWorkflowInput.startSignal]). */
    public open suspend fun startWorkflow(input: StartWorkflowInput): WorkflowHandle<Any?> = next().startWorkflow(input)

    /** Sends a signal to a workflow execution. */
    public open suspend fun signalWorkflow(input: SignalWorkflowInput): Unit = next().signalWorkflow(input)

    /** Queries a workflow execution and returns the decoded result. */
    public open suspend fun queryWorkflow(input: QueryWorkflowInput): Any? = next().queryWorkflow(input)

    /** Sends an update and waits until it reaches [StartWorkflowUpdateInput.waitForStage]. */
    public open suspend fun startWorkflowUpdate(input: StartWorkflowUpdateInput): WorkflowUpdateHandle<Any?> =
        next().startWorkflowUpdate(input)

    /**
     * Waits for an update to complete and returns its decoded result; used by [WorkflowUpdateHandle.result] when
     * the handle does not already hold the outcome. The last link asks the server again whenever one of its long
     * polls ends without an outcome. A failed or rejected update throws
     * [dev.temporalkt.failure.WorkflowUpdateFailedException].
     *
     * ```kotlin
     * override suspend fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): Any? {
     *     log.info("waiting for update ${input.updateId} of ${input.workflowId}")
     *     return super.pollWorkflowUpdate(input)
     * }
     * ```
     */
    public open suspend fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): Any? = next().pollWorkflowUpdate(input)

    /** Starts a workflow (or uses the running one) and sends it an update in one request. */
    public open suspend fun startUpdateWithStartWorkflow(input: StartUpdateWithStartInput): UpdateWithStartResult =
        next().startUpdateWithStartWorkflow(input)

    /** Describes a workflow execution. */
    public open suspend fun describeWorkflow(input: DescribeWorkflowInput): WorkflowExecutionDescription =
        next().describeWorkflow(input)

    /** Requests cancellation of a workflow execution. */
    public open suspend fun cancelWorkflow(input: CancelWorkflowInput): Unit = next().cancelWorkflow(input)

    /** Terminates a workflow execution. */
    public open suspend fun terminateWorkflow(input: TerminateWorkflowInput): Unit = next().terminateWorkflow(input)

    /** Streams the history events of a workflow execution, fetching pages lazily. */
    public open fun fetchWorkflowHistoryEvents(input: FetchWorkflowHistoryEventsInput): Flow<HistoryEvent> =
        next().fetchWorkflowHistoryEvents(input)

    /** Lists workflow executions matching a visibility query, fetching pages lazily. */
    public open fun listWorkflows(input: ListWorkflowsInput): Flow<WorkflowExecutionDescription> = next().listWorkflows(input)

    /** Counts workflow executions matching a visibility query. */
    public open suspend fun countWorkflows(input: CountWorkflowsInput): WorkflowExecutionCount = next().countWorkflows(input)

    /** Records a heartbeat of an asynchronously completed activity. */
    public open suspend fun heartbeatAsyncActivity(input: HeartbeatAsyncActivityInput): Unit = next().heartbeatAsyncActivity(input)

    /** Completes an asynchronously completed activity with a result. */
    public open suspend fun completeAsyncActivity(input: CompleteAsyncActivityInput): Unit = next().completeAsyncActivity(input)

    /** Fails an asynchronously completed activity. */
    public open suspend fun failAsyncActivity(input: FailAsyncActivityInput): Unit = next().failAsyncActivity(input)

    /** Reports that an asynchronously completed activity accepted its cancellation. */
    public open suspend fun reportCancellationAsyncActivity(input: ReportCancellationAsyncActivityInput): Unit =
        next().reportCancellationAsyncActivity(input)
}
