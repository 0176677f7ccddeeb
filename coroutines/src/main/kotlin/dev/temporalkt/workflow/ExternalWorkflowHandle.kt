package dev.temporalkt.workflow

import kotlin.reflect.KFunction

/**
 * Another workflow, addressed by id, that this workflow can signal or ask to cancel. Obtain it with
 * [Workflow.getExternalWorkflowHandle].
 *
 * ```kotlin
 * val other = Workflow.getExternalWorkflowHandle("order-42")
 * other.signal(OrderWorkflow::approve, "manager")
 * ```
 */
public interface ExternalWorkflowHandle {
    /** The workflow id. */
    public val workflowId: String

    /** The run id, or `null` for the current run of [workflowId]. */
    public val runId: String?

    /**
     * Sends signal [signalName] with [args] (encoded by their runtime class) and suspends until it was delivered.
     *
     * @throws dev.temporalkt.failure.TemporalFailure when it could not be delivered (for example, no such workflow).
     */
    public suspend fun signal(signalName: String, vararg args: Any?)

    /** Sends the signal that [signal] (a [Signal] handler of the target's class) handles, with [args]. */
    public suspend fun signal(signal: KFunction<*>, vararg args: Any?)

    /**
     * Requests cancellation of the workflow and suspends until the request was recorded.
     *
     * @throws dev.temporalkt.failure.TemporalFailure when the request failed.
     */
    public suspend fun cancel()
}
