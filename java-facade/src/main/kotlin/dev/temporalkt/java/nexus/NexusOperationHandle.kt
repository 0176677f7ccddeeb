package dev.temporalkt.java.nexus

import dev.temporalkt.java.workflow.WorkflowFuture

/**
 * A Nexus operation a Java workflow started (see [NexusServiceClient.startOperation]): its token, its result, and a way
 * to cancel it.
 */
public class NexusOperationHandle<R> internal constructor(
    private val token: String?,
    private val result: WorkflowFuture<R>,
    private val cancel: Runnable,
) {
    /** The token naming an asynchronous operation (a workflow-run operation's workflow); `null` for a synchronous one. */
    public fun getOperationToken(): String? = token

    /**
     * The operation's result. It fails with a [dev.temporalkt.failure.NexusOperationFailure] when the operation failed,
     * timed out or was cancelled (its cause says which).
     */
    public fun getResult(): WorkflowFuture<R> = result

    /** Requests cancellation of the operation, as its options' cancellation type says. */
    public fun cancel() {
        cancel.run()
    }

    override fun toString(): String = "NexusOperationHandle(token=$token)"
}
