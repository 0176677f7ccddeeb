package dev.temporalkt.worker

import dev.temporalkt.activity.internal.ActivityDefinition
import dev.temporalkt.activity.internal.ActivityExecutors
import dev.temporalkt.activity.internal.ActivityInvoker
import dev.temporalkt.activity.internal.ActivityRegistry
import dev.temporalkt.activity.internal.ActivityWorker
import dev.temporalkt.activity.internal.ActivityWorkerOptions
import dev.temporalkt.client.Client
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.startup.internal.ClassWarmUp
import dev.temporalkt.worker.internal.metrics.WorkerMetrics
import dev.temporalkt.nexus.internal.KotlinNexusHandler
import dev.temporalkt.worker.internal.nexus.NexusTaskProcessor
import dev.temporalkt.worker.internal.localactivity.LocalActivityRunner
import dev.temporalkt.worker.internal.poll.NamespaceAccessCheck
import dev.temporalkt.worker.internal.poll.WorkerFailure
import dev.temporalkt.worker.internal.poll.WorkerShutdownNotice
import dev.temporalkt.worker.internal.versions.RuntimeVersionCheck
import dev.temporalkt.worker.internal.workflow.WorkflowTaskProcessor
import dev.temporalkt.worker.internal.workflow.WorkflowTaskProcessorOptions
import dev.temporalkt.workflow.internal.KotlinWorkflowRuntimes
import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.worker.internal.deployment.DerivedBuildId
import dev.temporalkt.worker.internal.versioning.WorkerDeploymentStamp
import dev.temporalkt.workflow.internal.WorkflowDefinition
import dev.temporalkt.workflow.internal.WorkflowInstanceOptions
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.util.concurrent.atomic.AtomicInteger
import kotlin.reflect.KClass
import kotlin.time.Duration.Companion.seconds

/**
 * Runs workflows and activities for one task queue: polls the server for tasks, runs workflow code on the
 * deterministic dispatcher and activities on the worker's dispatcher or executor, and reports the outcomes.
 *
 * Everything is checked when the worker is built: workflow classes must be valid `@Workflow` classes, activities
 * `@Activity` functions or objects with such methods, and names must be unique; problems are reported together in
 * one exception.
 *
 * ```kotlin
 * val client = Client.connect(ConnectionOptions(target = "localhost:7233"))
 * Worker(client, "orders", workflows = listOf(OrderWorkflow::class), activities = listOf(PaymentActivities(gateway)))
 *     .start()
 *     .use {
 *         client.executeWorkflow<Receipt>("OrderWorkflow", listOf(order), WorkflowOptions(id = "order-1", taskQueue = "orders"))
 *     }
 * ```
 *
 * Nexus services (instances of [dev.temporalkt.nexus.NexusService] classes, `nexusServices = listOf(GreetingService())`)
 * are served on the same task queue: point a Nexus endpoint's worker target at it.
 *
 * Activities registered on a worker also run as local activities of the workflows it runs
 * (`Workflow.executeLocalActivity`), even with [WorkerOptions.disableActivityWorker].
 *
 * [start] (and [run]) first check that the namespace exists and the server lets the client use it, and fail with a
 * message naming the namespace and the server otherwise.
 * [run] keeps a worker running until its coroutine is cancelled; [start] + [close] (or `use {}`) bound it to a block.
 * A worker whose pollers stop for an error no retry can fix reports it once (an ERROR log line), shuts its work down,
 * and fails: [run] throws, [close] throws, [failureCause] says why.
 * Shutting down stops polling, lets tasks in progress finish (activities get
 * [WorkerOptions.gracefulShutdownTimeout], then are cancelled with the worker-shutdown reason), evicts cached
 * workflows and tells the server this worker's sticky queue is gone.
 */
