package dev.temporalkt.testing.internal

import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.worker.interceptor.ExecuteWorkflowInput
import dev.temporalkt.worker.interceptor.HandleSignalInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.interceptor.WorkflowInboundInterceptor

/**
 * Makes a failed assertion in workflow code fail the workflow. An [AssertionError] (a failed `shouldBe`, `assert`
 * or other test assertion) thrown by a run function or a signal handler is, like any exception that is not
 * a Temporal failure, a workflow task failure: the server retries the task, the same assertion fails again, and
 * the test waits for a result until it times out. With this interceptor the error becomes a non-retryable
 * [ApplicationFailure] of type `AssertionError` with the assertion's message (and the error as its cause), so the
 * test sees a failed workflow saying what was wrong.
 *
 * A client interceptor that is also a [WorkerInterceptor] applies to every worker built on that client, so the
 * test environment adds it to its client and the workers get it without being told.
 */
internal object WorkflowAssertionFailures : ClientInterceptor, WorkerInterceptor {
    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor = next

    override fun interceptWorkflow(next: WorkflowInboundInterceptor): WorkflowInboundInterceptor =
        object : WorkflowInboundInterceptor(next) {
            override suspend fun executeWorkflow(input: ExecuteWorkflowInput): Any? =
                failingWorkflow { super.executeWorkflow(input) }

            override suspend fun handleSignal(input: HandleSignalInput): Unit =
                failingWorkflow { super.handleSignal(input) }
        }

    private inline fun <T> failingWorkflow(block: () -> T): T =
        try {
            block()
        } catch (e: AssertionError) {
            throw ApplicationFailure(e.message ?: e.toString(), type = TYPE, nonRetryable = true, cause = e)
        }

    /** The failure type the workflow fails with. */
    const val TYPE: String = "AssertionError"
}
