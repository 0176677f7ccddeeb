package dev.temporalkt.testing.junit5

import dev.temporalkt.client.Client
import dev.temporalkt.java.client.TemporalClient
import dev.temporalkt.testing.ActivityCallRecorder
import dev.temporalkt.testing.TemporalTestContext
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.testing.WorkflowTestOptions
import dev.temporalkt.worker.Worker
import org.junit.jupiter.api.extension.AfterAllCallback
import org.junit.jupiter.api.extension.AfterEachCallback
import org.junit.jupiter.api.extension.BeforeAllCallback
import org.junit.jupiter.api.extension.BeforeEachCallback
import org.junit.jupiter.api.extension.ExtensionContext
import org.junit.jupiter.api.extension.ParameterContext
import org.junit.jupiter.api.extension.ParameterResolutionException
import org.junit.jupiter.api.extension.ParameterResolver
import org.junit.platform.commons.support.AnnotationSupport

/**
 * The JUnit 5 extension for workflow tests: starts a time-skipping or local [WorkflowEnvironment] per test class (or
 * uses one shared by the JVM), gives each test a [TemporalTestContext] with a task queue of its own and a worker on it,
 * and injects them as test method parameters:
 *
 * | parameter type | value |
 * | --- | --- |
 * | [TemporalTestContext] | the test's context |
 * | [WorkflowEnvironment] | the environment (sleep, current time) |
 * | [Client], [TemporalClient] | the test's client (Kotlin or Java) |
 * | [Worker] | the test's worker, started |
 * | [ActivityCallRecorder] | the activity attempts of the test |
 * | `String` annotated with [TaskQueue] | the test's task queue |
 *
 * After each test it replays the histories of the workflows the test started (when the test passed and the replay
 * check is on; a non-determinism error fails the test), terminates the ones still running and shuts the worker down;
 * after the class it closes the environment. All of it happens also when a test fails, and a JVM shutdown hook closes
 * environments when the run is interrupted.
 *
 * Declare it with [TemporalTest], or register it with its builder for activities that need constructor arguments:
 *
 * ```java
 * class GreetingWorkflowTest {
 *     @RegisterExtension
 *     static final TemporalExtension temporal = TemporalExtension.newBuilder()
 *         .workflows(GreetingWorkflow.class)
 *         .activities(ActivityMock.blocking(GreetingActivities::composeGreeting, input -> "Hi, " + input.getName()))
 *         .build();
 *
 *     @Test
 *     void greets(TemporalTestContext test) {
 *         String result = test.getJavaClient().executeWorkflow("GreetingWorkflow", String.class, test.javaWorkflowOptions(), "World").join();
 *         assertEquals("Hi, World", result);
 *     }
 * }
 * ```
 *
 * ```kotlin
 * class GreetingWorkflowTest {
 *     companion object {
 *         @JvmField @RegisterExtension
 *         val temporal = TemporalExtension(WorkflowTestOptions(workflows = listOf(GreetingWorkflow::class)))
 *     }
 * }
 * ```
 */
