package dev.temporalkt.client

import dev.temporalkt.common.VersioningOverride

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributes
import kotlin.time.Duration

/**
 * How to start a workflow execution.
 *
 * ```kotlin
 * val options = WorkflowOptions(
 *     id = "order-42",
 *     taskQueue = "orders",
 *     executionTimeout = 1.hours,
 *     idConflictPolicy = WorkflowIdConflictPolicy.USE_EXISTING,
 *     memo = mapOf("customer" to "ada"),
 *     staticSummary = "Order 42",
 * )
 * val handle = client.startWorkflow<Receipt>("OrderWorkflow", order, options = options)
 * ```
 *
 * @property id the workflow id, unique among running executions of the namespace.
 * @property taskQueue the task queue the workflow's workers poll.
 * @property executionTimeout limit of the whole chain of runs (continue-as-new, retries, cron); `null` = unlimited.
 * @property runTimeout limit of a single run; `null` = unlimited.
 * @property taskTimeout limit of a single workflow task; `null` = server default (10 s).
 * @property idReusePolicy whether the id may be reused after a closed execution.
 * @property idConflictPolicy what to do when an execution with the id is running.
 * @property retryPolicy retries of the whole workflow on failure; `null` = no retries.
 * @property cronSchedule a cron expression that makes this a cron workflow (prefer schedules); empty = none.
 * @property memo non-indexed values shown with the execution; converted with the client's data converter
 *   ([Payload] values are taken as already converted).
 * @property searchAttributes indexed, typed values for visibility queries.
 * @property startDelay wait this long before dispatching the first workflow task (a signal ends the wait).
 * @property staticSummary a single-line summary shown by the UI (Markdown-free text), set at start.
 * @property staticDetails longer details shown by the UI (may be Markdown), set at start.
 * @property requestEagerStart ask the server to hand the first task to a local worker; may be ignored.
 * @property headers headers passed to the workflow's inbound interceptors (interceptors may add more).
 * @property requestId the idempotency key of the start request; `null` = a fresh random id.
 * @property versioningOverride run the workflow on a worker deployment version of your choosing
 *   ([VersioningOverride.Pinned]) or make it follow the current version ([VersioningOverride.AutoUpgrade]), whatever
 *   behaviour its workflow code states; `null` = as the workflow states.
 */
public data class WorkflowOptions(
    val id: String,
    val taskQueue: String,
    val executionTimeout: Duration? = null,
    val runTimeout: Duration? = null,
    val taskTimeout: Duration? = null,
    val idReusePolicy: WorkflowIdReusePolicy = WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    val idConflictPolicy: WorkflowIdConflictPolicy = WorkflowIdConflictPolicy.UNSPECIFIED,
    val retryPolicy: RetryPolicy? = null,
    val cronSchedule: String = "",
    val memo: Map<String, Any?> = emptyMap(),
    val searchAttributes: SearchAttributes = SearchAttributes.EMPTY,
    val startDelay: Duration? = null,
    val staticSummary: String? = null,
    val staticDetails: String? = null,
    val requestEagerStart: Boolean = false,
    val headers: Map<String, Payload> = emptyMap(),
    val requestId: String? = null,
    val versioningOverride: VersioningOverride? = null,
) {
    init {
        require(id.isNotBlank()) { "WorkflowOptions.id must not be blank: give every workflow execution a business id" }
        require(taskQueue.isNotBlank()) { "WorkflowOptions.taskQueue must not be blank: name the task queue your workers poll" }
        checkTimeout("executionTimeout", executionTimeout)
        checkTimeout("runTimeout", runTimeout)
        checkTimeout("taskTimeout", taskTimeout)
        checkTimeout("startDelay", startDelay)
        require(cronSchedule.isEmpty() || startDelay == null) {
            "WorkflowOptions.startDelay cannot be combined with cronSchedule; the cron schedule decides when runs start"
        }
    }

    private fun checkTimeout(name: String, value: Duration?) {
        require(value == null || (value.isPositive() && value.isFinite())) {
            "WorkflowOptions.$name must be a positive, finite duration or null, was $value"
        }
    }
}
