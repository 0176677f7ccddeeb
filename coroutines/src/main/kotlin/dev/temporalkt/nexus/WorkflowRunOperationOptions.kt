package dev.temporalkt.nexus

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.client.WorkflowIdConflictPolicy
import dev.temporalkt.client.WorkflowIdReusePolicy
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributes
import kotlin.time.Duration

/**
 * How a [WorkflowRunOperation] starts its workflow.
 *
 * ```kotlin
 * WorkflowRunOperationOptions(
 *     workflowId = "greet-$name",
 *     executionTimeout = 1.hours,
 *     idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING,
 *     memo = mapOf("caller" to "billing"),
 *     staticSummary = "Greeting for $name",
 * )
 * ```
 *
 * @property workflowId id of the workflow; choose one derived from the operation's input so retries of the same
 *   request find the same workflow (the request id makes the start itself idempotent).
 * @property taskQueue task queue of the workflow; `null` for the task queue of the worker handling the operation.
 * @property executionTimeout longest time for the workflow's whole execution.
 * @property runTimeout longest time for one run of the workflow.
 * @property taskTimeout longest time for one workflow task.
 * @property idReusePolicy whether [workflowId] may be reused after a closed execution with that id.
 * @property idConflictPolicy what to do when an execution with [workflowId] is running; [WorkflowIdConflictPolicy.UNSPECIFIED]
 *   leaves it to the server (which fails the start).
 * @property retryPolicy retries of the whole workflow on failure; `null` = no retries.
 * @property memo non-indexed values shown with the execution; converted with the worker's data converter
 *   ([Payload] values are taken as already converted).
 * @property searchAttributes indexed, typed values for visibility queries.
 * @property staticSummary a single-line summary of the workflow shown by the UI, set at start.
 * @property staticDetails longer details of the workflow shown by the UI (may be Markdown), set at start.
 */
public data class WorkflowRunOperationOptions @JvmOverloads constructor(
    val workflowId: String,
    val taskQueue: String? = null,
    val executionTimeout: Duration? = null,
    val runTimeout: Duration? = null,
    val taskTimeout: Duration? = null,
    val idReusePolicy: WorkflowIdReusePolicy = WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    val idConflictPolicy: WorkflowIdConflictPolicy = WorkflowIdConflictPolicy.UNSPECIFIED,
    val retryPolicy: RetryPolicy? = null,
    val memo: Map<String, Any?> = emptyMap(),
    val searchAttributes: SearchAttributes = SearchAttributes.EMPTY,
    val staticSummary: String? = null,
    val staticDetails: String? = null,
) {
    init {
        require(workflowId.isNotBlank()) { "WorkflowRunOperationOptions.workflowId must not be blank" }
        checkTimeout("executionTimeout", executionTimeout)
        checkTimeout("runTimeout", runTimeout)
        checkTimeout("taskTimeout", taskTimeout)
    }

    private fun checkTimeout(name: String, value: Duration?) {
        require(value == null || (value.isPositive() && value.isFinite())) {
            "WorkflowRunOperationOptions.$name must be a positive, finite duration or null, was $value"
        }
    }
}
