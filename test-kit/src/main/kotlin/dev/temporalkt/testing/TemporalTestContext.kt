@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.testing

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowHistory
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.client.TemporalClient
import dev.temporalkt.testing.internal.StartedWorkflows
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import dev.temporalkt.workflow.WorkflowNames
import kotlinx.coroutines.runBlocking
import java.util.UUID
import kotlin.reflect.KClass

/**
 * What one test gets from the test extensions: the [environment] and its [client], a [taskQueue] of its own, and a
 * [worker] on that task queue running the registered workflows and activities. After the test, the extension replays
 * the history of every workflow the test's client started (see [WorkflowTestOptions.replayCheck]), terminates those
 * still running, and shuts the worker down, also when the test failed.
 *
 * ```kotlin
 * test("greets") {
 *     val result = temporal.client.executeWorkflow(GreetingWorkflow::run, "World", temporal.workflowOptions())
 *     result shouldBe "Hello, World!"
 *     temporal.activityCalls.argumentsOf(GreetingActivities::composeGreeting) shouldBe listOf(listOf(ComposeGreetingInput("Hello", "World")))
 * }
 * ```
 *
 * The worker starts when the test first reads [worker] or starts a workflow on [taskQueue] through [client] (or
 * [javaClient]), so a test can first [register] workflows and activities of its own, such as [ActivityMock]s:
 *
 * ```kotlin
 * temporal.register(ActivityMock.of(GreetingActivities::composeGreeting) { input -> "Hi, ${input.name}" })
 * ```
 */
