@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.internal.SdkIdentity
import dev.temporalkt.worker.replay.MessagesWorkflow
import dev.temporalkt.workflow.e2e.e2eServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.comparables.shouldBeGreaterThanOrEqualTo
import io.kotest.matchers.shouldBe

/**
 * The SDK metadata of the workflow task completed events a worker writes: this SDK's name and version on the run's
 * first task, and not again while history already records them, whether the run stays cached or is replayed from
 * history for every task.
 */
class SdkMetadataSpec : FunSpec({
    for (server in e2eServers()) {
        for (cached in listOf(true, false)) {
            val how = if (cached) "a cached run" else "a run replayed from history for every task"
            test("${server.name}: $how records SDK name and version on its first workflow task only") {
                server.withWorker(listOf(MessagesWorkflow::class), options = WorkerOptions(maxCachedWorkflows = if (cached) 10 else 0)) {
                    // the embedded server's clock is held from the start: the run waits for the test's signals
                    val handle = userActs {
                        client.startWorkflow<List<String>>("ScenarioMessages", options = options("sdk-metadata")).also { handle ->
                            handle.signal("add", "one")
                            handle.query<Int>("count") shouldBe 1
                            handle.signal("add", "two")
                            handle.query<Int>("count") shouldBe 2
                            handle.signal("finish")
                            handle.result() shouldBe listOf("one", "two")
                        }
                    }
                    val completed = events(handle).filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
                        .map { it.workflowTaskCompletedEventAttributes.sdkMetadata }
                    completed.size shouldBeGreaterThanOrEqualTo 3
                    completed.first().sdkName shouldBe "temporal-kt"
                    completed.first().sdkVersion shouldBe SdkIdentity.version
                    completed.drop(1).map { it.sdkName to it.sdkVersion }.distinct() shouldBe listOf("" to "")
                }
            }
        }
    }
})
