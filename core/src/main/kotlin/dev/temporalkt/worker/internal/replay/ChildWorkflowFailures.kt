package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.enums.v1.TimeoutType
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.ChildWorkflowExecutionFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.TerminatedFailureInfo
import dev.temporalkt.api.failure.v1.TimeoutFailureInfo

/** Child workflow failures: child workflow failure info around the cause reported by the server. */
internal object ChildWorkflowFailures {
    fun info(
        namespace: String,
        workflowId: String,
        runId: String,
        workflowType: String,
        initiatedEventId: Long,
        startedEventId: Long,
        retryState: RetryState,
    ): ChildWorkflowExecutionFailureInfo = ChildWorkflowExecutionFailureInfo.newBuilder()
        .setNamespace(namespace)
        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
        .setWorkflowType(WorkflowType.newBuilder().setName(workflowType))
        .setInitiatedEventId(initiatedEventId)
        .setStartedEventId(startedEventId)
        .setRetryState(retryState)
        .build()

    fun failed(info: ChildWorkflowExecutionFailureInfo, cause: Failure): Failure =
        wrap("Child Workflow execution failed", info, cause)

    fun cancelled(info: ChildWorkflowExecutionFailureInfo, details: Payloads?): Failure {
        val canceled = CanceledFailureInfo.newBuilder()
        if (details != null) canceled.setDetails(details)
        val cause = Failure.newBuilder().setMessage("Child Workflow execution cancelled").setCanceledFailureInfo(canceled).build()
        return wrap("Child Workflow execution cancelled", info.toBuilder().setRetryState(RetryState.RETRY_STATE_CANCEL_REQUESTED).build(), cause)
    }

    fun timedOut(info: ChildWorkflowExecutionFailureInfo): Failure {
        val cause = Failure.newBuilder().setMessage("Child Workflow execution timed out")
            .setTimeoutFailureInfo(TimeoutFailureInfo.newBuilder().setTimeoutType(TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE))
            .build()
        return wrap("Child Workflow execution timed out", info, cause)
    }

    fun terminated(info: ChildWorkflowExecutionFailureInfo): Failure {
        val cause = Failure.newBuilder().setMessage("Child Workflow execution terminated")
            .setTerminatedFailureInfo(TerminatedFailureInfo.getDefaultInstance())
            .build()
        return wrap("Child Workflow execution terminated", info, cause)
    }

    private fun wrap(message: String, info: ChildWorkflowExecutionFailureInfo, cause: Failure): Failure =
        Failure.newBuilder().setMessage(message).setChildWorkflowExecutionFailureInfo(info).setCause(cause).build()
}
