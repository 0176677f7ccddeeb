package dev.temporalkt.worker.internal.nexus

import com.google.protobuf.ByteString
import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.enums.v1.NexusHandlerErrorRetryBehavior
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.NexusHandlerFailureInfo
import dev.temporalkt.api.nexus.v1.CancelOperationResponse
import dev.temporalkt.api.nexus.v1.HandlerError as HandlerErrorProto
import dev.temporalkt.api.nexus.v1.Link
import dev.temporalkt.api.nexus.v1.Response
import dev.temporalkt.api.nexus.v1.StartOperationResponse
import dev.temporalkt.api.nexus.v1.UnsuccessfulOperationError
import dev.temporalkt.internal.InternalTemporalApi

/**
 * What a Nexus request handler answers ([NexusRequestHandler]): a [Response] to send as completed, or a handler error to
 * send as failed.
 */
@InternalTemporalApi
public sealed interface NexusReply {
    /** The operation started (synchronously or not), or was cancelled: the response to send. */
    public class Completed(public val response: Response) : NexusReply

    /**
     * A handler error ready to send: its [type] (a Nexus handler error type name such as `BAD_REQUEST`, `NOT_FOUND`,
     * `INTERNAL`), whether it is retryable, its message and its cause.
     */
    public class HandlerError(
        public val type: String,
        public val retryable: Boolean,
        public val message: String,
        public val cause: Failure?,
    ) : NexusReply
}

/**
 * Builds the answers of a Nexus task. When the request says the server takes Temporal failures
 * (`temporal_failure_responses`), failures are sent as Temporal [Failure]s; otherwise in the older Nexus failure
 * format, a Nexus failure whose details are the Temporal failure as JSON (so the caller still gets the full chain).
 */
@InternalTemporalApi
public object NexusResponses {
    private const val FAILURE_TYPE = "temporal.api.failure.v1.Failure"

    public fun sync(payload: Payload?): Response = Response.newBuilder().setStartOperation(
        StartOperationResponse.newBuilder().setSyncSuccess(
            StartOperationResponse.Sync.newBuilder().apply { if (payload != null) setPayload(payload) },
        ),
    ).build()

    public fun async(token: String, links: List<Link>): Response = Response.newBuilder().setStartOperation(
        StartOperationResponse.newBuilder().setAsyncSuccess(
            StartOperationResponse.Async.newBuilder().setOperationToken(token).addAllLinks(links),
        ),
    ).build()

    public fun cancelAccepted(): Response = Response.newBuilder().setCancelOperation(CancelOperationResponse.getDefaultInstance()).build()

    /** The operation ended unsuccessfully: failed, or cancelled when [canceled]. */
    public fun operationError(message: String, canceled: Boolean, cause: Failure?, temporalFailures: Boolean): Response {
        val failure = Failure.newBuilder().setMessage(message)
        if (canceled) failure.setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance())
        else failure.setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setNonRetryable(true))
        if (cause != null) failure.setCause(cause)
        val start = StartOperationResponse.newBuilder()
        if (temporalFailures) {
            start.setFailure(failure)
        } else {
            @Suppress("DEPRECATION")
            start.setOperationError(
                UnsuccessfulOperationError.newBuilder().setOperationState(if (canceled) "canceled" else "failed")
                    .setFailure(toNexusFailure(failure.build())),
            )
        }
        return Response.newBuilder().setStartOperation(start).build()
    }

    /** The handler error as a Temporal failure (for `RespondNexusTaskFailedRequest.failure`). */
    public fun handlerFailure(error: NexusReply.HandlerError): Failure {
        val b = Failure.newBuilder().setMessage(error.message).setNexusHandlerFailureInfo(
            NexusHandlerFailureInfo.newBuilder().setType(error.type).setRetryBehavior(retryBehavior(error.retryable)),
        )
        if (error.cause != null) b.setCause(error.cause)
        return b.build()
    }

    /** The handler error in the older format (for `RespondNexusTaskFailedRequest.error`). */
    public fun legacyHandlerError(error: NexusReply.HandlerError): HandlerErrorProto {
        val failure = error.cause?.let { toNexusFailure(it) }
            ?: dev.temporalkt.api.nexus.v1.Failure.newBuilder().setMessage(error.message).build()
        return HandlerErrorProto.newBuilder().setErrorType(error.type).setRetryBehavior(retryBehavior(error.retryable))
            .setFailure(failure).build()
    }

    private fun retryBehavior(retryable: Boolean) =
        if (retryable) NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE
        else NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE

    /** A Nexus failure carrying [failure]: its message, and the rest of it as JSON details. */
    public fun toNexusFailure(failure: Failure): dev.temporalkt.api.nexus.v1.Failure {
        val rest = failure.toBuilder().clearMessage().build()
        return dev.temporalkt.api.nexus.v1.Failure.newBuilder().setMessage(failure.message)
            .putMetadata("type", FAILURE_TYPE)
            .setDetails(ByteString.copyFromUtf8(JsonFormat.printer().print(rest)))
            .build()
    }
}