@OptIn(InternalTemporalApi::class)
public class Worker @InternalTemporalApi constructor(
    /** The client whose connection, namespace and data converter the worker uses. */
    public val client: Client,
    /** The task queue polled for workflow and activity tasks. */
    public val taskQueue: String,
    workflows: List<KClass<*>>,
    activities: List<Any>,
    /** Settings. */
    public val options: WorkerOptions,
    nexusServices: List<Any>,
    externalWorkflows: List<WorkflowDefinition>,
    externalActivities: List<ActivityDefinition>,
) : AutoCloseable {
    @JvmOverloads
    public constructor(
        client: Client,
        taskQueue: String,
        workflows: List<KClass<*>> = emptyList(),
        activities: List<Any> = emptyList(),
        options: WorkerOptions = WorkerOptions(),
        nexusServices: List<Any> = emptyList(),
    ) : this(client, taskQueue, workflows, activities, options, nexusServices, emptyList(), emptyList())

    /**
     * A worker that also runs the workflow and activity definitions of another surface ([externalWorkflows],
     * [externalActivities]; the Java facade reads Java classes into these without kotlin-reflect), on the same task
     * queue and runtime as the Kotlin [workflows] and [activities].
     */
    @InternalTemporalApi
    public constructor(
        client: Client,
        taskQueue: String,
        workflows: List<KClass<*>>,
        activities: List<Any>,
        options: WorkerOptions,
        externalWorkflows: List<WorkflowDefinition>,
        externalActivities: List<ActivityDefinition>,
    ) : this(client, taskQueue, workflows, activities, options, emptyList(), externalWorkflows, externalActivities)

    private val state = AtomicInteger(NEW)

    /**
     * Sent first thing, so that its round trip and the loading of the classes the first tasks need overlap with the
     * reading of the definitions below; [start] waits for it.
     */
    private val namespaceCheck = NamespaceAccessCheck.begin(client.connection, client.namespace, taskQueue)
        .also { ClassWarmUp.startForWorker() }
    private val identity = options.identity ?: client.identity

    /** The worker's meter, or the connection's when the worker has none of its own. */
    private val metricMeter = if (options.metricMeter !== MetricMeter.NOOP) options.metricMeter else client.connection.options.metricMeter

    /** The SDK's own metrics of this worker. */
    private val metrics = WorkerMetrics(
        metricMeter, client.namespace, taskQueue,
        durationsInSeconds = if (options.metricMeter !== MetricMeter.NOOP) {
            options.metricDurationsInSeconds
        } else {
            client.connection.options.metricDurationsInSeconds
        },
    )

    /** The client's interceptors that are worker interceptors too, then the worker's own. */
    private val interceptors = WorkerInterceptors.of(client, options)

    init {
        require(taskQueue.isNotBlank()) { "A worker needs a task queue name" }
        require(
            workflows.isNotEmpty() || activities.isNotEmpty() || nexusServices.isNotEmpty() ||
                externalWorkflows.isNotEmpty() || externalActivities.isNotEmpty(),
        ) {
            "A worker for task queue '$taskQueue' needs at least one workflow class, activity or Nexus service"
        }
    }

    /** The worker's deployment version on its requests (one for all its parts); see [WorkerDeploymentOptions]. */
    private val deployment: WorkerDeploymentStamp =
        options.deploymentOptions?.let { deploymentStamp(it, workflows, externalWorkflows) } ?: WorkerDeploymentStamp.UNVERSIONED

    /** The Kotlin workflow runtime of the registered classes, validated when the worker is built. */
    private val workflowRuntimes: KotlinWorkflowRuntimes? =
        if (options.disableWorkflowWorker || (workflows.isEmpty() && externalWorkflows.isEmpty())) {
            null
        } else {
            KotlinWorkflowRuntimes(
                workflows,
                client.dataConverter,
                WorkflowInstanceOptions(
                    taskQueue = taskQueue,
                    namespace = client.namespace,
                    deadlockTimeout = options.deadlockTimeout,
                    interceptors = interceptors,
                    metricMeter = metricMeter,
                    deploymentVersion = deployment.version,
                    defaultVersioningBehavior = deployment.defaultBehavior,
                ),
                externalWorkflows,
            )
        }

    /** This worker's deployment version, with the build id derived when not given; `null` for an unversioned worker. */
    public val deploymentVersion: WorkerDeploymentVersion? get() = deployment.version

    private fun deploymentStamp(
        deploymentOptions: WorkerDeploymentOptions,
        workflows: List<KClass<*>>,
        externalWorkflows: List<WorkflowDefinition>,
    ): WorkerDeploymentStamp {
        // definitions are read once per class and cached: the runtime below reads the same ones
        val definitions = if (options.disableWorkflowWorker) emptyList() else workflows.map { WorkflowDefinition.of(it) } + externalWorkflows
        if (deploymentOptions.useVersioning && deploymentOptions.defaultVersioningBehavior == VersioningBehavior.UNSPECIFIED) {
            val unstated = definitions.filter { !it.dynamic && it.versioningBehavior == VersioningBehavior.UNSPECIFIED }
            require(unstated.isEmpty()) {
                "The worker for task queue '$taskQueue' uses worker versioning, but workflow " +
                    unstated.joinToString { "'${it.name}' (${it.workflowClass.java.name})" } + " states no versioning behavior: " +
                    "annotate the class with @Workflow(versioningBehavior = VersioningBehavior.PINNED or AUTO_UPGRADE), or set " +
                    "WorkerDeploymentOptions.defaultVersioningBehavior"
            }
        }
        val buildId = deploymentOptions.buildId ?: DerivedBuildId.of(definitions.map { it.workflowClass.java }.sortedBy { it.name })
        return WorkerDeploymentStamp(
            WorkerDeploymentVersion(deploymentOptions.deploymentName, buildId),
            deploymentOptions.useVersioning,
            deploymentOptions.defaultVersioningBehavior,
        )
    }

    /** The activities, shared by the activity worker and the workflow worker's local activities. */
    private val activityRegistry: ActivityRegistry? =
        if (activities.isEmpty() && externalActivities.isEmpty()) null else ActivityRegistry.of(activities, externalActivities)

    /** One instance key on every poll of this worker, and one announcement of its shutdown per part. */
    private val shutdownNotice = WorkerShutdownNotice(client.connection, client.namespace, identity, taskQueue)

    /** The first non-retryable polling error of any part, which stops the worker's work (see [run]). */
    private val failure = WorkerFailure(taskQueue, client.namespace, client.connection.options.target)

    private val activityWorker: ActivityWorker? =
        if (options.disableActivityWorker || activityRegistry == null) {
            null
        } else {
            ActivityWorker(
                client.connection,
                taskQueue,
                client.dataConverter,
                activityRegistry!!,
                ActivityWorkerOptions(
                    maxConcurrentActivities = options.maxConcurrentActivities,
                    pollerCount = options.activityTaskPollers,
                    executor = options.activityExecutor,
                    gracefulShutdownTimeout = options.gracefulShutdownTimeout,
                    interceptors = interceptors,
                    metricMeter = metricMeter,
                    client = client,
                    deployment = deployment,
                    metrics = metrics,
                ),
                shutdownNotice,
                failure,
            )
        }

    private val workflowWorker: WorkflowTaskProcessor? = workflowRuntimes?.let { runtimes ->
        WorkflowTaskProcessor(
            client.connection, client.namespace, identity, taskQueue, client.dataConverter, runtimes,
            WorkflowTaskProcessorOptions(
                maxConcurrentWorkflowTasks = options.maxConcurrentWorkflowTasks,
                workflowTaskPollers = options.workflowTaskPollers,
                maxCachedWorkflows = options.maxCachedWorkflows,
                stickyScheduleToStartTimeout = options.stickyScheduleToStartTimeout,
                failRunOnNonDeterminism = options.failRunOnNonDeterminism,
                upsertPatchSearchAttribute = options.upsertPatchSearchAttribute,
            ),
            localActivityRunner = activityRegistry?.let(::localActivityRunner),
            shutdownNotice = shutdownNotice,
            eagerActivities = if (options.disableEagerActivityExecution) null else activityWorker?.eagerDispatcher,
            deployment = deployment,
            metrics = metrics,
            failure = failure,
        )
    }

    /** Runs the registered activities as local activities of this worker's workflows, on their own executor. */
    private fun localActivityRunner(registry: ActivityRegistry): LocalActivityRunner {
        val ownedExecutor = if (options.activityExecutor == null) ActivityExecutors.newDefault("temporal-local-activity") else null
        val invoker = ActivityInvoker(
            registry, client.dataConverter, options.activityExecutor ?: ownedExecutor!!, Dispatchers.Default,
            interceptors = interceptors, metricMeter = metricMeter, client = client,
        )
        return LocalActivityRunner(
            client.dataConverter, invoker::run, options.maxConcurrentLocalActivities,
            onShutdown = { ownedExecutor?.shutdown() }, metrics = metrics,
        )
    }

    /** Handles the Nexus operations of [nexusServices] when there are any (see [dev.temporalkt.nexus.NexusService]). */
    private val nexusWorker: NexusTaskProcessor? =
        if (nexusServices.isEmpty()) {
            null
        } else {
            NexusTaskProcessor(
                client.connection, client.namespace, identity, taskQueue,
                KotlinNexusHandler(client.connection, client.namespace, identity, taskQueue, client.dataConverter, nexusServices),
                options.nexusTaskPollers, options.maxConcurrentNexusTasks, shutdownNotice, deployment, failure,
            )
        }

    /**
     * Checks that the worker can work on its namespace, then starts polling. Returns this worker, so
     * `Worker(...).start().use { }` bounds it to a block. Blocks the calling thread until the check has its answer
     * (one `DescribeNamespace` call, sent when the worker was built, at most 10 s); [run] waits for it without
     * blocking.
     *
     * @throws IllegalStateException when the namespace does not exist on the server or the server refuses the client
     *   access to it (the message names the namespace and the server's address), or when the worker was started before.
     */
    public fun start(): Worker {
        runBlocking { startChecked() }
        return this
    }

    private suspend fun startChecked() {
        check(state.compareAndSet(NEW, STARTING)) { "Worker for task queue '$taskQueue' was already started" }
        RuntimeVersionCheck.warnOnce()
        val completesPolls = try {
            namespaceCheck.await()
        } catch (e: Throwable) {
            state.set(STOPPED)
            throw e
        }
        completesPolls?.let(shutdownNotice::learnCapability)
        state.set(RUNNING)
        workflowWorker?.start()
        activityWorker?.start()
        nexusWorker?.start()
    }

    /**
     * Starts the worker and runs it until the calling coroutine is cancelled, then shuts it down. When its pollers
     * stop for an error that no retry can fix (the namespace deleted, the credentials revoked while it runs), the
     * worker shuts down and `run` throws an [IllegalStateException] saying so, with that error as its cause.
     */
    public suspend fun run(): Nothing {
        startChecked()
        val failed = try {
            failure.await()
        } finally {
            withContext(NonCancellable) { shutdown() }
        }
        throw failed
    }

    /**
     * Shuts the worker down as the class documentation describes. Calling it again does nothing. Its parts
     * (workflow, activity and Nexus) shut down concurrently; calls that only inform the server (`ShutdownWorker`) get
     * a short deadline each (2 s) and are abandoned with a log line when the server does not answer, so a server that
     * is down does not hold the shutdown up beyond the graceful shutdown timeout (workflow tasks in progress get at
     * least 10 s) and that deadline.
     */
    public suspend fun shutdown() {
        if (state.getAndSet(STOPPED) != RUNNING) return
        coroutineScope {
            launch { activityWorker?.shutdown() }
            launch { nexusWorker?.shutdown(options.gracefulShutdownTimeout) }
            launch { workflowWorker?.shutdown(maxOf(options.gracefulShutdownTimeout, 10.seconds)) }
        }
    }

    /**
     * Why the worker stopped working, when its pollers stopped for an error no retry can fix; `null` while it works.
     * [close] throws it too.
     */
    public val failureCause: Throwable? get() = failure.failure

    /**
     * Activity tasks the server handed this worker eagerly so far, with the completion of a workflow task that
     * scheduled them (see [dev.temporalkt.workflow.ActivityOptions.disableEagerExecution]), rather than through a poll.
     */
    @InternalTemporalApi
    public val eagerActivityTasksStarted: Long get() = activityWorker?.eagerTasksStarted ?: 0

    /**
     * Shuts the worker down, blocking the calling thread until it is done. Throws [failureCause] when the worker had
     * stopped working (so a `use { }` block does not end as if all went well).
     */
    override fun close() {
        runBlocking { shutdown() }
        failure.failure?.let { throw it }
    }

    private companion object {
        const val NEW = 0
        const val STARTING = 1
        const val RUNNING = 2
        const val STOPPED = 3
    }
}
