package dev.temporalkt.worker

import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.metrics.MetricMeter
import java.util.concurrent.Executor
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Settings of a [Worker].
 *
 * ```kotlin
 * val options = WorkerOptions(maxConcurrentActivities = 20, maxCachedWorkflows = 5_000)
 * ```
 *
 * @property maxConcurrentWorkflowTasks workflow tasks processed at once.
 * @property maxConcurrentActivities activity attempts running at once.
 * @property workflowTaskPollers concurrent long polls of the workflow task queues (normal and sticky together).
 * @property activityTaskPollers concurrent long polls of the activity task queue.
 * @property maxCachedWorkflows runs kept in memory between workflow tasks. A cached run continues from where it
 *   was; a run that is not cached is replayed from its full history. `0` turns caching (and sticky task queues) off.
 * @property stickyScheduleToStartTimeout how long the server waits for this worker to pick up a task on its sticky
 *   queue before giving it to any worker of the normal queue.
 * @property identity recorded by the server for this worker's polls and completions; `null` for the client's.
 * @property gracefulShutdownTimeout how long shutdown lets running activities finish before cancelling them.
 * @property deadlockTimeout longest time workflow code may run in one workflow task without yielding before the task
 *   fails as a potential deadlock: code that is blocked (sleeping, waiting on a lock) or has used that much CPU.
 *   Code that is merely slowed down by a loaded machine gets up to ten times as long. `null` disables the check
 *   (for debugging).
 * @property activityExecutor runs blocking activities; `null` for virtual threads when the JDK has them, else a pool.
 * @property failRunOnNonDeterminism fail the workflow execution (instead of only the workflow task, which the
 *   server retries) when workflow code no longer matches its history.
 * @property disableWorkflowWorker do not poll for workflow tasks.
 * @property disableActivityWorker do not poll the task queue for activity tasks: activities scheduled on it wait for
 *   another worker, while the activities registered here still run as local activities of this worker's workflows.
 * @property interceptors intercept workflow and activity code (see [WorkerInterceptor]), the first one outermost;
 *   interceptors of the client that implement [WorkerInterceptor] come before these.
 * @property maxConcurrentNexusTasks Nexus requests (operation starts and cancels) handled at once.
 * @property nexusTaskPollers concurrent long polls of the Nexus task queue (only polled when the worker has Nexus
 *   services).
 * @property metricMeter where the worker records the SDK's own metrics (task latencies, slots, cache, workflow
 *   outcomes: [dev.temporalkt.metrics.SdkMetricNames]) and where workflows
 *   ([dev.temporalkt.workflow.Workflow.metricMeter], nothing while replaying) and activities
 *   ([dev.temporalkt.activity.ActivityContext.metricMeter]) record custom metrics. Left at [MetricMeter.NOOP], the
 *   worker uses the meter of the client's connection ([dev.temporalkt.client.ConnectionOptions.metricMeter]),
 *   which is itself [MetricMeter.NOOP] unless set: then nothing is recorded.
 * @property maxConcurrentLocalActivities local activity attempts running at once, over all workflows of the worker;
 *   further attempts wait for a slot (the wait counts towards their schedule-to-close timeout).
 * @property disableEagerActivityExecution never ask the server to hand activities scheduled by this worker's
 *   workflows straight back to it (see [dev.temporalkt.workflow.ActivityOptions.disableEagerExecution]); eager
 *   execution also needs the activity worker, so [disableActivityWorker] turns it off too.
 * @property upsertPatchSearchAttribute after each patch a run takes for the first time
 *   ([dev.temporalkt.workflow.Workflow.patched]), also upsert the `TemporalChangeVersion` search attribute with every
 *   patch id the run has used, so runs can be found by patch in visibility (as the Java SDK does when asked to). Off
 *   by default, as in the Python SDK: the attribute grows with every patch and counts against the namespace's search
 *   attribute size limits. Histories written with or without it replay either way.
 * @property deploymentOptions makes the worker one version of a worker deployment (see [WorkerDeploymentOptions]);
 *   `null` for an unversioned worker.
 * @property metricDurationsInSeconds record the SDK's latency histograms in seconds (unit `s`) instead of
 *   milliseconds (unit `ms`). Applies with this worker's own [metricMeter]; with the connection's meter, the
 *   connection's setting applies.
 */
public data class WorkerOptions @JvmOverloads constructor(
    val maxConcurrentWorkflowTasks: Int = 100,
    val maxConcurrentActivities: Int = 100,
    val workflowTaskPollers: Int = 5,
    val activityTaskPollers: Int = 5,
    val maxCachedWorkflows: Int = 1000,
    val stickyScheduleToStartTimeout: Duration = 10.seconds,
    val identity: String? = null,
    val gracefulShutdownTimeout: Duration = Duration.ZERO,
    val deadlockTimeout: Duration? = 2.seconds,
    val activityExecutor: Executor? = null,
    val failRunOnNonDeterminism: Boolean = false,
    val disableWorkflowWorker: Boolean = false,
    val disableActivityWorker: Boolean = false,
    val interceptors: List<WorkerInterceptor> = emptyList(),
    val maxConcurrentNexusTasks: Int = 100,
    val nexusTaskPollers: Int = 2,
    val metricMeter: MetricMeter = MetricMeter.NOOP,
    val maxConcurrentLocalActivities: Int = 100,
    val disableEagerActivityExecution: Boolean = false,
    val upsertPatchSearchAttribute: Boolean = false,
    val deploymentOptions: WorkerDeploymentOptions? = null,
    val metricDurationsInSeconds: Boolean = false,
) {
    init {
        require(maxConcurrentWorkflowTasks > 0) { "WorkerOptions.maxConcurrentWorkflowTasks must be positive, was $maxConcurrentWorkflowTasks" }
        require(maxConcurrentActivities > 0) { "WorkerOptions.maxConcurrentActivities must be positive, was $maxConcurrentActivities" }
        require(maxConcurrentLocalActivities > 0) {
            "WorkerOptions.maxConcurrentLocalActivities must be positive, was $maxConcurrentLocalActivities"
        }
        require(workflowTaskPollers > 0) { "WorkerOptions.workflowTaskPollers must be positive, was $workflowTaskPollers" }
        require(activityTaskPollers > 0) { "WorkerOptions.activityTaskPollers must be positive, was $activityTaskPollers" }
        require(maxCachedWorkflows >= 0) { "WorkerOptions.maxCachedWorkflows must not be negative, was $maxCachedWorkflows" }
        require(stickyScheduleToStartTimeout.isPositive()) { "WorkerOptions.stickyScheduleToStartTimeout must be positive" }
        require(!gracefulShutdownTimeout.isNegative()) { "WorkerOptions.gracefulShutdownTimeout must not be negative" }
        require(maxConcurrentNexusTasks > 0) { "WorkerOptions.maxConcurrentNexusTasks must be positive, was $maxConcurrentNexusTasks" }
        require(nexusTaskPollers > 0) { "WorkerOptions.nexusTaskPollers must be positive, was $nexusTaskPollers" }
        require(deadlockTimeout == null || deadlockTimeout.isPositive()) { "WorkerOptions.deadlockTimeout must be positive or null" }
    }
}
