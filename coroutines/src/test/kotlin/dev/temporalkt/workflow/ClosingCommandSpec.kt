@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.worker.activation.ActivationJob.DoUpdate
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.FailWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import dev.temporalkt.worker.activation.WorkflowCommand.UpdateResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import kotlin.time.Duration.Companion.seconds

/** The run function and handlers all wait for the same approval; which of them goes on first decides nothing. */
@Workflow
class ApprovalRaceWorkflow {
    private var approved = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { approved }
        return "approved"
    }

    @Signal
    fun approve() {
        approved = true
    }

    @Update
    suspend fun awaitApproval(): String {
        Workflow.waitCondition { approved }
        return "seen"
    }

    @Signal
    suspend fun approveThenPause() {
        Workflow.waitCondition { approved }
        Workflow.sleep(1.seconds)
    }

    @Signal
    suspend fun reject() {
        Workflow.waitCondition { approved }
        throw ApplicationFailure("rejected after approval", type = "Rejected")
    }
}

private fun stderrOf(block: () -> Unit): String {
    val original = System.err
    val buffer = ByteArrayOutputStream()
    System.setErr(PrintStream(buffer, true, Charsets.UTF_8))
    try {
        block()
    } finally {
        System.setErr(original)
    }
    return buffer.toString(Charsets.UTF_8)
}

class ClosingCommandSpec : FunSpec({
    test("an update handler woken with the run function answers before the run completes") {
        val h = WorkflowHarness(ApprovalRaceWorkflow::class)
        h.start() shouldBe emptyList()
        h.commands(DoUpdate("u1", "p1", "awaitApproval", WorkflowHarness.NO_ARGS)) shouldBe
            listOf(UpdateResponse("p1", UpdateOutcome.Accepted))
        // the run function registered its condition first, so it returns first; the update's response still goes first
        h.commands(h.signal("approve")) shouldBe listOf(
            UpdateResponse("p1", UpdateOutcome.Completed(h.payload("seen"))),
            CompleteWorkflowExecution(h.payload("approved")),
        )
    }

    test("a signal handler that starts a timer after the run function returned puts the timer before the completion") {
        val h = WorkflowHarness(ApprovalRaceWorkflow::class)
        h.start()
        h.commands(h.signal("approveThenPause"), h.signal("approve")) shouldBe listOf(
            StartTimer(1, 1.seconds),
            CompleteWorkflowExecution(h.payload("approved")),
        )
    }

    test("the first close decided counts and is recorded after the commands of every handler") {
        val h = WorkflowHarness(ApprovalRaceWorkflow::class)
        h.start()
        val commands = h.commands(
            h.signal("reject"),
            DoUpdate("u1", "p1", "awaitApproval", WorkflowHarness.NO_ARGS),
            h.signal("approve"),
        )
        commands shouldHaveSize 3
        commands[0] shouldBe UpdateResponse("p1", UpdateOutcome.Accepted)
        commands[1] shouldBe UpdateResponse("p1", UpdateOutcome.Completed(h.payload("seen")))
        // the run function's condition was registered before the signal handler's, so its completion was decided first
        commands[2] shouldBe CompleteWorkflowExecution(h.payload("approved"))
    }

    test("a handler failing the run in the activation where the run function returns does not add a second close") {
        val h = WorkflowHarness(ApprovalRaceWorkflow::class)
        h.start()
        val commands = h.commands(h.signal("approve"), h.signal("reject"))
        commands.last().shouldBeInstanceOf<CompleteWorkflowExecution>()
        commands.filterIsInstance<FailWorkflowExecution>() shouldBe emptyList()
    }

    test("handlers are reported unfinished when the activation is quiescent, not when the run function returns") {
        val h = WorkflowHarness(ApprovalRaceWorkflow::class)
        stderrOf { h.start() }
        stderrOf { h.commands(DoUpdate("u1", "p1", "awaitApproval", WorkflowHarness.NO_ARGS)) }
        val finishedTogether = stderrOf { h.commands(h.signal("approve")) }
        finishedTogether shouldNotContain "finished while handlers were still running"

        val paused = WorkflowHarness(ApprovalRaceWorkflow::class)
        stderrOf { paused.start() }
        val stillPausing = stderrOf { paused.commands(paused.signal("approveThenPause"), paused.signal("approve")) }
        stillPausing shouldContain "finished while handlers were still running: signal 'approveThenPause'"
    }
})
