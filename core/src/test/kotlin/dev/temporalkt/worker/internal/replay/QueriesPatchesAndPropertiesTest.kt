@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.QueryResultType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.query.v1.WorkflowQuery
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.time.Duration.Companion.seconds

private val charge = WorkflowCommand.ScheduleActivity(
    seq = 1, activityId = "a1", activityType = "charge", taskQueue = "orders", arguments = payloads(), startToClose = 5.seconds,
)

/** Patched workflow: on init asks patch "p1" (answer from NotifyHasPatch when replaying, true when new). */
private fun patchedWorkflow(deprecated: Boolean = false): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) {
        val notified = a.jobs.any { it == ActivationJob.NotifyHasPatch("p1") }
        val patched = deprecated || !a.isReplaying || notified
        if (patched) listOf(WorkflowCommand.SetPatchMarker("p1", deprecated), charge) else listOf(charge)
    } else emptyList()
}

class QueriesPatchesAndPropertiesTest : FunSpec({
    test("queries of the task get their own activation after the mutating one, answers go to queryResults") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val queries = mapOf(
            "q1" to WorkflowQuery.newBuilder().setQueryType("status").setQueryArgs(payloads("verbose")).build(),
            "q2" to WorkflowQuery.newBuilder().setQueryType("missing").build(),
        )
        val failure = Failure.newBuilder().setMessage("no handler for 'missing'").build()
        val run = WorkflowRunEngine("default", "orders").run(h.task(queries = queries)) { a ->
            if (a.isQueryOnly) listOf(
                WorkflowCommand.RespondToQuery("q1", QueryOutcome.Succeeded(text("ok"))),
                WorkflowCommand.RespondToQuery("q2", QueryOutcome.Failed(failure)),
            ) else listOf(WorkflowCommand.StartTimer(1, 1.seconds))
        }
        run.activations.map { it.isQueryOnly } shouldBe listOf(false, true)
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.QueryWorkflow("q1", "status", payloads("verbose")),
            ActivationJob.QueryWorkflow("q2", "missing", Payloads.getDefaultInstance()),
        )
        run.completion.commands shouldBe listOf(startTimerCommand(1, 1))
        run.completion.queryResults["q1"]!!.resultType shouldBe QueryResultType.QUERY_RESULT_TYPE_ANSWERED
        run.completion.queryResults["q1"]!!.answer shouldBe Payloads.newBuilder().addPayloads(text("ok")).build()
        run.completion.queryResults["q2"]!!.resultType shouldBe QueryResultType.QUERY_RESULT_TYPE_FAILED
        run.completion.queryResults["q2"]!!.errorMessage shouldBe "no handler for 'missing'"
        run.completion.queryResults["q2"]!!.failure shouldBe failure
    }

    test("a new patch writes the marker in the shared core format") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), patchedWorkflow())
        val marker = run.completion.commands[0]
        marker.commandType shouldBe CommandType.COMMAND_TYPE_RECORD_MARKER
        marker.recordMarkerCommandAttributes.markerName shouldBe "core_patch"
        val p = marker.recordMarkerCommandAttributes.detailsMap["patch-data"]!!.payloadsList.single()
        p.data.toStringUtf8() shouldBe """{"id":"p1","deprecated":false}"""
        p.metadataMap["encoding"]!!.toStringUtf8() shouldBe "json/plain"
        run.completion.commands.drop(1).map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
    }

    test("replay: a marker ahead gives NotifyHasPatch before any code runs, and the marker matches") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.patchMarker("p1"); h.activityScheduled("charge", "a1")
        h.signaled("go"); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), patchedWorkflow())
        run.activations[0].jobs.map { it::class.simpleName } shouldBe listOf("InitializeWorkflow", "NotifyHasPatch")
        run.activations[0].jobs[1] shouldBe ActivationJob.NotifyHasPatch("p1")
        run.completion.commands.shouldBeEmpty()
    }

    test("replay: history without the marker and code taking the old branch replays") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.activityScheduled("charge", "a1")
        h.signaled("go"); h.workflowTask()
        WorkflowRunEngine("default", "orders").run(h.task(), patchedWorkflow()).completion.commands.shouldBeEmpty()
    }

    test("replay: a deprecated patch without a marker in history is dropped, a deprecated marker without code is skipped") {
        val noMarker = HistoryBuilder().apply { started(); fullWorkflowTask(); activityScheduled("charge", "a1"); signaled("go"); workflowTask() }
        WorkflowRunEngine("default", "orders").run(noMarker.task(), patchedWorkflow(deprecated = true)).completion.commands.shouldBeEmpty()

        val deprecatedMarker = HistoryBuilder().apply {
            started(); fullWorkflowTask(); patchMarker("p1", deprecated = true); activityScheduled("charge", "a1"); signaled("go"); workflowTask()
        }
        val run = WorkflowRunEngine("default", "orders").run(deprecatedMarker.task()) { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(charge) else emptyList()
        }
        run.completion.commands.shouldBeEmpty()
    }

    test("replay: a marker in history but no patch call in the code is non-deterministic") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.patchMarker("p1"); h.activityScheduled("charge", "a1")
        h.signaled("go"); h.workflowTask()
        val e = shouldThrow<NonDeterminismException> {
            WorkflowRunEngine("default", "orders").run(h.task()) { a -> if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(charge) else emptyList() }
        }
        e.message shouldContain "history event 5 is MarkerRecorded(patch 'p1') but the workflow produced ScheduleActivity(seq 1"
    }

    test("replay: histories with the older marker format and a TemporalChangeVersion upsert replay") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.add(EventType.EVENT_TYPE_MARKER_RECORDED) {
            markerRecordedEventAttributesBuilder.setMarkerName("core_patch")
                .putDetails("patch_id", Payloads.newBuilder().addPayloads(dev.temporalkt.api.common.v1.Payload.newBuilder().setData(ByteString.copyFromUtf8("p1"))).build())
                .putDetails("deprecated", Payloads.newBuilder().addPayloads(dev.temporalkt.api.common.v1.Payload.newBuilder().setData(ByteString.copyFrom(byteArrayOf(0)))).build())
        }
        h.add(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
            upsertWorkflowSearchAttributesEventAttributesBuilder.setSearchAttributes(
                SearchAttributes.newBuilder().putIndexedFields("TemporalChangeVersion", text("[\"p1\"]")),
            )
        }
        h.activityScheduled("charge", "a1")
        h.signaled("go"); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), patchedWorkflow())
        run.activations[0].jobs[1] shouldBe ActivationJob.NotifyHasPatch("p1")
        run.completion.commands.shouldBeEmpty()
    }

    test("search attribute upserts and memo changes become commands and replay against their events") {
        val sa = SearchAttributes.newBuilder().putIndexedFields("Stage", text("paid")).build()
        val memo = Memo.newBuilder().putFields("note", text("hi")).build()
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) {
                listOf(WorkflowCommand.UpsertWorkflowSearchAttributes(sa), WorkflowCommand.ModifyWorkflowProperties(memo))
            } else emptyList()
        }
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), wf)
        run.completion.commands.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, CommandType.COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES,
        )
        run.completion.commands[0].upsertWorkflowSearchAttributesCommandAttributes.searchAttributes shouldBe sa
        run.completion.commands[1].modifyWorkflowPropertiesCommandAttributes.upsertedMemo shouldBe memo

        h.completed()
        h.add(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) { upsertWorkflowSearchAttributesEventAttributesBuilder.setSearchAttributes(sa) }
        h.add(EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED) { workflowPropertiesModifiedEventAttributesBuilder.setUpsertedMemo(memo) }
        h.signaled("go"); h.workflowTask()
        WorkflowRunEngine("default", "orders").run(h.task(), wf).completion.commands.shouldBeEmpty()
    }

    test("logic flags: recorded ones are available while replaying, newly used ones are reported once") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask(flags = listOf(7))
        h.signaled("go"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders", EngineOptions(knownLogicFlags = setOf(3, 7)))
        engine.applyWorkflowTask(h.task())
        val first = engine.nextActivation()!!
        first.isReplaying shouldBe true
        first.availableInternalFlags shouldBe setOf(7)
        engine.applyCompletion(dev.temporalkt.worker.activation.WorkflowActivationCompletion.Successful("r-1", emptyList()))
        val second = engine.nextActivation()!!
        second.isReplaying shouldBe false
        engine.applyCompletion(dev.temporalkt.worker.activation.WorkflowActivationCompletion.Successful("r-1", emptyList(), setOf(3, 7)))
        engine.nextActivation() shouldBe null
        engine.taskCompletion().sdkMetadata.langUsedFlagsList shouldBe listOf(3)
    }
})
