package dev.temporalkt.worker

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.runBlocking
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.delay
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonPrimitive
import java.util.UUID
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** Local activities counting their calls per key (the workflow id), so tests can tell whether replay ran them. */
class CountingLocalActivities {
    val calls = ConcurrentHashMap<String, AtomicInteger>()

    private fun count(key: String): Int = calls.computeIfAbsent(key) { AtomicInteger() }.incrementAndGet()

    @Activity
    suspend fun shout(key: String, word: String): String {
        count(key)
        check(activityContext().info.isLocal) { "expected to run as a local activity" }
        return word.uppercase()
    }

    @Activity
    suspend fun flaky(key: String): String {
        count(key)
        val attempt = activityContext().info.attempt
        if (attempt < 3) throw ApplicationFailure("attempt $attempt failed", type = "Flaky")
        return "succeeded on attempt $attempt"
    }

    @Activity
    suspend fun slow(key: String, millis: Long): String {
        count(key)
        delay(millis.milliseconds)
        return "slept ${millis}ms"
    }

    @Activity
    suspend fun broken(key: String): String {
        count(key)
        throw ApplicationFailure("broken for good", type = "Broken", nonRetryable = true)
    }
}

@Workflow(name = "LocalShout")
class LocalShoutWorkflow {
    @WorkflowRun
    suspend fun run(key: String): String =
        Workflow.executeLocalActivity(CountingLocalActivities::shout, key, "hello", options = LocalActivityOptions(startToCloseTimeout = 5.seconds))
}

@Workflow(name = "LocalFlaky")
class LocalFlakyWorkflow {
    @WorkflowRun
    suspend fun run(key: String, localRetryThresholdMillis: Long): String = Workflow.executeLocalActivity(
        CountingLocalActivities::flaky, key,
        options = LocalActivityOptions(
            startToCloseTimeout = 5.seconds,
            retryPolicy = RetryPolicy(initialInterval = 100.milliseconds, backoffCoefficient = 2.0),
            localRetryThreshold = localRetryThresholdMillis.milliseconds,
        ),
    )
}

@Workflow(name = "LocalSlow")
class LocalSlowWorkflow {
    @WorkflowRun
    suspend fun run(key: String, millis: Long): String =
        Workflow.executeLocalActivity(CountingLocalActivities::slow, key, millis, options = LocalActivityOptions(startToCloseTimeout = 30.seconds))
}

@Workflow(name = "LocalBroken")
class LocalBrokenWorkflow {
    @WorkflowRun
    suspend fun run(key: String): String =
        Workflow.executeLocalActivity(CountingLocalActivities::broken, key, options = LocalActivityOptions(startToCloseTimeout = 5.seconds))
}

private val workflowClasses = listOf(LocalShoutWorkflow::class, LocalFlakyWorkflow::class, LocalSlowWorkflow::class, LocalBrokenWorkflow::class)

/** The `data` JSON of every local activity marker in [history], in history order. */
private fun markerData(history: History): List<JsonObject> = history.eventsList
    .filter { it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && it.markerRecordedEventAttributes.markerName == "core_local_activity" }
    .map { Json.parseToJsonElement(it.markerRecordedEventAttributes.detailsMap.getValue("data").getPayloads(0).data.toStringUtf8()) as JsonObject }