public class TemporalExtension @JvmOverloads constructor(
    /** The options; `null` (as `@ExtendWith` creates it) for those of the test class's [TemporalTest] annotation. */
    private val declared: WorkflowTestOptions? = null,
) : BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    override fun beforeAll(context: ExtensionContext) {
        JUnitSupport.lease(context, options(context))
    }

    override fun afterAll(context: ExtensionContext) {
        JUnitSupport.release(context)
    }

    override fun beforeEach(context: ExtensionContext) {
        JUnitSupport.beginTest(context, options(context))
    }

    override fun afterEach(context: ExtensionContext) {
        JUnitSupport.endTest(context)
    }

    override fun supportsParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Boolean {
        val type = parameterContext.parameter.type
        if (type == String::class.java) return parameterContext.isAnnotated(TaskQueue::class.java)
        return type in SUPPORTED
    }

    override fun resolveParameter(parameterContext: ParameterContext, extensionContext: ExtensionContext): Any {
        val test = JUnitSupport.currentTest(extensionContext)
            ?: throw ParameterResolutionException(
                "${parameterContext.parameter.type.simpleName} is only available to test methods and @BeforeEach/" +
                    "@AfterEach methods of a class using TemporalExtension",
            )
        return when (parameterContext.parameter.type) {
            TemporalTestContext::class.java -> test
            WorkflowEnvironment::class.java -> test.environment
            Client::class.java -> test.client
            TemporalClient::class.java -> test.javaClient
            Worker::class.java -> test.worker
            ActivityCallRecorder::class.java -> test.activityCalls
            String::class.java -> test.taskQueue
            else -> throw ParameterResolutionException("Unsupported parameter ${parameterContext.parameter}")
        }
    }

    private fun options(context: ExtensionContext): WorkflowTestOptions {
        declared?.let { return it }
        val annotation = context.testClass.flatMap { AnnotationSupport.findAnnotation(it, TemporalTest::class.java) }.orElse(null)
            ?: throw IllegalStateException(
                "TemporalExtension needs options: annotate the test class with @TemporalTest or register the extension " +
                    "with TemporalExtension.newBuilder()...build()",
            )
        return WorkflowTestOptions(
            workflows = annotation.workflows.toList(),
            activities = annotation.activities.map { type ->
                val constructor = type.java.declaredConstructors.firstOrNull { it.parameterCount == 0 }
                    ?: throw IllegalStateException(
                        "@TemporalTest activities must have a no-argument constructor; ${type.qualifiedName} has none: " +
                            "register an instance with TemporalExtension.newBuilder().activities(...) instead",
                    )
                constructor.isAccessible = true
                constructor.newInstance()
            },
            server = annotation.server,
            scope = annotation.scope,
            replayCheck = annotation.replayCheck,
        )
    }

    /** Building the extension from Java. */
    public companion object {
        private val SUPPORTED = setOf(
            TemporalTestContext::class.java, WorkflowEnvironment::class.java, Client::class.java,
            TemporalClient::class.java, Worker::class.java, ActivityCallRecorder::class.java,
        )

        /** A builder of the extension's [WorkflowTestOptions]; its `build()` gives the options, [of] the extension. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder()

        /** The extension with [options]. */
        @JvmStatic
        public fun of(options: WorkflowTestOptions): TemporalExtension = TemporalExtension(options)
    }

    /**
     * Builds a [TemporalExtension] (from Java, for `@RegisterExtension`).
     *
     * ```java
     * @RegisterExtension
     * static final TemporalExtension temporal = TemporalExtension.newBuilder()
     *     .workflows(GreetingWorkflow.class).activities(new GreetingActivities()).build();
     * ```
     */
    public class Builder internal constructor() {
        private val options = WorkflowTestOptions.newBuilder()

        /** Adds workflow classes. */
        public fun workflows(vararg workflows: Class<*>): Builder = apply { options.workflows(*workflows) }

        /** Adds activities: instances, function references, [dev.temporalkt.testing.ActivityMock]s. */
        public fun activities(vararg activities: Any): Builder = apply { options.activities(*activities) }

        /** Sets the server kind. */
        public fun server(server: dev.temporalkt.testing.TestServer): Builder = apply { options.server(server) }

        /** Sets how long the environment lives. */
        public fun scope(scope: dev.temporalkt.testing.EnvironmentScope): Builder = apply { options.scope(scope) }

        /** Turns the replay check after each test on or off. */
        public fun replayCheck(enabled: Boolean): Builder = apply { options.replayCheck(enabled) }

        /** Sets the worker options. */
        public fun workerOptions(workerOptions: dev.temporalkt.worker.WorkerOptions): Builder = apply { options.workerOptions(workerOptions) }

        /** Sets the client options. */
        public fun clientOptions(clientOptions: dev.temporalkt.client.ClientOptions): Builder = apply { options.clientOptions(clientOptions) }

        /** The extension. */
        public fun build(): TemporalExtension = TemporalExtension(options.build())
    }
}
