package dev.temporalkt.testing.kotest

import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.testing.ActivityCallRecorder
import dev.temporalkt.testing.TemporalTestContext
import dev.temporalkt.testing.TestEnvironments
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.testing.WorkflowTestOptions
import dev.temporalkt.worker.Worker
import io.kotest.core.extensions.MountableExtension
import io.kotest.core.extensions.TestCaseExtension
import io.kotest.core.listeners.AfterSpecListener
import io.kotest.core.spec.Spec
import io.kotest.core.test.TestCase
import io.kotest.core.test.TestType
import io.kotest.engine.test.TestResult
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.withContext
import kotlin.time.Duration

/**
 * The Kotest extension for workflow tests: starts a time-skipping or local [WorkflowEnvironment] for the spec (or uses
 * one shared by the JVM), gives each test a [TemporalTestContext] with a task queue of its own and a worker on it, and
 * after each test replays the histories of the workflows it started (a non-determinism error fails the test),
 * terminates the ones still running and shuts the worker down; after the spec it closes the environment. All of it
 * happens also when a test fails, and a JVM shutdown hook closes environments when the run is interrupted.
 *
 * Install it in the spec and use it inside tests: its properties are those of the running test's context.
 *
 * ```kotlin
 * class GreetingWorkflowSpec : FunSpec({
 *     val temporal = install(TemporalSpecExtension()) {
 *         workflows(GreetingWorkflow::class)
 *         activities(GreetingActivities())
 *     }
 *
 *     test("greets") {
 *         temporal.client.executeWorkflow(GreetingWorkflow::run, "World", temporal.workflowOptions()) shouldBe "Hello, World!"
 *     }
 *
 *     test("greets with a mocked activity") {
 *         temporal.register(ActivityMock.of(GreetingActivities::composeGreeting) { input -> "Hi, ${input.name}" })
 *         // ...
 *     }
 * })
 * ```
 *
 * Options given to the constructor are the starting point of the configuration block. Only leaf tests get a context;
 * containers (`context`, `describe`) run as they are. Tests of one spec must run one after the other (Kotest's
 * default), since the properties read the running test's context.
 */
public class TemporalSpecExtension @JvmOverloads constructor(
    private var options: WorkflowTestOptions = WorkflowTestOptions(),
) : MountableExtension<WorkflowTestOptions.Builder, TemporalSpecExtension>, TestCaseExtension, AfterSpecListener {
    @Volatile
    private var lease: TestEnvironments.Lease? = null

    @Volatile
    private var current: TemporalTestContext? = null

    /** The running test's context. @throws IllegalStateException outside a test. */
    public val context: TemporalTestContext
        get() = current ?: throw IllegalStateException("The Temporal test context exists only while a test of the spec runs")

    /** The running test's environment. */
    public val environment: WorkflowEnvironment get() = context.environment

    /** The running test's client. */
    public val client: Client get() = context.client

    /** The running test's task queue. */
    public val taskQueue: String get() = context.taskQueue

    /** The running test's worker, started on first use. */
    public val worker: Worker get() = context.worker

    /** The running test's activity attempts. */
    public val activityCalls: ActivityCallRecorder get() = context.activityCalls

    /** Adds workflows and activities to the running test's worker, before it starts (see [TemporalTestContext.register]). */
    public fun register(vararg workflowsOrActivities: Any): TemporalTestContext = context.register(*workflowsOrActivities)

    /** Workflow options with a fresh id on the running test's task queue. */
    public fun workflowOptions(idPrefix: String = "test"): WorkflowOptions = context.workflowOptions(idPrefix)

    /** Lets [duration] pass on the server (see [WorkflowEnvironment.sleep]). */
    public suspend fun sleep(duration: Duration): Unit = environment.sleep(duration)

    override fun mount(configure: WorkflowTestOptions.Builder.() -> Unit): TemporalSpecExtension {
        options = options.toBuilder().apply(configure).build()
        return this
    }

    override suspend fun intercept(testCase: TestCase, execute: suspend (TestCase) -> TestResult): TestResult {
        if (testCase.type != TestType.Test) return execute(testCase)
        val environment = (lease ?: TestEnvironments.acquire(options).also { lease = it }).environment
        val test = TemporalTestContext.create(environment, options, testCase.name.name)
        current = test
        val result = try {
            execute(testCase)
        } catch (e: Throwable) {
            withContext(NonCancellable) { runCatching { test.finish(testFailed = true) }.exceptionOrNull()?.let(e::addSuppressed) }
            current = null
            throw e
        }
        val failure = withContext(NonCancellable) { runCatching { test.finish(testFailed = !result.isSuccess) }.exceptionOrNull() }
        current = null
        return when {
            failure == null -> result
            !result.isSuccess -> result.also { result.errorOrNull?.addSuppressed(failure) }
            failure is AssertionError -> TestResult.Failure(result.duration, failure)
            else -> TestResult.Error(result.duration, failure)
        }
    }

    override suspend fun afterSpec(spec: Spec) {
        lease?.close()
        lease = null
    }

    override fun toString(): String = "TemporalSpecExtension($options)"
}
