package dev.temporalkt.testing

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.operatorservice.v1.ListNexusEndpointsRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeUpdate
import dev.temporalkt.client.typed.signal
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.nexus.NexusOperation
import dev.temporalkt.nexus.NexusService
import dev.temporalkt.nexus.nexusClient
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.comparables.shouldBeGreaterThanOrEqualTo
import io.kotest.matchers.comparables.shouldBeLessThan
import io.kotest.matchers.comparables.shouldBeLessThanOrEqualTo
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.time.Instant
import java.util.UUID
import kotlin.time.Duration
import kotlin.time.Duration.Companion.days
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.toJavaDuration
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay

/** Waits [waitMillis] for a `dismiss` signal: "dismissed" if it came, "reminded" when the time ran out. */
@Workflow(name = "EnvironmentReminder")
class EnvironmentReminderWorkflow {
    private var dismissed = false

    @WorkflowRun
    suspend fun run(waitMillis: Long): String =
        if (Workflow.waitCondition(waitMillis.milliseconds) { dismissed }) "dismissed" else "reminded"

    @Signal
    fun dismiss() {
        dismissed = true
    }

    @Update
    suspend fun snooze(minutes: Long): String {
        Workflow.sleep(minutes.minutes)
        return "woke after $minutes minutes"
    }
}

/** Asserts on its input and on what it is signalled, as a test might inside workflow code. */
@Workflow(name = "EnvironmentAsserting")
class EnvironmentAssertingWorkflow {
    private var signalled: Int? = null

    @WorkflowRun
    suspend fun run(input: Int): Int {
        input shouldBe 1
        Workflow.waitCondition { signalled != null }
        return signalled!!
    }

    @Signal
    fun set(value: Int) {
        value shouldBeLessThan 10
        signalled = value
    }
}

@NexusService(name = "EnvironmentGreeting")
class EnvironmentGreetingService {
    @NexusOperation
    suspend fun greet(name: String): String = "Hello, $name"
}

/** Greets [name] through the Nexus endpoint [endpoint]. */
@Workflow(name = "EnvironmentNexusCaller")
class EnvironmentNexusCallerWorkflow {
    @WorkflowRun
    suspend fun run(endpoint: String, name: String): String =
        Workflow.nexusClient(EnvironmentGreetingService::class, endpoint).executeOperation(EnvironmentGreetingService::greet, name)
}

