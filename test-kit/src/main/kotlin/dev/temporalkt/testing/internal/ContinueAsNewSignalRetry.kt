package dev.temporalkt.testing.internal

import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.DescribeWorkflowInput
import dev.temporalkt.client.SignalWorkflowInput
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import kotlinx.coroutines.delay
import kotlin.time.Duration.Companion.milliseconds

/**
 * Sends a signal for a workflow's latest run again when the time-skipping test server refused it because that run was
 * continuing as new.
 *
 * The test server closes a run that continues as new and starts the next one in two steps, and a signal without a run
 * id that arrives between them fails with `NOT_FOUND` although the workflow goes on (temporalio/sdk-java#1538). The
 * Temporal server answers such a signal with a retryable status instead, which the client retries. So here, a
 * signal for the latest run that fails with `NOT_FOUND` is sent again, up to [MAX_ATTEMPTS] times, while the
 * workflow's latest run is running (at once) or has just continued as new (after [WAIT_FOR_NEXT_RUN], for the next
 * run to appear); a workflow that really ended gets the original error.
 */
internal object ContinueAsNewSignalRetry : ClientInterceptor {
    private const val MAX_ATTEMPTS = 20
    private val WAIT_FOR_NEXT_RUN = 5.milliseconds

    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor =
        object : ClientOutboundInterceptor(next) {
            override suspend fun signalWorkflow(input: SignalWorkflowInput) {
                if (input.runId != null) return super.signalWorkflow(input)
                var attempt = 1
                while (true) {
                    try {
                        return super.signalWorkflow(input)
                    } catch (e: RpcException) {
                        if (e.code != RpcStatusCode.NOT_FOUND || attempt >= MAX_ATTEMPTS) throw e
                        val latest = try {
                            super.describeWorkflow(DescribeWorkflowInput(input.workflowId, null)).status
                        } catch (_: RpcException) {
                            throw e
                        }
                        when (latest) {
                            WorkflowExecutionStatus.RUNNING -> {}
                            WorkflowExecutionStatus.CONTINUED_AS_NEW -> delay(WAIT_FOR_NEXT_RUN)
                            else -> throw e
                        }
                        attempt++
                    }
                }
            }
        }
}
