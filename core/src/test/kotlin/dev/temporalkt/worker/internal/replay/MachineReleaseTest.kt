@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.hours

/** Starts timer 1 on init and the next timer whenever one fires: a run that sleeps in a loop. */
private val sleepsInALoop: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    a.jobs.mapNotNull { job ->
        when (job) {
            is ActivationJob.InitializeWorkflow -> WorkflowCommand.StartTimer(1, 1.hours)
            is ActivationJob.FireTimer -> WorkflowCommand.StartTimer(job.seq + 1, 1.hours)
            else -> null
        }
    }
}

class MachineReleaseTest : FunSpec({
    test("a cached run that sleeps in a loop holds as much engine state after 10,000 timers as after 10") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), sleepsInALoop)
        val heldAfter = HashMap<Int, Int>()
        for (seq in 1..10_000) {
            // the server records the timer, fires it and hands the cached run the new events (a sticky task)
            val from = h.events.size + 1L
            h.completed()
            val started = h.timerStarted(seq)
            h.timerFired(seq, started)
            h.workflowTask()
            val run = engine.run(h.task(fromEventId = from), sleepsInALoop)
            run.completion.commands.single().commandType shouldBe CommandType.COMMAND_TYPE_START_TIMER
            if (seq == 10 || seq == 10_000) heldAfter[seq] = engine.heldStateCount
        }
        // the timer just started: its machine and its start command, waiting for the server to record it
        heldAfter shouldBe mapOf(10 to 2, 10_000 to 2)
        engine.retainedEventCount shouldBe 0
    }

    test("cancelled timers and completed children are released too") {
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap { job ->
                when (job) {
                    is ActivationJob.InitializeWorkflow -> listOf(
                        WorkflowCommand.StartTimer(1, 1.hours),
                        WorkflowCommand.StartChildWorkflowExecution(1, "", "child-1", "Ship", "", payloads("c")),
                    )
                    is ActivationJob.SignalWorkflow -> listOf(WorkflowCommand.CancelTimer(1))
                    else -> emptyList()
                }
            }
        }
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val timer = h.timerStarted(1)
        val initiated = h.add(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
            startChildWorkflowExecutionInitiatedEventAttributesBuilder.setWorkflowId("child-1").setWorkflowType(WorkflowType.newBuilder().setName("Ship"))
        }
        val childStarted = h.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
            childWorkflowExecutionStartedEventAttributesBuilder.setInitiatedEventId(initiated)
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("child-1").setRunId("child-run"))
        }
        h.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED) {
            childWorkflowExecutionCompletedEventAttributesBuilder.setInitiatedEventId(initiated).setStartedEventId(childStarted)
        }
        h.signaled("stop"); h.fullWorkflowTask()
        h.timerCanceled(1, timer)
        h.signaled("again"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), wf).completion.commands.size shouldBe 0
        engine.heldStateCount shouldBe 0
    }
})