/** Local activities run by the real worker, recorded as markers, and replayed without running again. */
class LocalActivityEndToEndSpec : FunSpec({
    val embedded = lazy { runBlocking { WorkflowEnvironment.startTimeSkipping() } }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value },
        "dev server" to { runBlocking { WorkflowEnvironment.fromClient(Client.connect(ConnectionOptions(target = SharedServers.devServer().target))) } },
    )

    for ((server, environment) in servers) {
        suspend fun withWorker(block: suspend WorkflowEnvironment.(Client, String, CountingLocalActivities) -> Unit) {
            val env = environment()
            val client = env.client
            val taskQueue = "local-${UUID.randomUUID()}"
            val activities = CountingLocalActivities()
            Worker(client, taskQueue, workflows = workflowClasses, activities = listOf(activities))
                .start().use { env.block(client, taskQueue, activities) }
            if (!env.supportsTimeSkipping) client.connection.close()
        }

        suspend fun replayWithoutRunning(history: History, activities: CountingLocalActivities, key: String) {
            val before = activities.calls[key]?.get()
            WorkflowReplayer(workflowClasses).replay(history)
            activities.calls[key]?.get() shouldBe before
        }

        test("$server: a local activity's result is recorded as a marker and replays without running it") {
            withWorker { client, taskQueue, activities ->
                val id = "shout-${UUID.randomUUID()}"
                val handle = client.startWorkflow<String>("LocalShout", id, options = WorkflowOptions(id = id, taskQueue = taskQueue))
                handle.result() shouldBe "HELLO"
                activities.calls.getValue(id).get() shouldBe 1
                val history = handle.fetchHistory().history
                history.eventsList.none { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED } shouldBe true
                val data = markerData(history).single()
                data.keys shouldBe setOf("seq", "attempt", "activity_id", "activity_type", "complete_time", "backoff", "original_schedule_time")
                data.getValue("activity_type").jsonPrimitive.content shouldBe "shout"
                data.getValue("seq").jsonPrimitive.int shouldBe 1
                data.getValue("attempt").jsonPrimitive.int shouldBe 1
                replayWithoutRunning(history, activities, id)
            }
        }

        test("$server: a local activity failing twice is retried in the worker and its marker records attempt 3") {
            withWorker { client, taskQueue, activities ->
                val id = "flaky-${UUID.randomUUID()}"
                val handle = client.startWorkflow<String>("LocalFlaky", id, 60_000L, options = WorkflowOptions(id = id, taskQueue = taskQueue))
                handle.result() shouldBe "succeeded on attempt 3"
                activities.calls.getValue(id).get() shouldBe 3
                val history = handle.fetchHistory().history
                val data = markerData(history).single()
                data.getValue("attempt").jsonPrimitive.int shouldBe 3
                history.eventsList.none { it.eventType == EventType.EVENT_TYPE_TIMER_STARTED } shouldBe true
                replayWithoutRunning(history, activities, id)
            }
        }

        test("$server: retries waiting longer than the local retry threshold wait on workflow timers") {
            withWorker { client, taskQueue, activities ->
                val id = "flaky-timer-${UUID.randomUUID()}"
                val handle = client.startWorkflow<String>("LocalFlaky", id, 50L, options = WorkflowOptions(id = id, taskQueue = taskQueue))
                handle.result() shouldBe "succeeded on attempt 3"
                activities.calls.getValue(id).get() shouldBe 3
                val history = handle.fetchHistory().history
                val markers = markerData(history)
                markers.map { it.getValue("attempt").jsonPrimitive.int } shouldBe listOf(1, 2, 3)
                markers.map { it.getValue("seq").jsonPrimitive.int } shouldBe listOf(1, 2, 3)
                markers[0].getValue("backoff").toString() shouldBe """{"seconds":0,"nanos":100000000}"""
                markers[1].getValue("backoff").toString() shouldBe """{"seconds":0,"nanos":200000000}"""
                markers[2].getValue("backoff").toString() shouldBe "null"
                history.eventsList.count { it.eventType == EventType.EVENT_TYPE_TIMER_FIRED } shouldBe 2
                replayWithoutRunning(history, activities, id)
            }
        }

        test("$server: a local activity longer than the workflow task timeout completes thanks to workflow task heartbeats") {
            withWorker { client, taskQueue, activities ->
                // the time-skipping server's clock runs in real time here: between a heartbeat's completion and the
                // next poll it could otherwise skip ahead past the task timeout that the heartbeats are there to beat
                val id = "slow-${UUID.randomUUID()}"
                val handle = withoutAutoTimeSkipping {
                    client.startWorkflow<String>(
                        "LocalSlow", id, 6_000L,
                        options = WorkflowOptions(id = id, taskQueue = taskQueue, taskTimeout = 5.seconds),
                    ).also { it.result() shouldBe "slept 6000ms" }
                }
                activities.calls.getValue(id).get() shouldBe 1
                val history = handle.fetchHistory().history
                val types = history.eventsList.map { it.eventType }
                // one heartbeat (at 80 % of the 5 s task timeout), then the task that records the marker and completes
                types.count { it == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED } shouldBe 2
                types.none { it == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT || it == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED } shouldBe true
                markerData(history).single().getValue("seq").jsonPrimitive.int shouldBe 1
                replayWithoutRunning(history, activities, id)
            }
        }

        test("$server: a non-retryable local activity failure fails the workflow with an activity failure and replays") {
            withWorker { client, taskQueue, activities ->
                val id = "broken-${UUID.randomUUID()}"
                val handle = client.startWorkflow<String>("LocalBroken", id, options = WorkflowOptions(id = id, taskQueue = taskQueue))
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                val activity = error.cause.shouldBeInstanceOf<ActivityFailure>()
                activity.activityType shouldBe "broken"
                val cause = activity.cause.shouldBeInstanceOf<ApplicationFailure>()
                cause.type shouldBe "Broken"
                cause.message shouldContain "broken for good"
                activities.calls.getValue(id).get() shouldBe 1
                val history = handle.fetchHistory().history
                val marker = history.eventsList.single { it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED }
                marker.markerRecordedEventAttributes.failure.applicationFailureInfo.type shouldBe "Broken"
                replayWithoutRunning(history, activities, id)
            }
        }
    }
})
