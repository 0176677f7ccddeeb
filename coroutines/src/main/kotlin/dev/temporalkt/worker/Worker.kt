package dev.temporalkt.worker

import dev.temporalkt.activity.internal.ActivityDefinition
import dev.temporalkt.activity.internal.ActivityExecutors
import dev.temporalkt.activity.internal.ActivityInvoker
import dev.temporalkt.activity.internal.ActivityRegistry
import dev.temporalkt.activity.internal.ActivityWorker
import dev.temporalkt.activity.internal.ActivityWorkerOptions
import dev.temporalkt.client.Client
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.nexus.internal.KotlinNexusHandler
import dev.temporalkt.worker.internal.nexus.NexusTaskProcessor
import dev.temporalkt.worker.internal.localactivity.LocalActivityRunner
import dev.temporalkt.worker.internal.poll.WorkerShutdownNotice
import dev.temporalkt.worker.internal.workflow.WorkflowTaskProcessor
import dev.temporalkt.worker.internal.workflow.WorkflowTaskProcessorOptions
import dev.temporalkt.workflow.internal.KotlinWorkflowRuntimes
import dev.temporalkt.workflow.internal.WorkflowDefinition
import dev.temporalkt.workflow.internal.WorkflowInstanceOptions
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.awaitCancellation
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
 * [run] keeps a worker running until its coroutine is cancelled; [start] + [close] (or `use {}`) bound it to a block.
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
    private val identity = options.identity ?: client.identity

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

    /** The activities, shared by the activity worker and the workflow worker's local activities. */
    private val activityRegistry: ActivityRegistry? =
        if (activities.isEmpty() && externalActivities.isEmpty()) null else ActivityRegistry.of(activities, externalActivities)

    /** One instance key on every poll of this worker, and one announcement of its shutdown per part. */
    private val shutdownNotice = WorkerShutdownNotice(client.connection, client.namespace, identity, taskQueue)

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
                    metricMeter = options.metricMeter,
                    client = client,
                ),
                shutdownNotice,
            )
        }

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
                    metricMeter = options.metricMeter,
                ),
                externalWorkflows,
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
        )
    }

    /** Runs the registered activities as local activities of this worker's workflows, on their own executor. */
    private fun localActivityRunner(registry: ActivityRegistry): LocalActivityRunner {
        val ownedExecutor = if (options.activityExecutor == null) ActivityExecutors.newDefault("temporal-local-activity") else null
        val invoker = ActivityInvoker(
            registry, client.dataConverter, options.activityExecutor ?: ownedExecutor!!, Dispatchers.Default,
            interceptors = interceptors, metricMeter = options.metricMeter, client = client,
        )
        return LocalActivityRunner(
            client.dataConverter, invoker::run, options.maxConcurrentLocalActivities,
            onShutdown = { ownedExecutor?.shutdown() },
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
                options.nexusTaskPollers, options.maxConcurrentNexusTasks, shutdownNotice,
            )
        }

    /** Starts polling. Returns this worker, so `Worker(...).start().use { }` bounds it to a block. */
    public fun start(): Worker {
        check(state.compareAndSet(NEW, RUNNING)) { "Worker for task queue '$taskQueue' was already started" }
        workflowWorker?.start()
        activityWorker?.start()
        nexusWorker?.start()
        return this
    }

    /** Starts the worker and runs it until the calling coroutine is cancelled, then shuts it down. */
    public suspend fun run(): Nothing {
        start()
        try {
            awaitCancellation()
        } finally {
            withContext(NonCancellable) { shutdown() }
        }
    }

    /** Shuts the worker down as the class documentation describes. Calling it again does nothing. */
    public suspend fun shutdown() {
        if (state.getAndSet(STOPPED) != RUNNING) return
        activityWorker?.shutdown()
        nexusWorker?.shutdown(options.gracefulShutdownTimeout)
        workflowWorker?.shutdown(maxOf(options.gracefulShutdownTimeout, 10.seconds))
    }

    /**
     * Activity tasks the server handed this worker eagerly so far, with the completion of a workflow task that
     * scheduled them (see [dev.temporalkt.workflow.ActivityOptions.disableEagerExecution]), rather than through a poll.
     */
    @InternalTemporalApi
    public val eagerActivityTasksStarted: Long get() = activityWorker?.eagerTasksStarted ?: 0

    /** Shuts the worker down, blocking the calling thread until it is done. */
    override fun close(): Unit = runBlocking { shutdown() }

    private companion object {
        const val NEW = 0
        const val RUNNING = 1
        const val STOPPED = 2
    }
}
