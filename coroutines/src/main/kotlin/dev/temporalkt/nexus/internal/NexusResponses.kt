package dev.temporalkt.nexus.internal

import com.google.protobuf.ByteString
import com.google.protobuf.util.JsonFormat
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.enums.v1.NexusHandlerErrorRetryBehavior
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.NexusHandlerFailureInfo
import dev.temporalkt.api.nexus.v1.CancelOperationResponse
import dev.temporalkt.api.nexus.v1.HandlerError
import dev.temporalkt.api.nexus.v1.Link
import dev.temporalkt.api.nexus.v1.Response
import dev.temporalkt.api.nexus.v1.StartOperationResponse
import dev.temporalkt.api.nexus.v1.UnsuccessfulOperationError
import dev.temporalkt.nexus.NexusHandlerErrorType

/** A handler error ready to send: its type, whether it is retryable, its message and its cause. */
internal class HandlerErrorReply(
    val type: NexusHandlerErrorType,
    val retryable: Boolean,
    val message: String,
    val cause: Failure?,
)

/**
 * Builds the answers of a Nexus task. When the request says the server takes Temporal failures
 * (`temporal_failure_responses`), failures are sent as Temporal [Failure]s; otherwise in the older Nexus failure
 * format, a Nexus failure whose details are the Temporal failure as JSON (so the caller still gets the full chain).
 */
internal object NexusResponses {
    private const val FAILURE_TYPE = "temporal.api.failure.v1.Failure"

    fun sync(payload: Payload?): Response = Response.newBuilder().setStartOperation(
        StartOperationResponse.newBuilder().setSyncSuccess(
            StartOperationResponse.Sync.newBuilder().apply { if (payload != null) setPayload(payload) },
        ),
    ).build()

    fun async(token: String, links: List<Link>): Response = Response.newBuilder().setStartOperation(
        StartOperationResponse.newBuilder().setAsyncSuccess(
            StartOperationResponse.Async.newBuilder().setOperationToken(token).addAllLinks(links),
        ),
    ).build()

    fun cancelAccepted(): Response = Response.newBuilder().setCancelOperation(CancelOperationResponse.getDefaultInstance()).build()

    /** The operation ended unsuccessfully: failed, or cancelled when [canceled]. */
    fun operationError(message: String, canceled: Boolean, cause: Failure?, temporalFailures: Boolean): Response {
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
    fun handlerFailure(error: HandlerErrorReply): Failure {
        val b = Failure.newBuilder().setMessage(error.message).setNexusHandlerFailureInfo(
            NexusHandlerFailureInfo.newBuilder().setType(error.type.name).setRetryBehavior(retryBehavior(error.retryable)),
        )
        if (error.cause != null) b.setCause(error.cause)
        return b.build()
    }

    /** The handler error in the older format (for `RespondNexusTaskFailedRequest.error`). */
    fun legacyHandlerError(error: HandlerErrorReply): HandlerError {
        val failure = error.cause?.let { toNexusFailure(it) }
            ?: dev.temporalkt.api.nexus.v1.Failure.newBuilder().setMessage(error.message).build()
        return HandlerError.newBuilder().setErrorType(error.type.name).setRetryBehavior(retryBehavior(error.retryable))
            .setFailure(failure).build()
    }

    private fun retryBehavior(retryable: Boolean) =
        if (retryable) NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_RETRYABLE
        else NexusHandlerErrorRetryBehavior.NEXUS_HANDLER_ERROR_RETRY_BEHAVIOR_NON_RETRYABLE

    /** A Nexus failure carrying [failure]: its message, and the rest of it as JSON details. */
    fun toNexusFailure(failure: Failure): dev.temporalkt.api.nexus.v1.Failure {
        val rest = failure.toBuilder().clearMessage().build()
        return dev.temporalkt.api.nexus.v1.Failure.newBuilder().setMessage(failure.message)
            .putMetadata("type", FAILURE_TYPE)
            .setDetails(ByteString.copyFromUtf8(JsonFormat.printer().print(rest)))
            .build()
    }
}
