@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

private val stage = SearchAttributes.newBuilder().putIndexedFields("Stage", text("paid")).build()

/** On init: patch "p1" (when new, or notified), then a user upsert; on signal "more": patch "p0". */
private val twoPatches: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    val commands = ArrayList<WorkflowCommand>()
    if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) {
        if (!a.isReplaying || ActivationJob.NotifyHasPatch("p1") in a.jobs) commands += WorkflowCommand.SetPatchMarker("p1", false)
        commands += WorkflowCommand.UpsertWorkflowSearchAttributes(stage)
        commands += WorkflowCommand.StartTimer(1, 5.seconds)
    }
    if (a.jobs.any { it is ActivationJob.SignalWorkflow && it.signalName == "more" }) {
        if (!a.isReplaying || ActivationJob.NotifyHasPatch("p0") in a.jobs) commands += WorkflowCommand.SetPatchMarker("p0", false)
    }
    commands
}

private fun HistoryBuilder.changeVersion(vararg ids: String): Long = add(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
    upsertWorkflowSearchAttributesEventAttributesBuilder.setSearchAttributes(PatchMarkers.changeVersionUpsert(ids.toList())!!)
}

private fun HistoryBuilder.userUpsert(): Long = add(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
    upsertWorkflowSearchAttributesEventAttributesBuilder.setSearchAttributes(stage)
}

class ChangeVersionSearchAttributeTest : FunSpec({
    test("by default a patch taken in new work writes its marker only") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        WorkflowRunEngine("default", "orders").run(h.task(), twoPatches).completion.commands.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            CommandType.COMMAND_TYPE_START_TIMER,
        )
    }

    test("when asked, a patch taken in new work is followed by an upsert of TemporalChangeVersion: all patch ids of the run, sorted, as a keyword list") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders", EngineOptions(upsertPatchSearchAttribute = true))
        val first = engine.run(h.task(), twoPatches).completion.commands
        first.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, CommandType.COMMAND_TYPE_START_TIMER,
        )
        val value = first[1].upsertWorkflowSearchAttributesCommandAttributes.searchAttributes.indexedFieldsMap
        value.keys shouldBe setOf("TemporalChangeVersion")
        val payload = value.getValue("TemporalChangeVersion")
        payload.data.toStringUtf8() shouldBe """["p1"]"""
        payload.metadataMap.mapValues { it.value.toStringUtf8() } shouldBe mapOf("encoding" to "json/plain", "type" to "KeywordList")
        first[2].upsertWorkflowSearchAttributesCommandAttributes.searchAttributes shouldBe stage

        // the server records the commands; the cached run's next task matches them and the second patch lists both ids
        h.completed(); h.patchMarker("p1"); h.changeVersion("p1"); h.userUpsert(); h.timerStarted(1)
        h.signaled("more"); h.workflowTask()
        val second = engine.run(h.task(fromEventId = 4), twoPatches).completion.commands
        second.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
        second[1].upsertWorkflowSearchAttributesCommandAttributes.searchAttributes.indexedFieldsMap.getValue("TemporalChangeVersion")
            .data.toStringUtf8() shouldBe """["p0","p1"]"""
    }

    test("replay produces no upsert: histories with the upsert, a user upsert right after it, and without it replay alike") {
        val with = HistoryBuilder(); with.started(); with.fullWorkflowTask()
        with.patchMarker("p1"); with.changeVersion("p1"); with.userUpsert(); with.timerStarted(1)
        with.signaled("more"); with.fullWorkflowTask(); with.patchMarker("p0"); with.changeVersion("p0", "p1")
        with.signaled("go"); with.workflowTask()
        val replayed = WorkflowRunEngine("default", "orders").run(with.task(), twoPatches)
        replayed.activations.first().isReplaying shouldBe true
        replayed.completion.commands.shouldBeEmpty()

        val without = HistoryBuilder(); without.started(); without.fullWorkflowTask()
        without.patchMarker("p1"); without.userUpsert(); without.timerStarted(1)
        without.signaled("more"); without.fullWorkflowTask(); without.patchMarker("p0")
        without.signaled("go"); without.workflowTask()
        WorkflowRunEngine("default", "orders").run(without.task(), twoPatches).completion.commands.shouldBeEmpty()
    }

    test("two patches taken in one task, each followed by its upsert, replay (the first upsert does not drop the second patch)") {
        val both: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(
                WorkflowCommand.SetPatchMarker("v2", false), WorkflowCommand.SetPatchMarker("v3", false), WorkflowCommand.CompleteWorkflowExecution(null),
            ) else emptyList()
        }
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        WorkflowRunEngine("default", "orders", EngineOptions(upsertPatchSearchAttribute = true)).run(h.task(), both).completion.commands.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            CommandType.COMMAND_TYPE_RECORD_MARKER, CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
        )
        h.completed(); h.patchMarker("v2"); h.changeVersion("v2"); h.patchMarker("v3"); h.changeVersion("v2", "v3")
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)
        val replay = h.task().toBuilder().setStartedEventId(Long.MAX_VALUE).build()
        val run = WorkflowRunEngine("default", "orders").run(replay) { a ->
            val notified = a.jobs.filterIsInstance<ActivationJob.NotifyHasPatch>().map { it.patchId }
            notified shouldBe listOf("v2", "v3")
            both(a)
        }
        run.completion.commands.shouldBeEmpty()
    }

    test("a value too large for a search attribute is left out; the marker is still written") {
        val long = "x".repeat(PatchMarkers.MAX_CHANGE_VERSION_BYTES)
        PatchMarkers.changeVersionUpsert(listOf(long)) shouldBe null
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(WorkflowCommand.SetPatchMarker(long, false)) else emptyList()
        }
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_RECORD_MARKER)
    }
})
