@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.CancelTimerCommandAttributes
import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.CompleteWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.StartTimerCommandAttributes
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

fun startTimerCommand(seq: Int, seconds: Long): Command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
    .setStartTimerCommandAttributes(
        StartTimerCommandAttributes.newBuilder().setTimerId(seq.toString())
            .setStartToFireTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(seconds)),
    ).build()

fun completeCommand(result: String): Command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
    .setCompleteWorkflowExecutionCommandAttributes(
        CompleteWorkflowExecutionCommandAttributes.newBuilder().setResult(Payloads.newBuilder().addPayloads(text(result))),
    ).build()

/** Timer workflow: start timer 1 on init, complete with "done" when it fires. */
val timerWorkflow: (dev.temporalkt.worker.activation.WorkflowActivation) -> List<WorkflowCommand> = { a ->
    when {
        a.jobs.any { it is ActivationJob.InitializeWorkflow } -> listOf(WorkflowCommand.StartTimer(1, 5.seconds))
        a.jobs.any { it is ActivationJob.FireTimer } -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("done")))
        else -> emptyList()
    }
}

class WorkflowRunEngineBasicsTest : FunSpec({
    test("randomness seed is SipHash-1-3 of the run id as the Rust core computes it") {
        // golden values: CPython 3.11 hashes bytes with SipHash-1-3 and, with PYTHONHASHSEED=0, a zero key
        RandomnessSeed.of("r-1") shouldBe -3364562374251435722L
        RandomnessSeed.of("0123456789abcdef-run") shouldBe 6638011862730792201L
    }

    test("zero execution and run timeouts in the started event (how servers write none) initialize as no timeout") {
        val h = HistoryBuilder()
        h.started()
        h.events[0] = h.events[0].toBuilder().apply {
            workflowExecutionStartedEventAttributesBuilder
                .setWorkflowExecutionTimeout(com.google.protobuf.Duration.getDefaultInstance())
                .setWorkflowRunTimeout(com.google.protobuf.Duration.getDefaultInstance())
                .setWorkflowTaskTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(10))
        }.build()
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) { emptyList() }
        val init = run.activations.single().jobs.single() as ActivationJob.InitializeWorkflow
        init.executionTimeout shouldBe null
        init.runTimeout shouldBe null
        init.taskTimeout shouldBe 10.seconds
    }

    test("first task: InitializeWorkflow with the started event's fields, new work, StartTimer command out") {
        val h = HistoryBuilder()
        h.started()
        h.workflowTask(sizeBytes = 321, suggestCan = true)
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.run(h.task(), timerWorkflow)

        run.activations.size shouldBe 1
        val a = run.activations[0]
        a.runId shouldBe "r-1"
        a.isReplaying shouldBe false
        a.timestamp shouldBe h.timeOf(3)
        a.historyLength shouldBe 3
        a.historySizeBytes shouldBe 321
        a.continueAsNewSuggested shouldBe true
        a.jobs shouldBe listOf(
            ActivationJob.InitializeWorkflow(
                workflowType = "Order",
                workflowId = "o-1",
                arguments = payloads("in"),
                randomnessSeed = RandomnessSeed.of("r-1"),
                identity = "starter",
                attempt = 1,
                firstExecutionRunId = "r-1",
                startTime = h.timeOf(1),
            ),
        )
        run.completion.commands shouldBe listOf(startTimerCommand(1, 5))
        engine.workflowType shouldBe "Order"
    }

    test("sticky continuation: timer fires, workflow completes; full replay gives the same jobs and no commands until new work") {
        val h = HistoryBuilder()
        h.started()
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), timerWorkflow)
        h.completed()
        val timer = h.timerStarted(1)
        h.timerFired(1, timer)
        h.workflowTask()

        val sticky = engine.run(h.task(fromEventId = 4), timerWorkflow)
        sticky.activations.map { it.jobs } shouldBe listOf(listOf(ActivationJob.FireTimer(1)))
        sticky.activations[0].isReplaying shouldBe false
        sticky.activations[0].timestamp shouldBe h.timeOf(8)
        sticky.completion.commands shouldBe listOf(completeCommand("done"))

        val fresh = WorkflowRunEngine("default", "orders")
        val replay = fresh.run(h.task(), timerWorkflow)
        replay.activations.map { it.isReplaying } shouldBe listOf(true, false)
        replay.activations[0].timestamp shouldBe h.timeOf(3)
        replay.activations[1].jobs shouldBe listOf(ActivationJob.FireTimer(1))
        replay.completion.commands shouldBe listOf(completeCommand("done"))
    }

    test("replaying a closed history produces no commands") {
        val h = HistoryBuilder()
        h.started(); h.fullWorkflowTask()
        val timer = h.timerStarted(1)
        h.timerFired(1, timer)
        h.fullWorkflowTask()
        h.workflowCompleted(text("done"))
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.run(h.task(legacyQuery = dev.temporalkt.api.query.v1.WorkflowQuery.newBuilder().setQueryType("state").build())) { a ->
            if (a.isQueryOnly) {
                a.jobs.map {
                    WorkflowCommand.RespondToQuery((it as ActivationJob.QueryWorkflow).queryId, dev.temporalkt.worker.activation.QueryOutcome.Succeeded(text("s")))
                }
            } else timerWorkflow(a)
        }
        run.activations.map { it.isReplaying } shouldBe listOf(true, true, true)
        run.activations[2].jobs.single() shouldBe ActivationJob.QueryWorkflow("legacy_query", "state", Payloads.getDefaultInstance())
        run.completion.commands.shouldBeEmpty()
        run.completion.legacyQueryResult!!.answer shouldBe Payloads.newBuilder().addPayloads(text("s")).build()
    }

    test("cancelling a timer whose start was not sent drops both commands") {
        val h = HistoryBuilder()
        h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) {
            listOf(WorkflowCommand.StartTimer(1, 5.seconds), WorkflowCommand.StartTimer(2, 9.seconds), WorkflowCommand.CancelTimer(1))
        }
        run.completion.commands shouldBe listOf(startTimerCommand(2, 9))
    }

    test("cancelling a started timer sends CancelTimer and replays against TimerCanceled") {
        val h = HistoryBuilder()
        h.started(); h.fullWorkflowTask()
        val timer = h.timerStarted(1)
        h.signaled("stop")
        h.workflowTask()
        val wf: (dev.temporalkt.worker.activation.WorkflowActivation) -> List<WorkflowCommand> = { a ->
            when {
                a.jobs.any { it is ActivationJob.InitializeWorkflow } -> listOf(WorkflowCommand.StartTimer(1, 5.seconds))
                a.jobs.any { it is ActivationJob.SignalWorkflow } -> listOf(WorkflowCommand.CancelTimer(1), WorkflowCommand.CompleteWorkflowExecution(text("stopped")))
                else -> emptyList()
            }
        }
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.run(h.task(), wf)
        run.completion.commands shouldBe listOf(
            Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_CANCEL_TIMER)
                .setCancelTimerCommandAttributes(CancelTimerCommandAttributes.newBuilder().setTimerId("1")).build(),
            completeCommand("stopped"),
        )
        h.completed()
        h.timerCanceled(1, timer)
        h.workflowCompleted(text("stopped"))
        // the fired event never comes; replaying the closed history matches CancelTimer with TimerCanceled
        val replay = WorkflowRunEngine("default", "orders").run(h.task(legacyQuery = dev.temporalkt.api.query.v1.WorkflowQuery.getDefaultInstance()), wf)
        replay.completion.commands.shouldBeEmpty()
    }

    test("signal in the same task as a timer firing comes first; cancel request racing the timer keeps history order") {
        val h = HistoryBuilder()
        h.started(); h.fullWorkflowTask()
        val timer = h.timerStarted(1)
        h.timerFired(1, timer)
        h.cancelRequested("user asked")
        h.signaled("a")
        h.signaled("b")
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), timerWorkflow)
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.SignalWorkflow("a", payloads("a"), "client"),
            ActivationJob.SignalWorkflow("b", payloads("b"), "client"),
            ActivationJob.FireTimer(1),
            ActivationJob.CancelWorkflow("user asked"),
        )
    }

    test("a failed workflow task is skipped: its events flow into the next task") {
        val h = HistoryBuilder()
        h.started()
        h.workflowTask()
        h.add(dev.temporalkt.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
        h.signaled("s")
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) { emptyList() }
        run.activations.size shouldBe 1
        run.activations[0].isReplaying shouldBe false
        run.activations[0].historyLength shouldBe 7
        run.activations[0].jobs.map { it::class.simpleName } shouldBe listOf("InitializeWorkflow", "SignalWorkflow")
    }

    test("closing commands: fail, cancel and continue-as-new keep the run's type and task queue when unset") {
        val h = HistoryBuilder()
        h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) {
            listOf(WorkflowCommand.ContinueAsNewWorkflowExecution(workflowType = "", taskQueue = "", arguments = payloads("next")))
        }
        val attrs = run.completion.commands.single().continueAsNewWorkflowExecutionCommandAttributes
        attrs.workflowType.name shouldBe "Order"
        attrs.taskQueue.name shouldBe "orders"
        attrs.input shouldBe payloads("next")
        attrs.hasWorkflowRunTimeout() shouldBe false

        val run2 = WorkflowRunEngine("default", "orders").run(HistoryBuilder().apply { started(); workflowTask() }.task()) {
            listOf(WorkflowCommand.CancelWorkflowExecution)
        }
        run2.completion.commands.single().commandType shouldBe CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION
    }
})
