package dev.temporalkt.failure

import com.google.protobuf.InvalidProtocolBufferException
import com.google.protobuf.Message
import io.grpc.StatusException
import io.grpc.StatusRuntimeException
import io.grpc.protobuf.StatusProto

/**
 * A call to the Temporal server failed with a gRPC error.
 *
 * [code] and [rpcMessage] are the gRPC status; [statusDetails] is the rich status the server attaches
 * (`grpc-status-details-bin`), whose details are Temporal error-detail messages such as
 * `WorkflowExecutionAlreadyStartedFailure` or `NamespaceNotFoundFailure`; read them with [detail].
 *
 * ```kotlin
 * catch (e: RpcException) {
 *     if (e.code == RpcStatusCode.NOT_FOUND) return null
 *     val started = e.detail<WorkflowExecutionAlreadyStartedFailure>()
 * }
 * ```
 */
public class RpcException @JvmOverloads constructor(
    /** The gRPC status code. */
    public val code: RpcStatusCode,
    /** The gRPC status description sent by the server; empty when none. */
    public val rpcMessage: String,
    /** The rich status carrying typed error details, or `null` when the server attached no details. */
    public val statusDetails: com.google.rpc.Status? = null,
    cause: Throwable? = null,
) : TemporalException(if (rpcMessage.isEmpty()) code.name else "${code.name}: $rpcMessage", cause) {

    /**
     * The first error detail of type [type], or `null` when the server attached none of that type.
     *
     * @throws IllegalStateException when a detail of that type is present but cannot be parsed.
     */
    public fun <T : Message> detail(type: Class<T>): T? {
        val details = statusDetails?.detailsList ?: return null
        val any = details.firstOrNull { it.`is`(type) } ?: return null
        return try {
            any.unpack(type)
        } catch (e: InvalidProtocolBufferException) {
            throw IllegalStateException("The server sent an unreadable ${type.simpleName} error detail", e)
        }
    }

    /** The first error detail of type [T], or `null` (see [detail]). */
    @JvmSynthetic
    public inline fun <reified T : Message> detail(): T? = detail(T::class.java)

    /** Conversions from gRPC exceptions. */
    public companion object {
        /** Maps a gRPC [StatusRuntimeException] (what blocking and future stubs throw). */
        @JvmStatic
        public fun from(exception: StatusRuntimeException): RpcException = create(exception.status, exception)

        /** Maps a gRPC [StatusException] (what coroutine stubs throw). */
        @JvmStatic
        public fun from(exception: StatusException): RpcException = create(exception.status, exception)

        /**
         * Maps [exception] when it is, or is caused by, a gRPC status exception; returns it unchanged when
         * it already is an [RpcException], and `null` when no gRPC status is found in its cause chain.
         */
        @JvmStatic
        public fun fromThrowableOrNull(exception: Throwable): RpcException? {
            var current: Throwable? = exception
            val seen = java.util.Collections.newSetFromMap(java.util.IdentityHashMap<Throwable, Boolean>())
            while (current != null && seen.add(current)) {
                when (current) {
                    is RpcException -> return current
                    is StatusRuntimeException -> return from(current)
                    is StatusException -> return from(current)
                }
                current = current.cause
            }
            return null
        }

        private fun create(status: io.grpc.Status, exception: Throwable): RpcException = RpcException(
            code = RpcStatusCode.fromGrpc(status.code),
            rpcMessage = status.description.orEmpty(),
            statusDetails = StatusProto.fromThrowable(exception)?.takeIf { it.detailsCount > 0 },
            cause = exception,
        )
    }
}
