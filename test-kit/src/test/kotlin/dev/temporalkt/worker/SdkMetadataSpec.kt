@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest
import dev.temporalkt.api.testservice.v1.UnlockTimeSkippingRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.internal.SdkIdentity
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.replay.MessagesWorkflow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.UUID

/**
 * The SDK metadata of the workflow task completed events a worker writes: this SDK's name and version on the run's
 * first task, and not again while history already records them, whether the run stays cached or is replayed from
 * history for every task.
 */
class SdkMetadataSpec : FunSpec({
    val embedded = lazy { EmbeddedTestServer.start() }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value.target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        val timeSkipping = server.startsWith("embedded")
        for (cached in listOf(true, false)) {
            val how = if (cached) "a cached run" else "a run replayed from history for every task"
            test("$server: $how records SDK name and version on its first workflow task only") {
                val client = Client.connect(ConnectionOptions(target = target()))
                if (timeSkipping) client.connection.testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
                try {
                    val taskQueue = "sdk-metadata-${UUID.randomUUID()}"
                    Worker(
                        client, taskQueue, workflows = listOf(MessagesWorkflow::class),
                        options = WorkerOptions(maxCachedWorkflows = if (cached) 10 else 0),
                    ).start().use {
                        val handle = client.startWorkflow<List<String>>(
                            "ScenarioMessages", options = WorkflowOptions(id = "sdk-metadata-${UUID.randomUUID()}", taskQueue = taskQueue),
                        )
                        handle.signal("add", "one")
                        handle.query<Int>("count") shouldBe 1
                        handle.signal("add", "two")
                        handle.query<Int>("count") shouldBe 2
                        handle.signal("finish")
                        handle.result() shouldBe listOf("one", "two")
                        val completed = handle.fetchHistory().history.eventsList
                            .filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
                            .map { it.workflowTaskCompletedEventAttributes.sdkMetadata }
                        (completed.size >= 3) shouldBe true
                        completed.first().sdkName shouldBe "temporal-kt"
                        completed.first().sdkVersion shouldBe SdkIdentity.version
                        completed.drop(1).map { it.sdkName to it.sdkVersion }.distinct() shouldBe listOf("" to "")
                    }
                } finally {
                    if (timeSkipping) client.connection.testService.unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance())
                    client.connection.close()
                }
            }
        }
    }
})
