package dev.temporalkt.testing

import dev.temporalkt.api.nexus.v1.Endpoint
import dev.temporalkt.api.nexus.v1.EndpointSpec
import dev.temporalkt.api.nexus.v1.EndpointTarget
import dev.temporalkt.api.operatorservice.v1.CreateNexusEndpointRequest
import dev.temporalkt.api.operatorservice.v1.DeleteNexusEndpointRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.nexus.nexusClient
import dev.temporalkt.testing.internal.AutoTimeSkipping
import dev.temporalkt.testing.internal.ContinueAsNewSignalRetry
import dev.temporalkt.testing.internal.TimeSkippingClock
import dev.temporalkt.testing.internal.WorkflowAssertionFailures
import java.time.Instant
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.delay
import kotlinx.coroutines.future.future
import kotlinx.coroutines.withContext
import java.util.concurrent.CompletableFuture
import kotlin.time.toKotlinDuration

/**
 * A Temporal server and a [client] to it, for tests: the time-skipping test server ([startTimeSkipping]), a
 * fresh dev server ([startLocal]) or any server a client is already connected to ([fromClient]). Start workers with
 * [client] and drive workflows through it; [close] stops what the environment started.
 *
 * ```kotlin
 * WorkflowEnvironment.startTimeSkipping().use { env ->
 *     Worker(env.client, "orders", workflows = listOf(ReminderWorkflow::class), activities = listOf(Mailer())).start().use {
 *         val handle = env.client.startWorkflow(ReminderWorkflow::run, "ada@example.com",
 *             options = WorkflowOptions(id = "reminder-1", taskQueue = "orders"))
 *         env.sleep(3.days)                      // the server's clock moves three days on, at once
 *         handle.signal(ReminderWorkflow::cancel)
 *         handle.result() shouldBe "cancelled"   // waits, skipping any timers still ahead
 *     }
 * }
 * ```
 *
 * ### Time skipping
 * In a time-skipping environment the server's clock stands still while the test runs its own code (starting
 * workflows, signalling, querying, asserting), so timers do not fire behind the test's back, and moves on only
 * - while the test waits for a workflow's result (or any history fetch that waits for new events) or for an
 *   update's result (`executeUpdate`, an update handle's `result()`): then the server jumps to the next timer
 *   whenever no workflow task or activity is running, so a workflow that sleeps for a month completes in
 *   milliseconds; and
 * - in [sleep], which moves it by the given amount.
 *
 * [withoutAutoTimeSkipping] waits for results in real time instead. The clock belongs to the server, so it is
 * shared by every workflow on it: each environment started by [startTimeSkipping] has a server of its own.
 * Activities run in real time; a running activity stops the clock for everyone until it ends.
 *
 * ### Failed assertions in workflow code
 * In the environments [startTimeSkipping] and [startLocal] start, an [AssertionError] thrown by a workflow's run
 * function or signal handler (a failed `shouldBe` or `assert`) fails the workflow with a non-retryable
 * [dev.temporalkt.failure.ApplicationFailure] of type `AssertionError` carrying the assertion's message, for the
 * workers built on [client]. Elsewhere it is, like any exception that is not a Temporal failure, a workflow task
 * failure the server retries, and the test would wait for a result until it times out.
 */
