package dev.temporalkt.java.worker

import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import java.time.Duration
import java.util.concurrent.Executor
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.worker.WorkerOptions as KotlinWorkerOptions

/**
 * Settings of a Java-built [Worker]: concurrency, pollers, the workflow cache, timeouts and the executor of
 * activities, as `java.time` durations and a builder. They are the Kotlin worker's settings (see its KDoc for each).
 *
 * ```java
 * WorkerOptions options = WorkerOptions.newBuilder()
 *     .maxConcurrentActivities(20)
 *     .maxCachedWorkflows(5_000)
 *     .gracefulShutdownTimeout(Duration.ofSeconds(10))
 *     .build();
 * ```
 */
public class WorkerOptions private constructor(internal val kotlin: KotlinWorkerOptions) {
    /** Workflow tasks processed at once. */
    public val maxConcurrentWorkflowTasks: Int get() = kotlin.maxConcurrentWorkflowTasks

    /** Activity attempts running at once. */
    public val maxConcurrentActivities: Int get() = kotlin.maxConcurrentActivities

    /** Local activity attempts running at once. */
    public val maxConcurrentLocalActivities: Int get() = kotlin.maxConcurrentLocalActivities

    /** Concurrent long polls for workflow tasks. */
    public val workflowTaskPollers: Int get() = kotlin.workflowTaskPollers

    /** Concurrent long polls for activity tasks. */
    public val activityTaskPollers: Int get() = kotlin.activityTaskPollers

    /** Runs kept in memory between workflow tasks; `0` replays every task from history. */
    public val maxCachedWorkflows: Int get() = kotlin.maxCachedWorkflows

    /** How long the server waits for this worker on its sticky queue. */
    public val stickyScheduleToStartTimeout: Duration get() = kotlin.stickyScheduleToStartTimeout.toJavaDuration()

    /** The identity recorded for the worker, or `null` for the client's. */
    public val identity: String? get() = kotlin.identity

    /** How long shutdown lets running activities finish before cancelling them. */
    public val gracefulShutdownTimeout: Duration get() = kotlin.gracefulShutdownTimeout.toJavaDuration()

    /** The longest time workflow code may run in one workflow task without yielding, or `null` for no limit. */
    public val deadlockTimeout: Duration? get() = kotlin.deadlockTimeout?.toJavaDuration()

    /** The executor of activity methods, or `null` for virtual threads when the JDK has them, else a pool. */
    public val activityExecutor: Executor? get() = kotlin.activityExecutor

    /** Whether non-determinism fails the workflow execution instead of the workflow task. */
    public val isFailRunOnNonDeterminism: Boolean get() = kotlin.failRunOnNonDeterminism

    /** Whether the worker does not poll for workflow tasks. */
    public val isDisableWorkflowWorker: Boolean get() = kotlin.disableWorkflowWorker

    /** Whether the worker does not poll for activity tasks (its activities still run as local activities). */
    public val isDisableActivityWorker: Boolean get() = kotlin.disableActivityWorker

    /** Whether activities are never handed back eagerly to this worker. */
    public val isDisableEagerActivityExecution: Boolean get() = kotlin.disableEagerActivityExecution

    /** The worker interceptors, outermost first. */
    public val interceptors: List<WorkerInterceptor> get() = kotlin.interceptors

    /**
     * Where the worker records the SDK's metrics ([dev.temporalkt.metrics.SdkMetricNames]) and workflows and
     * activities record custom metrics; [MetricMeter.NOOP] means the connection's meter.
     */
    public val metricMeter: MetricMeter get() = kotlin.metricMeter

    /** The worker deployment the worker is a version of, or `null` for an unversioned worker. */
    public val deploymentOptions: dev.temporalkt.worker.WorkerDeploymentOptions? get() = kotlin.deploymentOptions
    /** Whether the SDK's latency metrics are recorded in seconds instead of milliseconds. */
    public val isMetricDurationsInSeconds: Boolean get() = kotlin.metricDurationsInSeconds

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is WorkerOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [WorkerOptions]. */
    public class Builder internal constructor(private var options: KotlinWorkerOptions) {
        /** Sets how many workflow tasks are processed at once (default 100). */
        public fun maxConcurrentWorkflowTasks(count: Int): Builder = apply { options = options.copy(maxConcurrentWorkflowTasks = count) }

        /** Sets how many activity attempts run at once (default 100). */
        public fun maxConcurrentActivities(count: Int): Builder = apply { options = options.copy(maxConcurrentActivities = count) }

        /** Sets how many local activity attempts run at once (default 100). */
        public fun maxConcurrentLocalActivities(count: Int): Builder = apply { options = options.copy(maxConcurrentLocalActivities = count) }

        /** Sets the number of concurrent polls for workflow tasks (default 5). */
        public fun workflowTaskPollers(count: Int): Builder = apply { options = options.copy(workflowTaskPollers = count) }

