package dev.temporalkt.client.internal

/**
 * The RPCs the server holds open until there is something to return (or its own long-poll timeout passes).
 * They get the connection's long-poll deadline per attempt and are never retried on `DEADLINE_EXCEEDED`.
 */
internal object LongPollMethods {
    private val methods = setOf(
        "temporal.api.workflowservice.v1.WorkflowService/PollWorkflowTaskQueue",
        "temporal.api.workflowservice.v1.WorkflowService/PollActivityTaskQueue",
        "temporal.api.workflowservice.v1.WorkflowService/PollNexusTaskQueue",
        "temporal.api.workflowservice.v1.WorkflowService/PollWorkflowExecutionUpdate",
        "temporal.api.workflowservice.v1.WorkflowService/UpdateWorkflowExecution",
        "temporal.api.workflowservice.v1.WorkflowService/ExecuteMultiOperation",
        "temporal.api.workflowservice.v1.WorkflowService/GetWorkflowExecutionHistory",
        "temporal.api.workflowservice.v1.WorkflowService/PollActivityExecution",
    )

    fun contains(fullMethodName: String): Boolean = fullMethodName in methods
}