public class WorkflowEnvironment private constructor(
    /** The client to the environment's server, to start workers with and to drive workflows. */
    public val client: Client,
    private val clock: TimeSkippingClock?,
    private val shutdown: () -> Unit,
) : AutoCloseable {
    private val closed = AtomicBoolean(false)

    /** Whether the server skips time: `true` only for [startTimeSkipping]. */
    public val supportsTimeSkipping: Boolean get() = clock != null

    /**
     * Lets [duration] pass on the server: in a time-skipping environment its clock moves on by [duration] (at once
     * unless a workflow task or activity is running, and firing the timers due on the way); elsewhere this
     * suspends for [duration] of real time.
     */
    public suspend fun sleep(duration: Duration) {
        require(!duration.isNegative()) { "Cannot sleep for a negative duration ($duration)" }
        if (clock == null) delay(duration) else clock.sleep(duration)
    }

    /** The server's current time: the skipped-to time in a time-skipping environment, the system clock elsewhere. */
    public suspend fun currentTime(): Instant = clock?.now() ?: Instant.now()

    /**
     * From Java: [sleep] for [duration], completing the future once the time has passed on the server.
     *
     * ```java
     * env.sleepAsync(Duration.ofDays(3)).join();   // the server's clock moves three days on, at once
     * ```
     */
    public fun sleepAsync(duration: java.time.Duration): CompletableFuture<Void?> =
        blockingScope.future { sleep(duration.toKotlinDuration()); null }

    /** From Java: [currentTime]. */
    public fun currentTimeAsync(): CompletableFuture<Instant> = blockingScope.future { currentTime() }

    /** The same server and clock seen through [other], a client to the same connection; closing it does nothing. */
    internal fun withClient(other: Client): WorkflowEnvironment = WorkflowEnvironment(other, clock) {}

    /**
     * Runs [block] with workflow results awaited in real time: the time-skipping server's clock stays still while
     * [block] waits (other than in [sleep]). Has no effect in environments without time skipping.
     *
     * ```kotlin
     * env.withoutAutoTimeSkipping {
     *     withTimeoutOrNull(200.milliseconds) { handle.result() } shouldBe null   // its timer has not fired
     * }
     * ```
     */
    public suspend fun <T> withoutAutoTimeSkipping(block: suspend CoroutineScope.() -> T): T =
        withContext(AutoTimeSkipping.Disabled, block)

    /**
     * Creates a Nexus endpoint named [name] that routes to the workers polling [taskQueue] in the client's namespace,
     * through the operator service; a worker with Nexus services on [taskQueue] then serves workflows that call
     * [name].
     *
     * ```kotlin
     * val endpoint = env.createNexusEndpoint("greeting-endpoint", taskQueue)
     * // ... workflows call Workflow.nexusClient(GreetingService::class, "greeting-endpoint")
     * env.deleteNexusEndpoint(endpoint)
     * ```
     */
    public suspend fun createNexusEndpoint(name: String, taskQueue: String): Endpoint {
        val target = EndpointTarget.newBuilder()
            .setWorker(EndpointTarget.Worker.newBuilder().setNamespace(client.namespace).setTaskQueue(taskQueue))
        val request = CreateNexusEndpointRequest.newBuilder()
            .setSpec(EndpointSpec.newBuilder().setName(name).setTarget(target))
            .build()
        return client.connection.operatorService.createNexusEndpoint(request).endpoint
    }

    /** Deletes [endpoint] (as [createNexusEndpoint] returned it: its id and version). */
    public suspend fun deleteNexusEndpoint(endpoint: Endpoint) {
        client.connection.operatorService.deleteNexusEndpoint(
            DeleteNexusEndpointRequest.newBuilder().setId(endpoint.id).setVersion(endpoint.version).build(),
        )
    }

    /** Closes the client's connection and stops the server, when the environment started them; idempotent. */
    override fun close() {
        if (closed.compareAndSet(false, true)) shutdown()
    }

    override fun toString(): String =
        "WorkflowEnvironment(namespace=${client.namespace}, timeSkipping=$supportsTimeSkipping, connection=${client.connection})"

    /** Ways to start an environment. */
    public companion object {
        /**
         * Starts a time-skipping test server of its own ([EmbeddedTestServer], in this JVM unless [mode] says
         * otherwise) and connects a client to it with [clientOptions]; its interceptors run before the one that
         * unlocks the clock while results are awaited.
         *
         * The test server does not implement everything the real server does (schedules, advanced visibility
         * queries, worker deployments); use [startLocal] for those. Where it continues a workflow as new in two steps,
         * the client sends again a signal for the latest run that the server refused between them.
         */
        public suspend fun startTimeSkipping(
            clientOptions: ClientOptions = ClientOptions(),
            mode: EmbeddedTestServer.Mode = EmbeddedTestServer.Mode.IN_PROCESS,
        ): WorkflowEnvironment {
            val server = EmbeddedTestServer.start(mode)
            try {
                val connection = Connection.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
                try {
                    val clock = TimeSkippingClock(connection.testService)
                    clock.hold()
                    val options = clientOptions.copy(
                        interceptors = clientOptions.interceptors + AutoTimeSkipping(clock) + WorkflowAssertionFailures +
                            ContinueAsNewSignalRetry,
                    )
                    return WorkflowEnvironment(Client(connection, options), clock) {
                        try {
                            connection.close()
                        } finally {
                            server.close()
                        }
                    }
                } catch (e: Throwable) {
                    connection.close()
                    throw e
                }
            } catch (e: Throwable) {
                server.close()
                throw e
            }
        }

        /**
         * Starts a dev server of its own (the Temporal CLI's `server start-dev`, see [DevServer] for how the CLI is
         * found) and connects a client to it with [clientOptions]. Time passes in real time.
         *
         * @throws DevServerUnavailableException if the Temporal CLI cannot be found.
         */
        public suspend fun startLocal(
            devServerOptions: DevServerOptions = DevServerOptions.DEFAULT,
            clientOptions: ClientOptions = ClientOptions(),
        ): WorkflowEnvironment {
            val server = DevServer.start(devServerOptions)
            try {
                val options = clientOptions.copy(interceptors = clientOptions.interceptors + WorkflowAssertionFailures)
                val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), options)
                return WorkflowEnvironment(client, null) {
                    try {
                        client.connection.close()
                    } finally {
                        server.close()
                    }
                }
            } catch (e: Throwable) {
                server.close()
                throw e
            }
        }

        /** The scope of the futures the Java methods return. */
        private val blockingScope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

        /** An environment over [server] (left running by [close]), with a client of its own that [close] closes. */
        internal suspend fun overDevServer(server: DevServer): WorkflowEnvironment {
            val options = ClientOptions(interceptors = listOf(WorkflowAssertionFailures))
            val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace), options)
            return WorkflowEnvironment(client, null) { client.connection.close() }
        }

        /**
         * An environment over [client]'s server, without time skipping; [close] leaves the client open. For a
         * server the tests share, e.g. `WorkflowEnvironment.fromClient(Client.connect(...SharedServers.devServer().target...))`.
         */
        public fun fromClient(client: Client): WorkflowEnvironment = WorkflowEnvironment(client, null) {}
    }
}
