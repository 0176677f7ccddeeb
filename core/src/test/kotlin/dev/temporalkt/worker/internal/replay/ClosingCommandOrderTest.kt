@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

/** Completes on init, then starts a timer in the same activation; a signal closes with a later activation's command. */
private val closesFirst: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) {
        listOf(WorkflowCommand.CompleteWorkflowExecution(text("done")), WorkflowCommand.StartTimer(1, 1.seconds))
    } else {
        emptyList()
    }
}

class ClosingCommandOrderTest : FunSpec({
    test("a command issued after the closing one goes before it, so the closing command is the task's last") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        WorkflowRunEngine("default", "orders").run(h.task(), closesFirst).completion.commands.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_START_TIMER, CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
        )
    }

    test("the history written in that order replays") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        h.timerStarted(1); h.workflowCompleted(text("done"))
        val replay = h.task().toBuilder().setStartedEventId(Long.MAX_VALUE).build()
        WorkflowRunEngine("default", "orders").run(replay, closesFirst).completion.commands.shouldBeEmpty()
    }
})
