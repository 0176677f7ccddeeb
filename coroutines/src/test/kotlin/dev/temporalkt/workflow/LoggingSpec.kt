@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.worker.activation.ActivationJob.DoUpdate
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.UpdateResponse
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.io.ByteArrayOutputStream
import java.io.PrintStream

@Workflow
class ChattyWorkflow {
    private var done = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.logger.info("starting {} on {}", Workflow.info().workflowId, Workflow.info().taskQueue)
        Workflow.waitCondition { done }
        return "done"
    }

    @Signal
    fun finish() {
        done = true
    }

    @Update
    suspend fun wait(): String {
        Workflow.waitCondition { false }
        return "never"
    }

    @Update(unfinishedPolicy = HandlerUnfinishedPolicy.ABANDON)
    suspend fun waitQuietly(): String {
        Workflow.waitCondition { false }
        return "never"
    }
}

/** Runs [block] and returns what it wrote to standard error (where slf4j-simple logs). */
private fun capturedStderr(block: () -> Unit): String {
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

class LoggingSpec : FunSpec({
    test("Workflow.logger writes when not replaying and stays silent while replaying") {
        val live = capturedStderr { WorkflowHarness(ChattyWorkflow::class).start() shouldBe emptyList() }
        live shouldContain "INFO dev.temporalkt.workflow.ChattyWorkflow - starting wf-1 on tq"
        val replay = capturedStderr {
            WorkflowHarness(ChattyWorkflow::class).apply { replaying = true }.start() shouldBe emptyList()
        }
        replay shouldNotContain "starting wf-1"
    }

    test("finishing with unfinished handlers warns about those whose policy asks for it") {
        val h = WorkflowHarness(ChattyWorkflow::class)
        capturedStderr { h.start() }
        val output = capturedStderr {
            h.commands(
                DoUpdate("u1", "p1", "wait", WorkflowHarness.NO_ARGS),
                DoUpdate("u2", "p2", "waitQuietly", WorkflowHarness.NO_ARGS),
                h.signal("finish"),
            ) shouldBe listOf(
                UpdateResponse("p1", UpdateOutcome.Accepted),
                UpdateResponse("p2", UpdateOutcome.Accepted),
                CompleteWorkflowExecution(h.payload("done")),
            )
        }
        output shouldContain "WARN dev.temporalkt.workflow.internal.WorkflowInstance - Workflow ChattyWorkflow (id 'wf-1', " +
            "run 'run-1') finished while handlers were still running: update 'wait' (id u1). Their work is abandoned"
        output shouldNotContain "waitQuietly"
    }
})
