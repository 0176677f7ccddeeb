package dev.temporalkt.worker

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.query
import dev.temporalkt.client.typed.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.runBlocking
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class GreetingActivities(private val punctuation: String) {
    @Activity
    suspend fun greet(prefix: String, name: String): String = "$prefix, $name$punctuation"

    @Activity
    fun refuse(name: String): String =
        throw ApplicationFailure("no greeting for $name", type = "Refused", nonRetryable = true)
}

@Workflow(name = "Greeting")
class GreetingWorkflow {
    private val names = mutableListOf<String>()
    private var finished = false

    @WorkflowRun
    suspend fun run(prefix: String, pauseMillis: Long): List<String> {
        Workflow.waitCondition { finished }
        delay(pauseMillis.milliseconds)
        return names.map { name ->
            Workflow.executeActivity(GreetingActivities::greet, prefix, name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
        }
    }

    @Signal
    fun addName(name: String) {
        names += name
    }

    @Signal
    fun finish() {
        finished = true
    }

    @Query
    fun pending(): List<String> = names.toList()
}

@Workflow(name = "Refusal")
class RefusalWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String =
        Workflow.executeActivity(GreetingActivities::refuse, name, options = ActivityOptions(startToCloseTimeout = 10.seconds))
}

/** A Kotlin worker end to end: workflows with signals, queries, timers and activities, replayed afterwards. */
class WorkerEndToEndSpec : FunSpec({
    // the time-skipping environment holds its clock while the test plays the user (signals, queries) and lets it
    // skip while a result is awaited
    val embedded = lazy { runBlocking { WorkflowEnvironment.startTimeSkipping() } }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value },
        "dev server" to { runBlocking { WorkflowEnvironment.fromClient(Client.connect(ConnectionOptions(target = SharedServers.devServer().target))) } },
    )

    for ((server, environment) in servers) {
        suspend fun withWorker(block: suspend (Client, String) -> Unit) {
            val env = environment()
            val client = env.client
            val taskQueue = "e2e-${UUID.randomUUID()}"
            Worker(
                client,
                taskQueue,
                workflows = listOf(GreetingWorkflow::class, RefusalWorkflow::class),
                activities = listOf(GreetingActivities("!")),
            ).start().use { block(client, taskQueue) }
            if (!env.supportsTimeSkipping) client.connection.close()
        }

        test("$server: signals, a query, a timer and activities drive a Kotlin workflow to its result, which replays") {
            withWorker { client, taskQueue ->
                val handle = client.startWorkflow<List<String>>(
                    "Greeting", "Hello", 50L,
                    options = WorkflowOptions(id = "greeting-${UUID.randomUUID()}", taskQueue = taskQueue),
                )
                handle.signal("addName", "Ada")
                handle.signal("addName", "Grace")
                handle.query<List<String>>("pending") shouldBe listOf("Ada", "Grace")
                handle.signal("finish")
                handle.result() shouldBe listOf("Hello, Ada!", "Hello, Grace!")

                val history = handle.fetchHistory().history
                val types = history.eventsList.map { it.eventType }
                types shouldContain EventType.EVENT_TYPE_TIMER_FIRED
                types.count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 2
                types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                WorkflowReplayer(listOf(GreetingWorkflow::class)).replay(history)
            }
        }

        test("$server: type-safe references name the workflow, its signals and its query") {
            withWorker { client, taskQueue ->
                val handle = client.startWorkflow(
                    GreetingWorkflow::run, "Hi", 0L,
                    options = WorkflowOptions(id = "typed-${UUID.randomUUID()}", taskQueue = taskQueue),
                )
                handle.signal(GreetingWorkflow::addName, "Linus")
                handle.query(GreetingWorkflow::pending) shouldBe listOf("Linus")
                shouldThrow<IllegalArgumentException> { handle.signal(GreetingWorkflow::addName) }.message shouldContain
                    "'addName' takes 1 argument(s) (name: kotlin.String) but 0 were given"
                handle.signal(GreetingWorkflow::finish)
                handle.result() shouldBe listOf("Hi, Linus!")
            }
        }

        test("$server: an activity's application failure fails the workflow with the cause chain intact") {
            withWorker { client, taskQueue ->
                val handle = client.startWorkflow<String>(
                    "Refusal", "Bob",
                    options = WorkflowOptions(id = "refusal-${UUID.randomUUID()}", taskQueue = taskQueue),
                )
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                val activity = error.cause.shouldBeInstanceOf<ActivityFailure>()
                activity.activityType shouldBe "refuse"
                val cause = activity.cause.shouldBeInstanceOf<ApplicationFailure>()
                cause.type shouldBe "Refused"
                cause.message shouldContain "no greeting for Bob"
                WorkflowReplayer(listOf(RefusalWorkflow::class)).replay(handle.fetchHistory().history)
            }
        }
    }
})
