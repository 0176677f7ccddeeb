package dev.temporalkt.nexus

import kotlin.time.Duration

/**
 * How a [WorkflowRunOperation] starts its workflow.
 *
 * ```kotlin
 * WorkflowRunOperationOptions(workflowId = "greet-$name", executionTimeout = 1.hours)
 * ```
 *
 * @property workflowId id of the workflow; choose one derived from the operation's input so retries of the same
 *   request find the same workflow (the request id makes the start itself idempotent).
 * @property taskQueue task queue of the workflow; `null` for the task queue of the worker handling the operation.
 * @property executionTimeout longest time for the workflow's whole execution.
 * @property runTimeout longest time for one run of the workflow.
 * @property taskTimeout longest time for one workflow task.
 */
public data class WorkflowRunOperationOptions @JvmOverloads constructor(
    val workflowId: String,
    val taskQueue: String? = null,
    val executionTimeout: Duration? = null,
    val runTimeout: Duration? = null,
    val taskTimeout: Duration? = null,
) {
    init {
        require(workflowId.isNotBlank()) { "WorkflowRunOperationOptions.workflowId must not be blank" }
    }
}
