package dev.temporalkt.worker

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.LocalActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.workflow.e2e.e2eServers
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
    for (server in e2eServers()) {
        test("${server.name}: Workflow.now() after a local activity is its marker's completion time, also when replayed") {
            // caching off: the task of the signal replays the local activity from its marker before returning the times
            server.withWorker(
                listOf(TimeAroundLocalActivityWorkflow::class), listOf(NappingActivities()), WorkerOptions(maxCachedWorkflows = 0),
            ) {
                // the embedded server's clock is held from the start: the run waits for the test's signal
                val (handle, marker, times) = userActs {
                    val handle = client.startWorkflow<List<String>>("TimeAroundLocalActivity", options = options("la-time"))
                    val marker = awaitEvent(handle) {
                        it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && it.markerRecordedEventAttributes.markerName == "core_local_activity"
                    }
                    handle.signal("done")
                    Triple(handle, marker, handle.result())
                }
                val (before, after) = times.map { Instant.parse(it) }
                val data = Json.parseToJsonElement(
                    marker.markerRecordedEventAttributes.detailsMap.getValue("data").getPayloads(0).data.toStringUtf8(),
                ) as JsonObject
                val completeTime = data.getValue("complete_time").jsonObject.let {
                    Instant.ofEpochSecond(it.getValue("seconds").jsonPrimitive.long, it.getValue("nanos").jsonPrimitive.long)
                }
                after shouldBe completeTime
                after shouldBeGreaterThan before
                replay(handle)
            }
        }
    }
})
