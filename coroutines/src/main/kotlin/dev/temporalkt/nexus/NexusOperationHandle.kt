package dev.temporalkt.nexus

/**
 * A started Nexus operation, returned by [NexusClient.startOperation]: await its result or cancel it.
 *
 * ```kotlin
 * val handle = greetings.startOperation(GreetingService::greetLater, "Ada")
 * println(handle.operationToken)   // non-null for asynchronous operations
 * val greeting = handle.result()
 * ```
 *
 * If the coroutine awaiting [result] is cancelled (for example because the workflow is cancelled), the operation
 * is cancelled as well; [result] then waits as its [NexusOperationOptions.cancellationType] says and throws the
 * resulting [dev.temporalkt.failure.NexusOperationFailure].
 */
public interface NexusOperationHandle<out R> {
    /** The token of an asynchronous operation; `null` when the operation completed synchronously. */
    public val operationToken: String?

    /**
     * Suspends until the operation ends and returns its result.
     *
     * @throws dev.temporalkt.failure.NexusOperationFailure when the operation failed, was cancelled or timed out;
     *   its cause says why (for example a [dev.temporalkt.failure.NexusHandlerFailure] or an
     *   [dev.temporalkt.failure.ApplicationFailure]).
     */
    public suspend fun result(): R

    /** Requests cancellation of the operation. Idempotent. */
    public fun cancel()
}
