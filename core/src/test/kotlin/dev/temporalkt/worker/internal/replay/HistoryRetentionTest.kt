@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.RetryPolicy
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

/** Starts timer 1 on init; each fired timer `n` starts timer `n + 1` until [rounds] timers fired, then completes. */
private fun timerLoop(rounds: Int): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    val fired = a.jobs.filterIsInstance<ActivationJob.FireTimer>().singleOrNull()?.seq
    when {
        a.jobs.any { it is ActivationJob.InitializeWorkflow } -> listOf(WorkflowCommand.StartTimer(1, 5.seconds))
        fired != null && fired < rounds -> listOf(WorkflowCommand.StartTimer(fired + 1, 5.seconds))
        fired != null -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("done")))
        else -> emptyList()
    }
}

/** History of [timerLoop] up to the workflow task after timer [rounds] fired (that task not completed). */
private fun timerLoopHistory(rounds: Int): HistoryBuilder {
    val h = HistoryBuilder()
    h.started(); h.workflowTask()
    for (seq in 1..rounds) {
        h.completed()
        val t = h.timerStarted(seq)
        h.timerFired(seq, t)
        h.workflowTask()
    }
    return h
}

class HistoryRetentionTest : FunSpec({
    test("a sticky run keeps no history events once each task is applied") {
        val rounds = 40
        val engine = WorkflowRunEngine("default", "orders")
        val h = HistoryBuilder()
        h.started(); h.workflowTask()
        engine.run(h.task(), timerLoop(rounds)).completion.commands shouldBe listOf(startTimerCommand(1, 5))
        engine.retainedEventCount shouldBe 0
        for (seq in 1..rounds) {
            val from = h.events.size + 1L
            h.completed()
            val t = h.timerStarted(seq)
            h.timerFired(seq, t)
            h.workflowTask()
            val run = engine.run(h.task(fromEventId = from), timerLoop(rounds))
            run.activations.map { it.jobs } shouldBe listOf(listOf(ActivationJob.FireTimer(seq)))
            run.activations.single().historyLength.toLong() shouldBe h.events.size.toLong()
            run.completion.commands shouldBe listOf(if (seq < rounds) startTimerCommand(seq + 1, 5) else completeCommand("done"))
            engine.retainedEventCount shouldBe 0
        }
    }

    test("full replay of a long history holds only the events after the current boundary and ends holding none") {
        val rounds = 45 // the scripted driver allows fewer than 50 activations per task
        val h = timerLoopHistory(rounds)
        val last = h.events.size.toLong()
        val engine = WorkflowRunEngine("default", "orders")
        val retainedAtActivation = ArrayList<Pair<Long, Int>>()
        val run = engine.run(h.task()) { a ->
            retainedAtActivation.add(a.historyLength.toLong() to engine.retainedEventCount)
            timerLoop(rounds)(a)
        }
        run.activations.size shouldBe rounds + 1
        run.activations.map { it.isReplaying } shouldBe List(rounds) { true } + false
        run.completion.commands shouldBe listOf(completeCommand("done"))
        // at each boundary the engine holds exactly the events after it (not applied yet), none before
        retainedAtActivation.forEach { (boundary, retained) -> retained.toLong() shouldBe last - boundary }
        retainedAtActivation.last() shouldBe (last to 0)
        engine.retainedEventCount shouldBe 0
    }

    test("after releasing events, known events are skipped and a gap is still reported with the last event id") {
        val h = timerLoopHistory(3)
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), timerLoop(3))
        engine.retainedEventCount shouldBe 0
        val from = h.events.size + 1L
        h.completed()
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
            workflowExecutionCompletedEventAttributesBuilder.setResult(payloads("done"))
        }
        // the whole history again: events 1..from-1 are known and skipped although no longer held
        val gapTask = h.task(fromEventId = from + 1)
        val e = shouldThrow<IllegalArgumentException> { engine.applyWorkflowTask(gapTask) }
        e.message shouldBe "History of run r-1 has a gap: expected event $from but got ${from + 1}. " +
            "Page the full history (or the events after ${from - 1}) before applying the task."
    }

    test("continue-as-new in a later task inherits the start event's fields after that event was released") {
        val h = HistoryBuilder()
        val memo = Memo.newBuilder().putFields("k", text("m")).build()
        val attrs = SearchAttributes.newBuilder().putIndexedFields("CustomKeywordField", text("sa")).build()
        val retry = RetryPolicy.newBuilder().setMaximumAttempts(7).build()
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
            workflowExecutionStartedEventAttributesBuilder.setWorkflowType(WorkflowType.newBuilder().setName("Order"))
                .setTaskQueue(TaskQueue.newBuilder().setName("start-queue")).setInput(payloads("in"))
                .setOriginalExecutionRunId("r-1").setFirstExecutionRunId("r-1").setAttempt(1)
                .setWorkflowTaskTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(13))
                .setMemo(memo).setSearchAttributes(attrs).setRetryPolicy(retry)
        }
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "worker-queue")
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            when {
                a.jobs.any { it is ActivationJob.InitializeWorkflow } -> listOf(WorkflowCommand.StartTimer(1, 5.seconds))
                else -> listOf(WorkflowCommand.ContinueAsNewWorkflowExecution(workflowType = "", taskQueue = "", arguments = payloads("next")))
            }
        }
        engine.run(h.task(), wf)
        engine.retainedEventCount shouldBe 0
        engine.workflowTaskTimeout shouldBe 13.seconds
        val from = h.events.size + 1L
        h.completed()
        val t = h.timerStarted(1)
        h.timerFired(1, t)
        h.workflowTask()
        val can = engine.run(h.task(fromEventId = from), wf).completion.commands.single().continueAsNewWorkflowExecutionCommandAttributes
        can.workflowType.name shouldBe "Order"
        can.taskQueue.name shouldBe "start-queue"
        can.input shouldBe payloads("next")
        can.memo shouldBe memo
        can.searchAttributes shouldBe attrs
        can.retryPolicy shouldBe retry
        engine.workflowTaskTimeout shouldBe 13.seconds
    }
})
