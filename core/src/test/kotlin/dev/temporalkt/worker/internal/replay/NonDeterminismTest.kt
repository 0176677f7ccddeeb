@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.time.Duration.Companion.seconds

private fun activity(seq: Int, type: String, id: String = "a$seq") = WorkflowCommand.ScheduleActivity(
    seq = seq, activityId = id, activityType = type, taskQueue = "orders", arguments = payloads(), startToClose = 5.seconds,
)

private fun onInit(vararg commands: WorkflowCommand): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) commands.toList() else emptyList()
}

class NonDeterminismTest : FunSpec({
    /** Started, first task scheduling what [record] writes, then a second (new) task after a signal. */
    fun history(record: HistoryBuilder.() -> Unit): HistoryBuilder {
        val h = HistoryBuilder()
        h.started(); h.fullWorkflowTask()
        h.record()
        h.signaled("go")
        h.workflowTask()
        return h
    }

    fun replay(h: HistoryBuilder, wf: (WorkflowActivation) -> List<WorkflowCommand>, options: EngineOptions = EngineOptions()) =
        WorkflowRunEngine("default", "orders", options).run(h.task(), wf)

    test("a timer where history scheduled an activity") {
        val h = history { activityScheduled("charge", "a1") }
        val e = shouldThrow<NonDeterminismException> { replay(h, onInit(WorkflowCommand.StartTimer(1, 1.seconds))) }
        e.message shouldBe "Non-deterministic workflow 'Order' (id o-1, run r-1): history event 5 is " +
            "ActivityTaskScheduled(activity type 'charge', activity id 'a1') but the workflow produced StartTimer(seq 1)"
        e.eventId shouldBe 5L
        e.commandDescription shouldBe "StartTimer(seq 1)"
    }

    test("a changed activity type") {
        val h = history { activityScheduled("charge", "a1") }
        val e = shouldThrow<NonDeterminismException> { replay(h, onInit(activity(1, "refund"))) }
        e.message shouldBe "Non-deterministic workflow 'Order' (id o-1, run r-1): history event 5 is " +
            "ActivityTaskScheduled(activity type 'charge', activity id 'a1') but the workflow produced " +
            "ScheduleActivity(seq 1, activity type 'refund', activity id 'a1')"
    }

    test("a removed timer") {
        val h = history { timerStarted(1) }
        val e = shouldThrow<NonDeterminismException> { replay(h, onInit()) }
        e.message shouldBe "Non-deterministic workflow 'Order' (id o-1, run r-1): history event 5 is " +
            "TimerStarted(timer id '1') but the workflow produced no command for it"
    }

    test("an extra command") {
        val h = history { timerStarted(1) }
        val e = shouldThrow<NonDeterminismException> { replay(h, onInit(WorkflowCommand.StartTimer(1, 1.seconds), activity(1, "charge"))) }
        e.message shouldBe "Non-deterministic workflow 'Order' (id o-1, run r-1): the workflow produced " +
            "ScheduleActivity(seq 1, activity type 'charge', activity id 'a1') but history has no matching event " +
            "(the next event is 6 WorkflowExecutionSignaled)"
        e.eventId shouldBe null
    }

    test("reordered commands") {
        val h = history { timerStarted(1); activityScheduled("charge", "a1") }
        val e = shouldThrow<NonDeterminismException> { replay(h, onInit(activity(1, "charge"), WorkflowCommand.StartTimer(1, 1.seconds))) }
        e.message shouldContain "history event 5 is TimerStarted(timer id '1') but the workflow produced ScheduleActivity(seq 1"
    }

    test("matching code replays and only the new task's commands go out") {
        val h = history { timerStarted(1); activityScheduled("charge", "a1") }
        val run = replay(h, { a ->
            when {
                a.jobs.any { it is ActivationJob.InitializeWorkflow } -> listOf(WorkflowCommand.StartTimer(1, 1.seconds), activity(1, "charge"))
                else -> listOf(WorkflowCommand.CompleteWorkflowExecution(null))
            }
        })
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
    }

    test("with failRunOnNonDeterminism the task answers with a failed run instead of throwing") {
        val h = history { timerStarted(1) }
        val run = replay(h, onInit(), EngineOptions(failRunOnNonDeterminism = true))
        val cmd = run.completion.commands.single()
        cmd.commandType shouldBe CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION
        cmd.failWorkflowExecutionCommandAttributes.failure.message shouldContain "history event 5 is TimerStarted(timer id '1')"
        cmd.failWorkflowExecutionCommandAttributes.failure.applicationFailureInfo.type shouldBe "NonDeterminismError"
    }
})
