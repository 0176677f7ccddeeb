package dev.temporalkt.workflow

import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.common.RetryPolicy
import java.time.Instant
import kotlin.time.Duration

/**
 * What a run knows about itself, from the event that started it and the worker that runs it.
 * Obtain it with [Workflow.info].
 *
 * ```kotlin
 * val info = Workflow.info()
 * if (info.attempt > 1) Workflow.logger.warn("retrying workflow ${info.workflowId}")
 * ```
 *
 * @property continuedRunId the run that continued as new, retried or cron-started into this one; `null` if none.
 * @property parent the parent run when this run is a child workflow.
 * @property root the root of the parent chain when this run is a child workflow.
 * @property retryPolicy the retry policy the workflow was started with; `null` when it has none (a failed run is
 *   not retried).
 * @property headers the headers the run was started with (as set by client interceptors), still encoded.
 * @property deploymentVersion the worker deployment version of the worker running this task (the worker's
 *   [dev.temporalkt.worker.WorkerDeploymentOptions]); `null` on a worker outside any deployment.
 * @property versioningBehavior the behaviour this run states to the server with each workflow task: its workflow's
 *   (`@Workflow(versioningBehavior)`, or `Workflow.setVersioningBehavior`), else the worker's default;
 *   [VersioningBehavior.UNSPECIFIED] on a worker outside any deployment. A versioning override given when the
 *   workflow was started (`WorkflowOptions.versioningOverride`) takes precedence on the server; the client's describe
 *   shows the effective one.
 */
public data class WorkflowInfo(
    public val namespace: String,
    public val taskQueue: String,
    public val workflowId: String,
    public val runId: String,
    public val workflowType: String,
    public val attempt: Int,
    public val firstExecutionRunId: String,
    public val continuedRunId: String?,
    public val cronSchedule: String?,
    public val executionTimeout: Duration?,
    public val runTimeout: Duration?,
    public val taskTimeout: Duration?,
    public val startTime: Instant?,
    public val parent: Execution?,
    public val root: Execution?,
    public val retryPolicy: RetryPolicy? = null,
    public val headers: Map<String, RawValue> = emptyMap(),
    public val deploymentVersion: WorkerDeploymentVersion? = null,
    public val versioningBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
) {
    /**
     * The run's identity as the workflow logger ([Workflow.logger]) puts it into the SLF4J MDC of each of its calls:
     * `temporalWorkflowId`, `temporalRunId`, `temporalWorkflowType`, `temporalTaskQueue`, `temporalNamespace` and
     * `temporalAttempt`. Calls through SLF4J's fluent API also carry them as key-value pairs, for encoders that
     * write those rather than the MDC:
     *
     * ```kotlin
     * Workflow.logger.atInfo().addKeyValue("order", order.id).log("order received") // + the entries above
     * ```
     */
    public val logContext: Map<String, String>
        get() = linkedMapOf(
            "temporalWorkflowId" to workflowId,
            "temporalRunId" to runId,
            "temporalWorkflowType" to workflowType,
            "temporalTaskQueue" to taskQueue,
            "temporalNamespace" to namespace,
            "temporalAttempt" to attempt.toString(),
        )

    /** A workflow run in a namespace. */
    public data class Execution(public val namespace: String, public val workflowId: String, public val runId: String)
}
