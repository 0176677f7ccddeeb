package dev.temporalkt.nexus

/**
 * Thrown by a [NexusOperation] function to end the operation unsuccessfully (as opposed to a handler error, which
 * may be retried): the caller sees a [dev.temporalkt.failure.NexusOperationFailure] whose cause is an
 * [dev.temporalkt.failure.ApplicationFailure] (for [failed]) or a [dev.temporalkt.failure.CanceledFailure]
 * (for [canceled]) with [message]. Never retried.
 *
 * ```kotlin
 * if (order.isClosed) throw NexusOperationException.failed("order ${order.id} is already closed")
 * ```
 */
public class NexusOperationException private constructor(
    /** `true` when the operation ends as cancelled, `false` when it ends as failed. */
    public val isCanceled: Boolean,
    message: String,
    cause: Throwable?,
) : RuntimeException(message, cause) {
    public companion object {
        /** The operation failed with [message]; [cause] (for example an ApplicationFailure) becomes its cause. */
        @JvmStatic
        @JvmOverloads
        public fun failed(message: String, cause: Throwable? = null): NexusOperationException = NexusOperationException(false, message, cause)

        /** The operation was cancelled, with [message]. */
        @JvmStatic
        @JvmOverloads
        public fun canceled(message: String, cause: Throwable? = null): NexusOperationException = NexusOperationException(true, message, cause)
    }
}
