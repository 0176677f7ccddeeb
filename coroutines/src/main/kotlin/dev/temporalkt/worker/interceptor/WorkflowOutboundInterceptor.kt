package dev.temporalkt.worker.interceptor

import dev.temporalkt.nexus.NexusOperationHandle
import dev.temporalkt.workflow.ActivityHandle
import dev.temporalkt.workflow.ChildWorkflowHandle

/**
 * One link of the chain through which a workflow run calls out: activities, local activities, child workflows,
 * Nexus operations, signals to other workflows and continue-as-new. Each method delegates to [next] by default; override the ones
 * you need and call `super` (possibly with a changed input, for example added headers) to continue. The last link
 * records the command. Install one from [WorkflowInboundInterceptor.init].
 *
 * Runs on the workflow's thread as part of the workflow: code here must be deterministic.
 *
 * ```kotlin
 * class TenantOutbound(next: WorkflowOutboundInterceptor, private val tenant: Payload) : WorkflowOutboundInterceptor(next) {
 *     override fun startActivity(input: StartActivityInput) = super.startActivity(input.copy(headers = input.headers + ("tenant" to tenant)))
 * }
 * ```
 */
public abstract class WorkflowOutboundInterceptor(
    /** The next link of the chain. */
    protected val next: WorkflowOutboundInterceptor?,
) {
    private fun next(): WorkflowOutboundInterceptor =
        next ?: throw IllegalStateException("${javaClass.name} has no next interceptor and does not implement this call")

    /** Schedules an activity; [StartActivityInput.headers] go to the activity task. */
    public open fun startActivity(input: StartActivityInput): ActivityHandle<Any?> = next().startActivity(input)

    /** Schedules a local activity; [StartLocalActivityInput.headers] go to the activity attempt. */
    public open fun startLocalActivity(input: StartLocalActivityInput): ActivityHandle<Any?> = next().startLocalActivity(input)

    /** Starts a child workflow and waits until it started; [StartChildWorkflowInput.headers] go to the child. */
    public open suspend fun startChildWorkflow(input: StartChildWorkflowInput): ChildWorkflowHandle<Any?> =
        next().startChildWorkflow(input)

    /** Signals a child workflow of this run and waits until the signal was delivered. */
    public open suspend fun signalChildWorkflow(input: SignalChildWorkflowInput): Unit = next().signalChildWorkflow(input)

    /** Signals another workflow and waits until the signal was delivered. */
    public open suspend fun signalExternalWorkflow(input: SignalExternalWorkflowInput): Unit = next().signalExternalWorkflow(input)

    /**
     * Schedules a Nexus operation and waits until it started (or ended, for a synchronous operation);
     * [StartNexusOperationInput.headers] are the Nexus headers of the operation request, as the handler's
     * [dev.temporalkt.nexus.NexusOperationContext.headers] sees them.
     *
     * ```kotlin
     * override suspend fun startNexusOperation(input: StartNexusOperationInput) =
     *     super.startNexusOperation(input.copy(headers = input.headers + ("tenant" to "acme")))
     * ```
     */
    public open suspend fun startNexusOperation(input: StartNexusOperationInput): NexusOperationHandle<Any?> =
        next().startNexusOperation(input)

    /** Ends the run and continues the workflow as a new run; never returns. */
    public open fun continueAsNew(input: ContinueAsNewInput): Nothing = next().continueAsNew(input)
}
