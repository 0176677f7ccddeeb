package dev.temporalkt.java.workflow

import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.workflow.RawValue
import java.time.Duration
import java.time.Instant
import kotlin.time.toJavaDuration
import dev.temporalkt.workflow.WorkflowInfo as KotlinWorkflowInfo

/**
 * What a run knows about itself, from the event that started it and the worker that runs it; see [Workflow.getInfo].
 *
 * ```java
 * WorkflowInfo info = Workflow.getInfo();
 * if (info.getAttempt() > 1) Workflow.getLogger().warn("retrying workflow {}", info.getWorkflowId());
 * ```
 */
public class WorkflowInfo internal constructor(private val info: KotlinWorkflowInfo) {
    /**
     * The entries the workflow logger ([Workflow.getLogger]) puts into the SLF4J MDC: `temporalWorkflowId`,
     * `temporalRunId`, `temporalWorkflowType`, `temporalTaskQueue`, `temporalNamespace`, `temporalAttempt`. Calls
     * through SLF4J's fluent API (`Workflow.getLogger().atInfo().log(...)`) also carry them as key-value pairs.
     */
    public val logContext: Map<String, String> get() = info.logContext

    /** The namespace of the run. */
    public val namespace: String get() = info.namespace

    /** The task queue of the run. */
    public val taskQueue: String get() = info.taskQueue

    /** The workflow id. */
    public val workflowId: String get() = info.workflowId

    /** The run id. */
    public val runId: String get() = info.runId

    /** The workflow type. */
    public val workflowType: String get() = info.workflowType

    /** The attempt number of the workflow, starting at 1. */
    public val attempt: Int get() = info.attempt

    /** The run id of the first run of the chain this run belongs to. */
    public val firstExecutionRunId: String get() = info.firstExecutionRunId

    /** The run that continued as new, retried or cron-started into this one, or `null`. */
    public val continuedRunId: String? get() = info.continuedRunId

    /** The cron schedule, or `null`. */
    public val cronSchedule: String? get() = info.cronSchedule

    /** The limit of the whole chain of runs, or `null`. */
    public val executionTimeout: Duration? get() = info.executionTimeout?.toJavaDuration()

    /** The limit of this run, or `null`. */
    public val runTimeout: Duration? get() = info.runTimeout?.toJavaDuration()

    /** The limit of one workflow task, or `null`. */
    public val taskTimeout: Duration? get() = info.taskTimeout?.toJavaDuration()

    /** When the run started, or `null`. */
    public val startTime: Instant? get() = info.startTime

    /** The parent's workflow id when this run is a child workflow, or `null`. */
    public val parentWorkflowId: String? get() = info.parent?.workflowId

    /** The parent's run id when this run is a child workflow, or `null`. */
    public val parentRunId: String? get() = info.parent?.runId

    /** The parent's namespace when this run is a child workflow, or `null`. */
    public val parentNamespace: String? get() = info.parent?.namespace

    /** The workflow id of the root of the parent chain when this run is a child workflow, or `null`. */
    public val rootWorkflowId: String? get() = info.root?.workflowId

    /** The run id of the root of the parent chain when this run is a child workflow, or `null`. */
    public val rootRunId: String? get() = info.root?.runId

    /** The retry policy the workflow was started with, or `null`. */
    public val retryPolicy: RetryPolicy? get() = info.retryPolicy

    /** The headers the run was started with (as set by client interceptors), still encoded. */
    public val headers: Map<String, RawValue> get() = info.headers

    /** The worker deployment version of the worker running this task, or `null` on an unversioned worker. */
    public val deploymentVersion: dev.temporalkt.common.WorkerDeploymentVersion? get() = info.deploymentVersion

    /**
     * The versioning behaviour this run states to the server (its annotation's, `Workflow.setVersioningBehavior`'s or
     * the worker's default); `UNSPECIFIED` on an unversioned worker.
     */
    public val versioningBehavior: dev.temporalkt.common.VersioningBehavior get() = info.versioningBehavior

    override fun toString(): String = info.toString()
}