public class TemporalTestContext internal constructor(
    sharedEnvironment: WorkflowEnvironment,
    private val options: WorkflowTestOptions,
    /** The test's own task queue; the [worker] polls it. */
    public val taskQueue: String,
) {
    /** Records the activity attempts of the test's workers (of every worker built on [client]). */
    public val activityCalls: ActivityCallRecorder = ActivityCallRecorder()

    private val started = StartedWorkflows { queue -> if (queue == taskQueue) ensureWorker() }

    /** The test's client: records the workflows it starts (for the replay check) and starts the [worker] on demand. */
    public val client: Client = sharedEnvironment.client.let { shared ->
        Client(
            shared.connection,
            shared.options.copy(
                dataConverter = options.clientOptions.dataConverter,
                interceptors = options.clientOptions.interceptors + shared.options.interceptors + started + activityCalls,
            ),
        )
    }

    /** The environment, seen through [client]: the same server and clock. */
    public val environment: WorkflowEnvironment = sharedEnvironment.withClient(client)

    /** The Java client over [client]. */
    public val javaClient: TemporalClient by lazy { TemporalClient.of(client) }

    private val workflows = options.workflows.toMutableList()
    private val activities = options.activities.toMutableList()
    private var runningWorker: Worker? = null
    private var finished = false

    /** Whether the replay check runs after this test; starts as [WorkflowTestOptions.replayCheck]. */
    @Volatile
    public var replayCheck: Boolean = options.replayCheck

    /**
     * The test's worker on [taskQueue], started on first use with the workflows and activities of the options and of
     * [register].
     *
     * @throws IllegalStateException when nothing is registered.
     */
    public val worker: Worker get() = ensureWorker() ?: throw IllegalStateException(
        "The test's worker has nothing to run: declare workflows or activities on the extension, or register() them",
    )

    /**
     * Adds workflow classes ([KClass] or [Class]) and activities (instances, function references, [ActivityMock]s) to
     * the test's worker.
     *
     * @throws IllegalStateException when the worker has already started.
     */
    public fun register(vararg workflowsOrActivities: Any): TemporalTestContext = apply {
        synchronized(this) {
            check(runningWorker == null) {
                "The test's worker is already running: register workflows and activities before the test starts a " +
                    "workflow on its task queue or reads the worker"
            }
            for (item in workflowsOrActivities) {
                when (item) {
                    is KClass<*> -> if (isWorkflow(item)) workflows += item else activities += item
                    is Class<*> -> if (isWorkflow(item.kotlin)) workflows += item.kotlin else activities += item
                    else -> activities += item
                }
            }
        }
    }

    /** Workflow options with a fresh id starting with [idPrefix] on [taskQueue]. */
    @JvmOverloads
    public fun workflowOptions(idPrefix: String = "test"): WorkflowOptions =
        WorkflowOptions(id = "$idPrefix-${UUID.randomUUID()}", taskQueue = taskQueue)

    /** From Java: Java client workflow options with a fresh id starting with [idPrefix] on [taskQueue]. */
    @JvmOverloads
    public fun javaWorkflowOptions(idPrefix: String = "test"): dev.temporalkt.java.client.WorkflowOptions =
        dev.temporalkt.java.client.WorkflowOptions.newBuilder().id("$idPrefix-${UUID.randomUUID()}").taskQueue(taskQueue).build()

    /** The workflow ids and run ids the test's client started so far. */
    public val startedWorkflows: List<Pair<String, String?>> get() = started.executions

    /**
     * The histories of the runs the test's client started, of the runs they continued as new into and of their
     * child workflows, in the order they were found.
     */
    public suspend fun histories(): List<WorkflowHistory> = collectHistories()

    /** From Java: [histories]. */
    public fun historiesBlocking(): List<WorkflowHistory> = runBlocking { histories() }

    private fun ensureWorker(): Worker? = synchronized(this) {
        runningWorker?.let { return it }
        check(!finished) { "The test has finished" }
        if (workflows.isEmpty() && activities.isEmpty()) return null
        Worker(client, taskQueue, workflows.toList(), activities.toList(), options.workerOptions).start()
            .also { runningWorker = it }
    }

    private fun isWorkflow(type: KClass<*>): Boolean = runCatching { WorkflowNames.of(type) }.isSuccess

    /**
     * Ends the test: when [testFailed] is `false` and [replayCheck] is on, replays the histories of [histories];
     * then terminates the workflows still running and shuts the worker down. Called by the extensions.
     *
     * @throws AssertionError naming each history that did not replay and its non-determinism error.
     */
    public suspend fun finish(testFailed: Boolean) {
        var failure: Throwable? = null
        try {
            if (!testFailed && replayCheck) replayCheck()
        } catch (e: Throwable) {
            failure = e
        }
        try {
            terminateRunning()
        } catch (e: Throwable) {
            failure?.addSuppressed(e) ?: run { failure = e }
        }
        try {
            val worker = synchronized(this) {
                finished = true
                runningWorker.also { runningWorker = null }
            }
            worker?.shutdown()
        } catch (e: Throwable) {
            failure?.addSuppressed(e) ?: run { failure = e }
        }
        failure?.let { throw it }
    }

    /** From Java and JUnit: [finish]. */
    public fun finishBlocking(testFailed: Boolean): Unit = runBlocking { finish(testFailed) }

    private suspend fun replayCheck() {
        val registered = synchronized(this) { workflows.toList() }
        if (registered.isEmpty()) return
        val types = registered.mapNotNull { runCatching { WorkflowNames.of(it) }.getOrNull() }.toSet()
        val interceptors = client.options.interceptors.filterIsInstance<WorkerInterceptor>() + options.workerOptions.interceptors
        val replayer = BatchReplayer(registered, client.dataConverter, null, interceptors)
        val histories = collectHistories().filter { history ->
            val first = history.events.firstOrNull()
            first != null && first.hasWorkflowExecutionStartedEventAttributes() &&
                first.workflowExecutionStartedEventAttributes.workflowType.name in types
        }
        val nonDeterministic = histories.map { replayer.replayOne(it) }.filter { it.failure is NonDeterminismException }
        if (nonDeterministic.isEmpty()) return
        val error = AssertionError(
            "The replay check found non-deterministic workflow code: replaying the histories of the workflows this " +
                "test started with the registered workflow classes failed:\n" +
                nonDeterministic.joinToString("\n") { " - ${it.source}: ${it.failure?.message}" },
            nonDeterministic.first().failure,
        )
        throw error
    }

    private suspend fun collectHistories(): List<WorkflowHistory> {
        val pending = ArrayDeque(started.executions)
        val seen = HashSet<Pair<String, String?>>()
        val histories = ArrayList<WorkflowHistory>()
        while (pending.isNotEmpty()) {
            val execution = pending.removeFirst()
            if (!seen.add(execution)) continue
            val history = client.getWorkflowHandle<Any?>(execution.first, execution.second).fetchHistory()
            histories += history
            for (event in history.events) {
                if (event.hasChildWorkflowExecutionStartedEventAttributes()) {
                    val child = event.childWorkflowExecutionStartedEventAttributes.workflowExecution
                    pending += child.workflowId to child.runId
                }
                if (event.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
                    pending += execution.first to event.workflowExecutionContinuedAsNewEventAttributes.newExecutionRunId
                }
            }
        }
        return histories
    }

    private suspend fun terminateRunning() {
        for ((workflowId, _) in started.executions.distinctBy { it.first }) {
            val handle = client.getWorkflowHandle<Any?>(workflowId)
            val running = runCatching { handle.describe().status == WorkflowExecutionStatus.RUNNING }.getOrDefault(false)
            if (running) runCatching { handle.terminate("the test ended") }
        }
    }

    override fun toString(): String = "TemporalTestContext(taskQueue=$taskQueue)"

    internal companion object {
        fun create(environment: WorkflowEnvironment, options: WorkflowTestOptions, testName: String): TemporalTestContext {
            val slug = testName.lowercase().replace(Regex("[^a-z0-9]+"), "-").trim('-').take(40)
            return TemporalTestContext(environment, options, "test-$slug-${UUID.randomUUID()}")
        }
    }
}
