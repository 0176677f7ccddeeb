package dev.temporalkt.worker

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import dev.temporalkt.workflow.e2e.e2eServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

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
 * With [WorkerOptions.upsertPatchSearchAttribute], patches upsert the `TemporalChangeVersion` search attribute when they
 * are first taken, never again on replay, and the histories they write replay; without it (the default) nothing but
 * the patch markers is written.
 */
class PatchSearchAttributeSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: by default patches write their markers and no search attribute upsert") {
            server.withWorker(listOf(TwoPatchesApartWorkflow::class), options = WorkerOptions(maxCachedWorkflows = 0)) {
                val handle = userActs {
                    client.startWorkflow<List<Boolean>>("TwoPatchesApart", options = options("patch-no-sa")).also { handle ->
                        handle.signal("next")
                        handle.result() shouldBe listOf(true, true)
                    }
                }
                val history = events(handle)
                history.count { it.eventType == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES } shouldBe 0
                history.count { it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED } shouldBe 2
                replay(handle)
            }
        }

        test("${server.name}: when asked, each patch taken upserts TemporalChangeVersion with the run's patch ids, also when the run replays in between") {
            // caching off: the task of the signal replays the first patch and its upsert from history
            val options = WorkerOptions(maxCachedWorkflows = 0, upsertPatchSearchAttribute = true)
            server.withWorker(listOf(TwoPatchesApartWorkflow::class), options = options) {
                // the embedded server's clock is held from the start: the run waits for the test's signal
                val handle = userActs {
                    client.startWorkflow<List<Boolean>>("TwoPatchesApart", options = options("patch-sa")).also { handle ->
                        handle.signal("next")
                        handle.result() shouldBe listOf(true, true)
                    }
                }
                val history = events(handle)
                val upserts = history.filter { it.eventType == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES }
                    .map { it.upsertWorkflowSearchAttributesEventAttributes.searchAttributes.indexedFieldsMap }
                upserts.map { it.keys } shouldBe listOf(setOf("TemporalChangeVersion"), setOf("TemporalChangeVersion"))
                upserts.map { it.getValue("TemporalChangeVersion").data.toStringUtf8() } shouldBe listOf("""["v2"]""", """["v2","v3"]""")
                // each upsert directly follows its patch marker
                val types = history.map { it.eventType }
                types.indices.filter { types[it] == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES }
                    .map { types[it - 1] } shouldBe listOf(EventType.EVENT_TYPE_MARKER_RECORDED, EventType.EVENT_TYPE_MARKER_RECORDED)
                replay(handle)
            }
        }
    }
})
