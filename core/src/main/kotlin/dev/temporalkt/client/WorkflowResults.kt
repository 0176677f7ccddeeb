package dev.temporalkt.client

import dev.temporalkt.api.enums.v1.ContinueAsNewInitiator
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.internal.PayloadEncoding
import dev.temporalkt.converter.fromPayloads
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.failure.RetryState
import dev.temporalkt.failure.TerminatedFailure
import dev.temporalkt.failure.TimeoutFailure
import dev.temporalkt.failure.TimeoutType
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.api.enums.v1.RetryState as RetryStateProto
import kotlinx.coroutines.flow.first

/** Waits for a workflow's close event and turns it into a result or an exception, following run chains. */
internal object WorkflowResults {
    suspend fun await(client: Client, handle: WorkflowHandle<*>, followRuns: Boolean): Any? {
        var runId = handle.resultRunId
        val converter = client.dataConverter
        while (true) {
            val event = closeEvent(client, handle.id, runId)
            val eventRunId = runId
            fun failed(retryState: RetryStateProto, cause: Throwable): Nothing =
                throw WorkflowFailedException(handle.id, eventRunId, null, RetryState.fromProto(retryState), cause)

            when (event.eventType) {
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
                    val attributes = event.workflowExecutionCompletedEventAttributes
                    if (followRuns && attributes.newExecutionRunId.isNotEmpty()) {
                        runId = attributes.newExecutionRunId
                        continue
                    }
                    return PayloadEncoding.decodeResult(converter, attributes.result, handle.resultType)
                }
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
                    val attributes = event.workflowExecutionFailedEventAttributes
                    if (followRuns && attributes.newExecutionRunId.isNotEmpty()) {
                        runId = attributes.newExecutionRunId
                        continue
                    }
                    failed(attributes.retryState, converter.decodeFailure(attributes.failure))
                }
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
                    val attributes = event.workflowExecutionCanceledEventAttributes
                    val details = converter.decodePayloads(attributes.details)?.payloadsList.orEmpty()
                    failed(
                        RetryStateProto.RETRY_STATE_NON_RETRYABLE_FAILURE,
                        CanceledFailure("Workflow cancelled", FailureDetails.fromPayloads(details, converter.payloadConverter)),
                    )
                }
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
                    val attributes = event.workflowExecutionTerminatedEventAttributes
                    failed(
                        RetryStateProto.RETRY_STATE_NON_RETRYABLE_FAILURE,
                        TerminatedFailure(attributes.reason.ifEmpty { "Workflow terminated" }, attributes.identity),
                    )
                }
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
                    val attributes = event.workflowExecutionTimedOutEventAttributes
                    if (followRuns && attributes.newExecutionRunId.isNotEmpty()) {
                        runId = attributes.newExecutionRunId
                        continue
                    }
                    failed(attributes.retryState, TimeoutFailure("Workflow timed out", TimeoutType.START_TO_CLOSE))
                }
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
                    val attributes = event.workflowExecutionContinuedAsNewEventAttributes
                    if (!followRuns) {
                        // Servers may present a failed run that the retry policy retried as a continue-as-new
                        // carrying the failure: report that failure, as a failed close event would.
                        if (attributes.initiator == ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY || attributes.hasFailure()) {
                            failed(RetryStateProto.RETRY_STATE_IN_PROGRESS, converter.decodeFailure(attributes.failure))
                        }
                        throw WorkflowContinuedAsNewException(handle.id, eventRunId.orEmpty(), attributes.newExecutionRunId)
                    }
                    runId = attributes.newExecutionRunId
                }
                else -> throw IllegalStateException(
                    "The server answered a wait for the close event of workflow '${handle.id}' with ${event.eventType}",
                )
            }
        }
    }

    private suspend fun closeEvent(client: Client, workflowId: String, runId: String?): HistoryEvent =
        client.outbound.fetchWorkflowHistoryEvents(
            FetchWorkflowHistoryEventsInput(workflowId, runId, waitNewEvent = true, closeEventOnly = true),
        ).first()
}
