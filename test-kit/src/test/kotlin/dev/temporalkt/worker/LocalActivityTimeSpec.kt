package dev.temporalkt.worker

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest
import dev.temporalkt.api.testservice.v1.UnlockTimeSkippingRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.replay.awaitEvent
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.comparables.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import java.time.Instant
import java.util.UUID
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/** A local activity that takes a while. */
class NappingActivities {
    @Activity
    suspend fun nap(millis: Long): String {
        delay(millis.milliseconds)
        return "rested"
    }
}

/** Reads workflow time before and after a local activity, then waits for the signal "done". */
@Workflow(name = "TimeAroundLocalActivity")
class TimeAroundLocalActivityWorkflow {
    private var done = false

    @WorkflowRun
    suspend fun run(): List<String> {
        val before = Workflow.now()
        Workflow.executeLocalActivity(NappingActivities::nap, 200L, options = LocalActivityOptions(startToCloseTimeout = 10.seconds))
        val after = Workflow.now()
        Workflow.waitCondition { done }
        return listOf(before.toString(), after.toString())
    }

    @Signal
    fun done() {
        done = true
    }
}

/**
 * Workflow time after a local activity is the completion time its marker records, when it ran and when the run is
 * replayed from history later.
 */
class LocalActivityTimeSpec : FunSpec({
    val embedded = lazy { EmbeddedTestServer.start() }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value.target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        val timeSkipping = server.startsWith("embedded")
        test("$server: Workflow.now() after a local activity is its marker's completion time, also when replayed") {
            val client = Client.connect(ConnectionOptions(target = target()))
            if (timeSkipping) client.connection.testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
            try {
                val taskQueue = "la-time-${UUID.randomUUID()}"
                // caching off: the task of the signal replays the local activity from its marker before returning the times
                val (times, history) = Worker(
                    client, taskQueue, workflows = listOf(TimeAroundLocalActivityWorkflow::class), activities = listOf(NappingActivities()),
                    options = WorkerOptions(maxCachedWorkflows = 0),
                ).start().use {
                    val handle = client.startWorkflow<List<String>>(
                        "TimeAroundLocalActivity", options = WorkflowOptions(id = "la-time-${UUID.randomUUID()}", taskQueue = taskQueue),
                    )
                    handle.awaitEvent(EventType.EVENT_TYPE_MARKER_RECORDED)
                    handle.signal("done")
                    handle.result() to handle.fetchHistory().history
                }
                val marker = history.eventsList.single {
                    it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && it.markerRecordedEventAttributes.markerName == "core_local_activity"
                }
                val data = Json.parseToJsonElement(
                    marker.markerRecordedEventAttributes.detailsMap.getValue("data").getPayloads(0).data.toStringUtf8(),
                ) as JsonObject
                val completeTime = data.getValue("complete_time").jsonObject.let {
                    Instant.ofEpochSecond(it.getValue("seconds").jsonPrimitive.long, it.getValue("nanos").jsonPrimitive.long)
                }
                val (before, after) = times.map { Instant.parse(it) }
                after shouldBe completeTime
                after shouldBeGreaterThan before
                WorkflowReplayer(listOf(TimeAroundLocalActivityWorkflow::class)).replay(history)
            } finally {
                if (timeSkipping) client.connection.testService.unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance())
                client.connection.close()
            }
        }
    }
})