        /** Sets the number of concurrent polls for activity tasks (default 5). */
        public fun activityTaskPollers(count: Int): Builder = apply { options = options.copy(activityTaskPollers = count) }

        /**
         * Sets how many runs stay in memory between workflow tasks (default 1000); `0` turns the cache off, so every
         * workflow task replays the run from its history.
         */
        public fun maxCachedWorkflows(count: Int): Builder = apply { options = options.copy(maxCachedWorkflows = count) }

        /** Sets how long the server waits for this worker on its sticky queue (default 10 s). */
        public fun stickyScheduleToStartTimeout(timeout: Duration): Builder =
            apply { options = options.copy(stickyScheduleToStartTimeout = timeout.toKotlinDuration()) }

        /** Sets the identity recorded for the worker; `null` for the client's. */
        public fun identity(identity: String?): Builder = apply { options = options.copy(identity = identity) }

        /** Sets how long shutdown lets running activities finish before cancelling them (default 0). */
        public fun gracefulShutdownTimeout(timeout: Duration): Builder =
            apply { options = options.copy(gracefulShutdownTimeout = timeout.toKotlinDuration()) }

        /**
         * Sets the longest time workflow code may run in one workflow task without yielding before the task fails as a
         * potential deadlock (default 2 s); `null` turns the check off (for debugging).
         */
        public fun deadlockTimeout(timeout: Duration?): Builder = apply { options = options.copy(deadlockTimeout = timeout?.toKotlinDuration()) }

        /** Sets the executor of activity methods; `null` for virtual threads when the JDK has them, else a pool. */
        public fun activityExecutor(executor: Executor?): Builder = apply { options = options.copy(activityExecutor = executor) }

        /** Sets whether non-determinism fails the workflow execution instead of the workflow task. */
        public fun failRunOnNonDeterminism(fail: Boolean): Builder = apply { options = options.copy(failRunOnNonDeterminism = fail) }

        /** Sets whether the worker does not poll for workflow tasks. */
        public fun disableWorkflowWorker(disable: Boolean): Builder = apply { options = options.copy(disableWorkflowWorker = disable) }

        /** Sets whether the worker does not poll for activity tasks. */
        public fun disableActivityWorker(disable: Boolean): Builder = apply { options = options.copy(disableActivityWorker = disable) }

        /** Sets whether activities are never handed back eagerly to this worker. */
        public fun disableEagerActivityExecution(disable: Boolean): Builder =
            apply { options = options.copy(disableEagerActivityExecution = disable) }

        /** Adds a worker interceptor, inside those added before. */
        public fun addInterceptor(interceptor: WorkerInterceptor): Builder = apply { options = options.copy(interceptors = options.interceptors + interceptor) }

        /**
         * Sets where the worker records the SDK's metrics ([dev.temporalkt.metrics.SdkMetricNames]) and workflows
         * and activities record custom metrics (nothing is recorded from workflow code while it replays). Left
         * unset, the worker uses the meter of the client's connection ([dev.temporalkt.java.client.ConnectionOptions.Builder.metricMeter]).
         *
         * ```java
         * WorkerOptions.newBuilder().metricMeter(new MicrometerMetricMeter(registry)).build();
         * ```
         */
        public fun metricMeter(meter: MetricMeter): Builder = apply { options = options.copy(metricMeter = meter) }

        /** With `true`, the SDK's latency histograms are recorded in seconds (unit `s`) instead of milliseconds (`ms`). */
        public fun metricDurationsInSeconds(inSeconds: Boolean): Builder =
            apply { options = options.copy(metricDurationsInSeconds = inSeconds) }

        /** Sets whether the `TemporalChangeVersion` search attribute is upserted after each new patch. */
        public fun upsertPatchSearchAttribute(upsert: Boolean): Builder = apply { options = options.copy(upsertPatchSearchAttribute = upsert) }

        /**
         * Makes the worker one version of a worker deployment (deployment name, build id — `null` derives one from the
         * registered workflow classes —, whether the server routes by version, and the default versioning behaviour of
         * workflows whose annotation states none); `null` for an unversioned worker.
         *
         * ```java
         * WorkerOptions.newBuilder()
         *     .deploymentOptions(new WorkerDeploymentOptions("orders-service", "build-42", true, VersioningBehavior.PINNED))
         *     .build();
         * ```
         */
        public fun deploymentOptions(deploymentOptions: dev.temporalkt.worker.WorkerDeploymentOptions?): Builder =
            apply { options = options.copy(deploymentOptions = deploymentOptions) }

        /** Creates the options. */
        public fun build(): WorkerOptions = WorkerOptions(options)
    }

    /** Factories. */
    public companion object {
        /** A builder with the defaults. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinWorkerOptions())

        /** The default options. */
        @JvmStatic
        public fun defaults(): WorkerOptions = newBuilder().build()
    }
}
