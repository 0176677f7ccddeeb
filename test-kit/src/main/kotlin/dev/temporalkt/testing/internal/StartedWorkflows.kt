package dev.temporalkt.testing.internal

import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.StartUpdateWithStartInput
import dev.temporalkt.client.StartWorkflowInput
import dev.temporalkt.client.UpdateWithStartResult
import dev.temporalkt.client.WorkflowHandle

/**
 * The client interceptor of one test: remembers the workflow executions the test's client started (plain starts,
 * signal-with-start and update-with-start) and calls [beforeStart] with a start's task queue before the start is sent,
 * so the test's worker can be started on demand.
 */
internal class StartedWorkflows(private val beforeStart: (taskQueue: String) -> Unit) : ClientInterceptor {
    private val started = LinkedHashSet<Pair<String, String?>>()

    /** The executions started so far: workflow id and run id (when the server said it). */
    val executions: List<Pair<String, String?>> get() = synchronized(started) { started.toList() }

    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor =
        object : ClientOutboundInterceptor(next) {
            override suspend fun startWorkflow(input: StartWorkflowInput): WorkflowHandle<Any?> {
                beforeStart(input.options.taskQueue)
                return super.startWorkflow(input).also(::record)
            }

            override suspend fun startUpdateWithStartWorkflow(input: StartUpdateWithStartInput): UpdateWithStartResult {
                beforeStart(input.start.options.taskQueue)
                return super.startUpdateWithStartWorkflow(input).also { record(it.workflow) }
            }
        }

    private fun record(handle: WorkflowHandle<*>) {
        synchronized(started) { started += handle.id to (handle.runId ?: handle.firstExecutionRunId) }
    }
}