class WorkflowEnvironmentSpec : FunSpec({
    suspend fun <T> WorkflowEnvironment.withWorker(block: suspend (taskQueue: String) -> T): T {
        val taskQueue = "environment-${UUID.randomUUID()}"
        return Worker(client, taskQueue, workflows = listOf(EnvironmentReminderWorkflow::class)).start().use { block(taskQueue) }
    }

    suspend fun WorkflowEnvironment.remind(taskQueue: String, wait: Duration): WorkflowHandle<String> =
        client.startWorkflow(
            EnvironmentReminderWorkflow::run, wait.inWholeMilliseconds,
            options = WorkflowOptions(id = "reminder-${UUID.randomUUID()}", taskQueue = taskQueue),
        )

    suspend fun WorkflowHandle<*>.eventTypes(): List<EventType> = fetchHistory().history.eventsList.map { it.eventType }

    /**
     * Waits until the run's first workflow task has started its timer, reading the history (which never lets time
     * skip) until it shows: on the test server, a history long poll did not report the timer's events within its
     * 20-second poll.
     */
    suspend fun timerStarted(handle: WorkflowHandle<*>) {
        while (EventType.EVENT_TYPE_TIMER_STARTED !in handle.eventTypes()) delay(10.milliseconds)
    }

    test("time-skipping: a month-long wait completes as soon as its result is awaited, and the server's clock moves by the month") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            env.supportsTimeSkipping shouldBe true
            env.withWorker { taskQueue ->
                val before = env.currentTime()
                val handle = env.remind(taskQueue, 30.days)
                handle.result() shouldBe "reminded"
                env.currentTime() shouldBeGreaterThanOrEqualTo before + 30.days.toJavaDuration()
                val history = handle.fetchHistory().history
                history.eventsList.map { it.eventType } shouldContain EventType.EVENT_TYPE_TIMER_FIRED
                WorkflowReplayer(listOf(EnvironmentReminderWorkflow::class)).replay(history)
            }
        }
    }

    test("time-skipping: the clock stands still while the test reads the history, and sleep moves it by the amount asked") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            env.withWorker { taskQueue ->
                val before = env.currentTime()
                val handle = env.remind(taskQueue, 1.hours)
                timerStarted(handle)
                handle.eventTypes() shouldNotContain EventType.EVENT_TYPE_TIMER_FIRED
                env.currentTime() shouldBeLessThan before + 1.hours.toJavaDuration()

                env.sleep(2.hours)
                env.currentTime() shouldBeGreaterThanOrEqualTo before + 2.hours.toJavaDuration()
                handle.eventTypes() shouldContain EventType.EVENT_TYPE_TIMER_FIRED
                env.withoutAutoTimeSkipping { handle.result() } shouldBe "reminded"
                WorkflowReplayer(listOf(EnvironmentReminderWorkflow::class)).replay(handle.fetchHistory().history)
            }
        }
    }

    test("time-skipping: a result awaited without auto time skipping waits in real time, so the signal wins over the hour") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            env.withWorker { taskQueue ->
                val handle = env.remind(taskQueue, 1.hours)
                timerStarted(handle)
                val result = env.withoutAutoTimeSkipping {
                    val waiting = async { handle.result() }
                    handle.signal(EnvironmentReminderWorkflow::dismiss)
                    waiting.await()
                }
                result shouldBe "dismissed"
                handle.eventTypes() shouldNotContain EventType.EVENT_TYPE_TIMER_FIRED
            }
        }
    }

    test("time-skipping: results awaited at the same time all complete, and the clock is held again once the last is in") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            env.withWorker { taskQueue ->
                val handles = listOf(env.remind(taskQueue, 2.hours), env.remind(taskQueue, 1.hours), env.remind(taskQueue, 3.days))
                coroutineScope { handles.map { async { it.result() } }.awaitAll() } shouldBe listOf("reminded", "reminded", "reminded")

                val afterWaits = env.currentTime()
                val held = env.remind(taskQueue, 1.minutes)
                timerStarted(held)
                held.eventTypes() shouldNotContain EventType.EVENT_TYPE_TIMER_FIRED
                env.currentTime() shouldBeLessThan afterWaits + 1.minutes.toJavaDuration()
                held.signal(EnvironmentReminderWorkflow::dismiss)
                held.result() shouldBe "dismissed"
            }
        }
    }

    test("time-skipping: an update whose handler sleeps for two hours returns as soon as its result is awaited") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            env.withWorker { taskQueue ->
                val before = env.currentTime()
                val handle = env.remind(taskQueue, 30.days)
                timerStarted(handle)
                handle.executeUpdate(EnvironmentReminderWorkflow::snooze, 120L) shouldBe "woke after 120 minutes"
                env.currentTime() shouldBeGreaterThanOrEqualTo before + 2.hours.toJavaDuration()
                handle.result() shouldBe "reminded"
                val history = handle.fetchHistory().history
                history.eventsList.map { it.eventType } shouldContain EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED
                WorkflowReplayer(listOf(EnvironmentReminderWorkflow::class)).replay(history)
            }
        }
    }

    test("time-skipping: a Nexus endpoint created by the environment routes a workflow's operation to the worker, until deleted") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            val taskQueue = "environment-nexus-${UUID.randomUUID()}"
            val name = "environment-${UUID.randomUUID().toString().replace("-", "")}"
            val endpoint = env.createNexusEndpoint(name, taskQueue)
            endpoint.spec.name shouldBe name
            endpoint.spec.target.worker.taskQueue shouldBe taskQueue
            endpoint.spec.target.worker.namespace shouldBe env.client.namespace
            Worker(
                env.client, taskQueue, workflows = listOf(EnvironmentNexusCallerWorkflow::class),
                nexusServices = listOf(EnvironmentGreetingService()),
            ).start().use {
                env.client.startWorkflow(
                    EnvironmentNexusCallerWorkflow::run, name, "Ada",
                    options = WorkflowOptions(id = "nexus-caller-${UUID.randomUUID()}", taskQueue = taskQueue),
                ).result() shouldBe "Hello, Ada"
            }
            env.deleteNexusEndpoint(endpoint)
            val remaining = env.client.connection.operatorService.listNexusEndpoints(ListNexusEndpointsRequest.getDefaultInstance())
            remaining.endpointsList.map { it.spec.name } shouldNotContain name
        }
    }

    test("time-skipping: a failed assertion in a run function or a signal handler fails the workflow with its message") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            val taskQueue = "environment-asserting-${UUID.randomUUID()}"
            Worker(env.client, taskQueue, workflows = listOf(EnvironmentAssertingWorkflow::class)).start().use {
                suspend fun start(input: Int) = env.client.startWorkflow(
                    EnvironmentAssertingWorkflow::run, input,
                    options = WorkflowOptions(id = "asserting-${UUID.randomUUID()}", taskQueue = taskQueue),
                )

                val inRun = shouldThrow<WorkflowFailedException> { start(2).result() }.cause.shouldBeInstanceOf<ApplicationFailure>()
                inRun.type shouldBe "AssertionError"
                inRun.nonRetryable shouldBe true
                inRun.message shouldBe "expected:<1> but was:<2>"

                val signalled = start(1)
                signalled.signal(EnvironmentAssertingWorkflow::set, 12)
                val inSignal = shouldThrow<WorkflowFailedException> { signalled.result() }.cause.shouldBeInstanceOf<ApplicationFailure>()
                inSignal.type shouldBe "AssertionError"
                inSignal.message shouldContain "12 should be < 10"

                val fine = start(1)
                fine.signal(EnvironmentAssertingWorkflow::set, 3)
                fine.result() shouldBe 3
            }
        }
    }

    test("time-skipping: sleep rejects a negative duration, saying so") {
        WorkflowEnvironment.startTimeSkipping().use { env ->
            shouldThrow<IllegalArgumentException> { env.sleep((-1).hours) }.message shouldBe
                "Cannot sleep for a negative duration (-1h)"
        }
    }

    test("from a client (dev server): no time skipping, the system clock, and closing leaves the client open") {
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        try {
            val env = WorkflowEnvironment.fromClient(client)
            env.supportsTimeSkipping shouldBe false
            val before = Instant.now()
            val now = env.currentTime()
            now shouldBeGreaterThanOrEqualTo before
            now shouldBeLessThanOrEqualTo Instant.now()
            env.close()
            env.withWorker { taskQueue -> env.remind(taskQueue, 1.milliseconds).result() } shouldBe "reminded"
        } finally {
            client.connection.close()
        }
    }

    test("local (a dev server of its own): no time skipping, and a signal ends a wait in real time") {
        WorkflowEnvironment.startLocal().use { env ->
            env.supportsTimeSkipping shouldBe false
            env.withWorker { taskQueue ->
                val handle = env.remind(taskQueue, 1.hours)
                timerStarted(handle)
                handle.signal(EnvironmentReminderWorkflow::dismiss)
                handle.result() shouldBe "dismissed"
            }
        }
    }
})
