package dev.temporalkt.failure

/**
 * Root of every exception the SDK throws on purpose: failures that travel through the server
 * ([TemporalFailure]), client-side workflow outcomes ([WorkflowException]) and RPC errors ([RpcException]).
 *
 * Catch it to handle "anything Temporal reported" in one place:
 *
 * ```kotlin
 * try {
 *     client.execute(OrderWorkflow::run, order, options)
 * } catch (e: TemporalException) {
 *     log.warn("order workflow did not complete", e)
 * }
 * ```
 */
public abstract class TemporalException(message: String, cause: Throwable?) : RuntimeException(message, cause) {
    /** The message; never null for SDK exceptions. */
    override val message: String get() = super.message!!
}
