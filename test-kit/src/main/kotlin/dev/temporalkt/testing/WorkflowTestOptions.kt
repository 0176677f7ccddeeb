package dev.temporalkt.testing

import dev.temporalkt.client.ClientOptions
import dev.temporalkt.worker.WorkerOptions
import kotlin.reflect.KClass

/** Which server the test extensions run a test class's workflows on. */
public enum class TestServer {
    /** The embedded time-skipping test server ([WorkflowEnvironment.startTimeSkipping]). */
    TIME_SKIPPING,

    /** The Temporal CLI dev server ([WorkflowEnvironment.startLocal]): the real server, in real time. */
    LOCAL,
}

/** How long the test extensions keep an environment. */
public enum class EnvironmentScope {
    /**
     * One environment per test class (or Kotest spec), started before its first test and closed after its last: a
     * time-skipping server (and clock) of its own; for [TestServer.LOCAL], a connection of its own to the JVM's shared
     * dev server ([SharedServers.devServer]), which stays up for the other classes.
     */
    PER_CLASS,

    /**
     * One environment per server kind for the whole test JVM, started on first use and closed when the JVM exits:
     * the fastest, but the time-skipping server's clock is shared by every class that uses it.
     */
    PER_JVM,
}

/**
 * What the test extensions (JUnit 5's `dev.temporalkt.testing.junit5.TemporalExtension`, Kotest's
 * `dev.temporalkt.testing.kotest.TemporalSpecExtension`) set up: the server, how long it lives, and the workflows and
 * activities the worker of each test runs.
 *
 * ```kotlin
 * val options = WorkflowTestOptions(
 *     workflows = listOf(GreetingWorkflow::class),
 *     activities = listOf(GreetingActivities()),
 *     server = TestServer.TIME_SKIPPING,
 * )
 * ```
 *
 * ```java
 * WorkflowTestOptions options = WorkflowTestOptions.newBuilder()
 *     .workflows(GreetingWorkflow.class).activities(new GreetingActivities()).build();
 * ```
 *
 * @property workflows the workflow classes every test's worker runs (tests may add more before their worker starts).
 * @property activities the activities every test's worker runs: instances, function references, [ActivityMock]s.
 * @property server the server kind.
 * @property scope how long an environment lives.
 * @property replayCheck after each test that passed, replay the history of every workflow its client started (and of
 *   their continued-as-new runs and children) against [workflows], failing the test on a non-determinism error.
 * @property workerOptions the options of each test's worker.
 * @property clientOptions the data converter and interceptors of each test's client (its namespace is the server's).
 */
public data class WorkflowTestOptions @JvmOverloads constructor(
    val workflows: List<KClass<*>> = emptyList(),
    val activities: List<Any> = emptyList(),
    val server: TestServer = TestServer.TIME_SKIPPING,
    val scope: EnvironmentScope = EnvironmentScope.PER_CLASS,
    val replayCheck: Boolean = true,
    val workerOptions: WorkerOptions = WorkerOptions(),
    val clientOptions: ClientOptions = ClientOptions(),
) {
    /** A builder starting from these options. */
    public fun toBuilder(): Builder = Builder(this)

    /**
     * Builds [WorkflowTestOptions], from Java or in a Kotest extension's configuration block.
     *
     * ```kotlin
     * val temporal = install(TemporalSpecExtension()) {
     *     workflows(GreetingWorkflow::class)
     *     activities(GreetingActivities())
     * }
     * ```
     */
    public class Builder internal constructor(private var options: WorkflowTestOptions) {
        /** Adds workflow classes. */
        public fun workflows(vararg workflows: KClass<*>): Builder = apply { options = options.copy(workflows = options.workflows + workflows) }

        /** Adds workflow classes, from Java. */
        public fun workflows(vararg workflows: Class<*>): Builder = workflows(*workflows.map { it.kotlin }.toTypedArray())

        /** Adds activities: instances, function references, [ActivityMock]s. */
        public fun activities(vararg activities: Any): Builder = apply { options = options.copy(activities = options.activities + activities) }

        /** Sets the server kind. */
        public fun server(server: TestServer): Builder = apply { options = options.copy(server = server) }

        /** Sets how long an environment lives. */
        public fun scope(scope: EnvironmentScope): Builder = apply { options = options.copy(scope = scope) }

        /** Turns the replay check after each test on or off. */
        public fun replayCheck(enabled: Boolean): Builder = apply { options = options.copy(replayCheck = enabled) }

        /** Sets the worker options. */
        public fun workerOptions(workerOptions: WorkerOptions): Builder = apply { options = options.copy(workerOptions = workerOptions) }

        /** Sets the client options. */
        public fun clientOptions(clientOptions: ClientOptions): Builder = apply { options = options.copy(clientOptions = clientOptions) }

        /** The options built. */
        public fun build(): WorkflowTestOptions = options
    }

    /** Creating builders. */
    public companion object {
        /** A builder starting from the defaults. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(WorkflowTestOptions())
    }
}
