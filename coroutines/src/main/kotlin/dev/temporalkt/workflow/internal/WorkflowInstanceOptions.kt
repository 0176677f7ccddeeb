package dev.temporalkt.workflow.internal

import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.metrics.MetricMeter
import java.util.concurrent.Executor
import kotlin.reflect.KClass
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Worker-level settings of a [WorkflowInstance].
 *
 * @property taskQueue the task queue the worker polls; reported by `Workflow.info()` and the default task
 *   queue of activities and child workflows.
 * @property namespace the namespace of the worker.
 * @property deadlockTimeout longest time user code may run within one activation without yielding before
 *   the workflow task fails as a potential deadlock; `null` disables the check (for debugging).
 * @property failureExceptionTypes exception types that fail the workflow execution (in addition to
 *   Temporal failures and the workflow's own `@Workflow(failureExceptionTypes)`).
 * @property executor runs activations, one at a time per run; `null` for the worker thread of the task itself (a
 *   worker's tasks, see [WorkflowInstance.activateAllSuspending]) or else a shared pool of daemon threads.
 * @property interceptors the worker's interceptors, asked for each run's workflow interceptors (first outermost).
 * @property metricMeter where `Workflow.metricMeter` records, outside replay.
 * @property deploymentVersion the worker's deployment version, reported by `Workflow.info()`; `null` for none.
 * @property defaultVersioningBehavior the behaviour of runs whose workflow states none, reported by `Workflow.info()`.
 */
@InternalTemporalApi
public data class WorkflowInstanceOptions(
    public val taskQueue: String,
    public val namespace: String = "default",
    public val deadlockTimeout: Duration? = 2.seconds,
    public val failureExceptionTypes: List<KClass<out Throwable>> = emptyList(),
    public val executor: Executor? = null,
    public val interceptors: List<WorkerInterceptor> = emptyList(),
    public val metricMeter: MetricMeter = MetricMeter.NOOP,
    public val deploymentVersion: WorkerDeploymentVersion? = null,
    public val defaultVersioningBehavior: VersioningBehavior = VersioningBehavior.UNSPECIFIED,
)
