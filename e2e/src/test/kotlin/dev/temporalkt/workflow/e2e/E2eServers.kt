package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.WorkflowReplayer
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.util.UUID
import kotlin.reflect.KClass
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** How long one end-to-end test may take before it fails with the histories of its workflows. */
private val TEST_TIMEOUT = 60.seconds

/**
 * One of the two servers every end-to-end spec runs on: a time-skipping [WorkflowEnvironment] (private to the spec,
 * so a workflow a test leaves behind cannot freeze the clock of other specs) or the shared dev server. In the
 * time-skipping environment the clock skips ahead while the test waits for a result, as in users' tests, and stands
 * still inside [E2eRun.userActs], where the test plays the user (signals, queries, updates).
 */
internal class E2eServer(
    val name: String,
    val timeSkipping: Boolean,
    private val environment: () -> WorkflowEnvironment?,
    private val target: () -> String,
) {
    /**
     * Connects a client, starts a [Worker] for [workflows] and [activities] on a fresh task queue, runs [block]
     * and shuts everything down.
     */
    suspend fun withWorker(
        workflows: List<KClass<*>>,
        activities: List<Any> = emptyList(),
        options: WorkerOptions = WorkerOptions(),
        clientOptions: ClientOptions = ClientOptions(),
        block: suspend E2eRun.() -> Unit,
    ) {
        val env = environment()
        val client = if (env != null) {
            // the environment's client interceptors skip time while results are awaited
            Client(env.client.connection, clientOptions.copy(interceptors = clientOptions.interceptors + env.client.options.interceptors))
        } else {
            Client.connect(ConnectionOptions(target = target()), clientOptions)
        }
        try {
            val run = E2eRun(client, env, "e2e-${UUID.randomUUID()}", timeSkipping, workflows, activities, options)
            try {
                run.startWorker()
                withTimeout(TEST_TIMEOUT) { run.block() }
            } catch (e: Throwable) {
                // Say what the server recorded for each workflow the test started, to tell why it failed.
                throw AssertionError("${e.message}\n${run.describeWorkflows()}", e)
            } finally {
                run.stopWorker()
            }
        } finally {
            if (env == null) client.connection.close()
        }
    }
}

/** A time-skipping environment private to the calling spec and the shared dev server, to loop the spec's tests over. */
internal fun FunSpec.e2eServers(): List<E2eServer> {
    val embedded = lazy { runBlocking { WorkflowEnvironment.startTimeSkipping() } }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    return listOf(
        E2eServer("embedded test server", timeSkipping = true, { embedded.value }) { embedded.value.client.connection.options.target },
        E2eServer("dev server", timeSkipping = false, { null }) { SharedServers.devServer().target },
    )
}

/** What a test body has at hand: the client, the worker's task queue and helpers around them. */
internal class E2eRun(
    val client: Client,
    private val environment: WorkflowEnvironment?,
    val taskQueue: String,
    val timeSkipping: Boolean,
    private val workflows: List<KClass<*>>,
    private val activities: List<Any>,
    private val workerOptions: WorkerOptions,
) {
    private var worker: Worker? = null
    private val workflowIds = mutableListOf<String>()

    fun startWorker(options: WorkerOptions = workerOptions) {
        check(worker == null) { "the worker is already running" }
        worker = Worker(client, taskQueue, workflows, activities, options).start()
    }

    /** The running worker. */
    val currentWorker: Worker get() = checkNotNull(worker) { "the worker is not running" }

    suspend fun stopWorker() {
        worker?.shutdown()
        worker = null
    }

    /** Workflow options with a fresh id starting with [prefix] on this run's task queue. */
    fun options(prefix: String): WorkflowOptions =
        WorkflowOptions(id = "$prefix-${UUID.randomUUID()}", taskQueue = taskQueue).also { workflowIds += it.id }

    /** The latest run's history of every workflow started with [options], one event per line. */
    suspend fun describeWorkflows(): String = buildString {
        for (id in workflowIds) {
            append("history of ").append(id).append(":\n")
            val events = runCatching { events(client.getWorkflowHandle<Any?>(id)) }
            events.onFailure { append("  (not available: ").append(it.message).append(")\n") }
            for (event in events.getOrDefault(emptyList())) {
                append("  ").append(event.eventId).append(' ').append(event.eventType.name.removePrefix("EVENT_TYPE_"))
                if (event.hasWorkflowTaskFailedEventAttributes()) {
                    append(": ").append(event.workflowTaskFailedEventAttributes.failure.message.lineSequence().first())
                }
                append('\n')
            }
        }
    }

    /**
     * Runs [block], in which the test plays the user (signals, queries, updates), without the environment's
     * automatic time skipping: waiting there for an update's result would otherwise let the clock jump past the
     * timers (and the run timeout) of a workflow that waits for the user's next step.
     */
    suspend fun <T> userActs(block: suspend () -> T): T =
        if (environment == null) block() else environment.withoutAutoTimeSkipping { block() }

    /** The run's history events. */
    suspend fun events(handle: WorkflowHandle<*>): List<HistoryEvent> = handle.fetchHistoryEvents().toList()

    /** The run's history event types. */
    suspend fun eventTypes(handle: WorkflowHandle<*>): List<EventType> = events(handle).map { it.eventType }

    /** Polls the run's history until an event matches [predicate]; returns it. */
    suspend fun awaitEvent(
        handle: WorkflowHandle<*>,
        within: Duration = 20.seconds,
        predicate: (HistoryEvent) -> Boolean,
    ): HistoryEvent = withTimeout(within) {
        while (true) {
            events(handle).firstOrNull(predicate)?.let { return@withTimeout it }
            delay(50.milliseconds)
        }
        @Suppress("UNREACHABLE_CODE")
        error("unreachable")
    }

    /** Replays the closed run's history with this run's workflow classes; any mismatch throws. */
    suspend fun replay(handle: WorkflowHandle<*>) {
        WorkflowReplayer(workflows).replay(handle.fetchHistory().history, handle.id)
    }
}
