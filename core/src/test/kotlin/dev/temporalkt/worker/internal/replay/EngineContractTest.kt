@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe

class EngineContractTest : FunSpec({
    test("a failed activation turns the task into a task failure with the runtime's cause") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.applyWorkflowTask(h.task())
        val a = engine.nextActivation()!!
        val failure = Failure.newBuilder().setMessage("boom").build()
        engine.applyCompletion(
            WorkflowActivationCompletion.Failed(a.runId, failure, WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR),
        )
        engine.nextActivation() shouldBe null
        val completion = engine.taskCompletion()
        completion.failure shouldBe failure
        completion.failureCause shouldBe WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR
        completion.commands.shouldBeEmpty()
    }

    test("a local activity command produces no API command and becomes a request for the worker") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.run(h.task()) {
            if (it.jobs.any { j -> j is dev.temporalkt.worker.activation.ActivationJob.InitializeWorkflow }) {
                listOf(WorkflowCommand.ScheduleLocalActivity(1, "la1", "lookup", payloads()))
            } else emptyList()
        }
        run.completion.commands shouldBe emptyList()
        engine.takeLocalActivityRequests().map { it.activityId to it.activityType } shouldBe listOf("la1" to "lookup")
        engine.hasOutstandingLocalActivities shouldBe true
    }

    test("a sticky task with a gap in history is rejected") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task()) { emptyList() }
        h.completed(); h.signaled("s"); h.workflowTask()
        val e = shouldThrow<IllegalArgumentException> { engine.applyWorkflowTask(h.task(fromEventId = 6)) }
        e.message shouldBe "History of run r-1 has a gap: expected event 4 but got 6. " +
            "Page the full history (or the events after 3) before applying the task."
    }

    test("completing twice or feeding a task mid-activation is a usage error") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.applyWorkflowTask(h.task())
        engine.nextActivation()
        shouldThrow<IllegalStateException> { engine.applyWorkflowTask(h.task()) }.message shouldBe
            "The activation for run r-1 has not been completed yet; call applyCompletion before feeding a new task."
        engine.applyCompletion(WorkflowActivationCompletion.Successful("r-1", emptyList()))
        shouldThrow<IllegalStateException> {
            engine.applyCompletion(WorkflowActivationCompletion.Successful("r-1", emptyList()))
        }.message shouldBe "No activation of run r-1 is waiting for a completion."
    }

    test("a legacy query on a cached run answers from its state without resending or rechecking sent commands") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), timerWorkflow).completion.commands shouldBe listOf(startTimerCommand(1, 5))
        val query = dev.temporalkt.api.query.v1.WorkflowQuery.newBuilder().setQueryType("state").build()
        val empty = h.task(fromEventId = 4, legacyQuery = query)
        val run = engine.run(empty) { a ->
            listOf(WorkflowCommand.RespondToQuery("legacy_query", dev.temporalkt.worker.activation.QueryOutcome.Succeeded(text("waiting"))))
        }
        run.activations.single().jobs.single() shouldBe dev.temporalkt.worker.activation.ActivationJob.QueryWorkflow(
            "legacy_query", "state", dev.temporalkt.api.common.v1.Payloads.getDefaultInstance(),
        )
        run.completion.legacyQueryResult!!.answer.getPayloads(0) shouldBe text("waiting")
        run.completion.commands.shouldBeEmpty()
        // the timer command sent before is matched by the next real task
        h.completed(); val t = h.timerStarted(1); h.timerFired(1, t); h.workflowTask()
        engine.run(h.task(fromEventId = 4), timerWorkflow).completion.commands shouldBe listOf(completeCommand("done"))
    }
})
