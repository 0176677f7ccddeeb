package dev.temporalkt.java.client

import dev.temporalkt.client.CancelWorkflowInput
import dev.temporalkt.client.CountWorkflowsInput
import dev.temporalkt.client.DescribeWorkflowInput
import dev.temporalkt.client.TerminateWorkflowInput
import dev.temporalkt.client.WorkflowExecutionCount
import java.util.concurrent.CompletableFuture

/**
 * One link of the chain the calls of a client go through, for Java. Each method delegates to [next] by default;
 * override the ones you need and call `super` (possibly with a changed input, see the `with...` methods of the
 * inputs) to continue the chain. The last link sends the request to the server.
 *
 * Java links see workflow starts (signal-with-start included), signals, queries, updates (and the waits for their
 * results), update-with-start, describe, cancel, terminate and count. History and list streams, asynchronous activity
 * completion and schedule calls pass by them: wrap the first ones with a Kotlin `dev.temporalkt.client.ClientInterceptor`
 * and schedule calls with a Kotlin `dev.temporalkt.client.schedule.ScheduleInterceptor` (both added with
 * `ClientOptions.Builder.addKotlinInterceptor`).
 */
public abstract class ClientOutboundInterceptor protected constructor(
    /** The next link of the chain. */
    protected val next: ClientOutboundInterceptor?,
) {
    private fun next(): ClientOutboundInterceptor =
        next ?: throw IllegalStateException("${javaClass.name} has no next interceptor and does not implement this call")

    /** Starts a workflow execution (with a signal when [StartWorkflowInput.startSignal] is set). */
    public open fun startWorkflow(input: StartWorkflowInput): CompletableFuture<WorkflowHandle<Any?>> = next().startWorkflow(input)

    /** Sends a signal. */
    public open fun signalWorkflow(input: SignalWorkflowInput): CompletableFuture<Void> = next().signalWorkflow(input)

    /** Queries a workflow and completes with the decoded answer. */
    public open fun queryWorkflow(input: QueryWorkflowInput): CompletableFuture<Any?> = next().queryWorkflow(input)

    /** Sends an update and completes once it reached [StartWorkflowUpdateInput.waitForStage]. */
    public open fun startWorkflowUpdate(input: StartWorkflowUpdateInput): CompletableFuture<WorkflowUpdateHandle<Any?>> =
        next().startWorkflowUpdate(input)

    /** Waits for an update to complete and completes with its decoded result. */
    public open fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): CompletableFuture<Any?> = next().pollWorkflowUpdate(input)

    /** Starts a workflow (or uses the running one) and sends it an update in one request. */
    public open fun startUpdateWithStartWorkflow(input: StartUpdateWithStartInput): CompletableFuture<UpdateWithStartResult<Any?, Any?>> =
        next().startUpdateWithStartWorkflow(input)

    /** Describes a workflow execution. */
    public open fun describeWorkflow(input: DescribeWorkflowInput): CompletableFuture<WorkflowExecutionDescription> =
        next().describeWorkflow(input)

    /** Requests cancellation of a workflow execution. */
    public open fun cancelWorkflow(input: CancelWorkflowInput): CompletableFuture<Void> = next().cancelWorkflow(input)

    /** Terminates a workflow execution. */
    public open fun terminateWorkflow(input: TerminateWorkflowInput): CompletableFuture<Void> = next().terminateWorkflow(input)

    /** Counts workflow executions matching a visibility query. */
    public open fun countWorkflows(input: CountWorkflowsInput): CompletableFuture<WorkflowExecutionCount> = next().countWorkflows(input)
}
