package dev.temporalkt.converter.internal

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.failure.v1.Failure

/**
 * Returns a copy of [failure] where every group of payloads inside it (encoded attributes, details of the
 * failure info kinds that carry payloads, recursively through the cause chain) went through [transform].
 * Absent fields stay absent.
 */
internal suspend fun transformFailurePayloads(
    failure: Failure,
    transform: suspend (List<Payload>) -> List<Payload>,
): Failure {
    suspend fun Payloads.transformed(): Payloads =
        Payloads.newBuilder().addAllPayloads(transform(payloadsList)).build()

    val builder = failure.toBuilder()
    if (failure.hasEncodedAttributes()) {
        builder.encodedAttributes = transform(listOf(failure.encodedAttributes)).single()
    }
    when (failure.failureInfoCase) {
        Failure.FailureInfoCase.APPLICATION_FAILURE_INFO -> if (failure.applicationFailureInfo.hasDetails()) {
            builder.applicationFailureInfoBuilder.details = failure.applicationFailureInfo.details.transformed()
        }
        Failure.FailureInfoCase.TIMEOUT_FAILURE_INFO -> if (failure.timeoutFailureInfo.hasLastHeartbeatDetails()) {
            builder.timeoutFailureInfoBuilder.lastHeartbeatDetails =
                failure.timeoutFailureInfo.lastHeartbeatDetails.transformed()
        }
        Failure.FailureInfoCase.CANCELED_FAILURE_INFO -> if (failure.canceledFailureInfo.hasDetails()) {
            builder.canceledFailureInfoBuilder.details = failure.canceledFailureInfo.details.transformed()
        }
        Failure.FailureInfoCase.RESET_WORKFLOW_FAILURE_INFO ->
            if (failure.resetWorkflowFailureInfo.hasLastHeartbeatDetails()) {
                builder.resetWorkflowFailureInfoBuilder.lastHeartbeatDetails =
                    failure.resetWorkflowFailureInfo.lastHeartbeatDetails.transformed()
            }
        else -> Unit
    }
    if (failure.hasCause()) {
        builder.cause = transformFailurePayloads(failure.cause, transform)
    }
    return builder.build()
}
