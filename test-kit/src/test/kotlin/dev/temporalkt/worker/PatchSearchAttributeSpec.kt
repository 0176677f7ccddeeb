package dev.temporalkt.worker

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
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.UUID

/** Takes patch "v2", waits for the signal "next", then takes patch "v3". */
@Workflow(name = "TwoPatchesApart")
class TwoPatchesApartWorkflow {
    private var next = false

    @WorkflowRun
    suspend fun run(): List<Boolean> {
        val v2 = Workflow.patched("v2")
        Workflow.waitCondition { next }
        return listOf(v2, Workflow.patched("v3"))
    }

    @Signal
    fun next() {
        next = true
    }
}

/**
 * Patches upsert the `TemporalChangeVersion` search attribute when they are first taken, never again on replay, and
 * the histories they write replay.
 */
class PatchSearchAttributeSpec : FunSpec({
    val embedded = lazy { EmbeddedTestServer.start() }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value.target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        val timeSkipping = server.startsWith("embedded")
        test("$server: each patch taken upserts TemporalChangeVersion with the run's patch ids, also when the run replays in between") {
            val client = Client.connect(ConnectionOptions(target = target()))
            if (timeSkipping) client.connection.testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
            try {
                val taskQueue = "patch-sa-${UUID.randomUUID()}"
                // caching off: the second task replays the first one (its patch and upsert) from history
                val history = Worker(
                    client, taskQueue, workflows = listOf(TwoPatchesApartWorkflow::class), options = WorkerOptions(maxCachedWorkflows = 0),
                ).start().use {
                    val handle = client.startWorkflow<List<Boolean>>(
                        "TwoPatchesApart", options = WorkflowOptions(id = "patch-sa-${UUID.randomUUID()}", taskQueue = taskQueue),
                    )
                    handle.signal("next")
                    handle.result() shouldBe listOf(true, true)
                    handle.fetchHistory().history
                }
                val upserts = history.eventsList.filter { it.eventType == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES }
                    .map { it.upsertWorkflowSearchAttributesEventAttributes.searchAttributes.indexedFieldsMap }
                upserts.map { it.keys } shouldBe listOf(setOf("TemporalChangeVersion"), setOf("TemporalChangeVersion"))
                upserts.map { it.getValue("TemporalChangeVersion").data.toStringUtf8() } shouldBe listOf("""["v2"]""", """["v2","v3"]""")
                // each upsert directly follows its patch marker
                val types = history.eventsList.map { it.eventType }
                types.indices.filter { types[it] == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES }
                    .map { types[it - 1] } shouldBe listOf(EventType.EVENT_TYPE_MARKER_RECORDED, EventType.EVENT_TYPE_MARKER_RECORDED)
                WorkflowReplayer(listOf(TwoPatchesApartWorkflow::class)).replay(history)
            } finally {
                if (timeSkipping) client.connection.testService.unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance())
                client.connection.close()
            }
        }
    }
})
