package dev.temporalkt.testing.junit5

import dev.temporalkt.testing.EnvironmentScope
import dev.temporalkt.testing.TestServer
import org.junit.jupiter.api.extension.ExtendWith
import kotlin.reflect.KClass

/**
 * Runs a JUnit 5 test class with [TemporalExtension], declaring the workflows and activities of each test's worker.
 * Activities are classes with a no-argument constructor, instantiated for each test; for activities that need
 * constructor arguments, or for [dev.temporalkt.testing.ActivityMock]s, register the extension with its builder
 * instead, or call `TemporalTestContext.register` in the test.
 *
 * ```java
 * @TemporalTest(workflows = GreetingWorkflow.class, activities = GreetingActivities.class)
 * class GreetingWorkflowTest {
 *     @Test
 *     void greets(TemporalClient client, @TaskQueue String taskQueue) {
 *         WorkflowOptions options = WorkflowOptions.newBuilder().id("greet").taskQueue(taskQueue).build();
 *         assertEquals("Hello, World!", client.executeWorkflow("GreetingWorkflow", String.class, options, "World").join());
 *     }
 * }
 * ```
 *
 * @property workflows the workflow classes.
 * @property activities activity classes with a no-argument constructor.
 * @property server the server kind.
 * @property scope how long the environment lives.
 * @property replayCheck replay every started workflow's history after each passing test.
 */
@Target(AnnotationTarget.CLASS)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
@ExtendWith(TemporalExtension::class)
public annotation class TemporalTest(
    val workflows: Array<KClass<*>> = [],
    val activities: Array<KClass<*>> = [],
    val server: TestServer = TestServer.TIME_SKIPPING,
    val scope: EnvironmentScope = EnvironmentScope.PER_CLASS,
    val replayCheck: Boolean = true,
)

/**
 * Marks a `String` test parameter that [TemporalExtension] fills with the test's own task queue.
 *
 * ```java
 * @Test
 * void greets(TemporalClient client, @TaskQueue String taskQueue) { ... }
 * ```
 */
@Target(AnnotationTarget.VALUE_PARAMETER)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class TaskQueue
