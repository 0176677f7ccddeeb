@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.fixtures.HistoryFixtures
import dev.temporalkt.fixtures.RecordedWorkflows
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Histories recorded from the dev server by the end-to-end `RecordedHistoriesSpec` (which drives the same scripted
 * [RecordedWorkflows] through this engine), replayed from JSON.
 */
class RecordedHistoriesTest : FunSpec({
    fun load(name: String): History = HistoryFixtures.load(name)

    fun replay(history: History, workflow: (WorkflowActivation) -> List<WorkflowCommand>): TaskRun {
        val started = history.eventsList.first().workflowExecutionStartedEventAttributes
        val engine = WorkflowRunEngine("default", started.taskQueue.name)
        // a started event id beyond the history replays every task
        return engine.run(
            PollWorkflowTaskQueueResponse.newBuilder().setHistory(history).setStartedEventId(Long.MAX_VALUE)
                .setWorkflowType(started.workflowType)
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("recorded").setRunId(started.originalExecutionRunId))
                .build(),
            workflow,
        )
    }

    test("timer with a signal while it runs: signal and timer in their own tasks, no commands on replay") {
        val run = replay(load("timerAndSignal"), RecordedWorkflows.timerAndSignal)
        run.activations.map { a -> a.jobs.map { it::class.simpleName } } shouldBe listOf(
            listOf("InitializeWorkflow"), listOf("SignalWorkflow"), listOf("FireTimer"),
        )
        run.activations.all { it.isReplaying } shouldBe true
        run.completion.commands.shouldBeEmpty()
    }

    test("the recorded timer history is non-deterministic for code that schedules an activity instead") {
        val e = shouldThrow<NonDeterminismException> {
            replay(load("timerAndSignal")) { a ->
                if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) {
                    listOf(WorkflowCommand.ScheduleActivity(1, "a1", "charge", "", payloads(), startToClose = 1.seconds))
                } else emptyList()
            }
        }
        e.message shouldContain "history event 5 is TimerStarted(timer id '1') but the workflow produced ScheduleActivity(seq 1"
    }

    test("activity completed on the server replays with its result") {
        var result: ActivityResolution? = null
        val run = replay(load("activity")) { a ->
            a.jobs.filterIsInstance<ActivationJob.ResolveActivity>().forEach { result = it.result }
            RecordedWorkflows.activity(a)
        }
        result shouldBe ActivityResolution.Completed(text("paid"))
        run.completion.commands.shouldBeEmpty()
    }

    test("patch marker, search attribute upsert and cancelled timer replay, with the patch notified ahead") {
        val run = replay(load("patchUpsertCancel"), RecordedWorkflows.patchUpsertCancel)
        run.activations[0].jobs[1] shouldBe ActivationJob.NotifyHasPatch("v2")
        run.activations[1].jobs shouldBe listOf(ActivationJob.FireTimer(2))
        run.completion.commands.shouldBeEmpty()
    }

    test("children, external signal and cancel, memo and search attributes recorded on the server replay with every resolution") {
        val script = RecordedWorkflows.ChildrenAndExternal()
        val run = replay(load("childrenAndExternal"), script)
        script.outcomes.sorted() shouldBe listOf(
            "cancel 2 requested", "child 1 Completed", "child 2 Failed", "child 3 Cancelled",
            "child 4 not started: START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS", "signal 1 delivered",
        )
        script.resolutions.filterIsInstance<ActivationJob.ResolveChildWorkflowExecutionStart>().map { it.seq } shouldBe listOf(1, 2, 3, 4)
        run.activations.all { it.isReplaying } shouldBe true
        run.completion.commands.shouldBeEmpty()
    }

    test("a reset run (the end-to-end WorkerHistoriesSpec) re-seeds randomness ahead of the signal of the task run again") {
        val history = load("worker-reset")
        val reset = history.eventsList.single { it.hasWorkflowTaskFailedEventAttributes() }.workflowTaskFailedEventAttributes
        val run = replay(history) { a ->
            if (a.jobs.any { it is ActivationJob.SignalWorkflow }) listOf(WorkflowCommand.CompleteWorkflowExecution(text("drawn"))) else emptyList()
        }
        run.activations.map { a -> a.jobs.map { it::class.simpleName } } shouldBe listOf(
            listOf("InitializeWorkflow"), listOf("UpdateRandomSeed", "SignalWorkflow"),
        )
        val initialize = run.activations[0].jobs.single() as ActivationJob.InitializeWorkflow
        val reseed = run.activations[1].jobs.first() as ActivationJob.UpdateRandomSeed
        initialize.randomnessSeed shouldBe RandomnessSeed.of(history.eventsList.first().workflowExecutionStartedEventAttributes.originalExecutionRunId)
        reseed.randomnessSeed shouldBe RandomnessSeed.of(reset.newRunId)
        (reseed.randomnessSeed != initialize.randomnessSeed) shouldBe true
        run.activations.all { it.isReplaying } shouldBe true
        run.completion.commands.shouldBeEmpty()
    }

    // The worker-* fixtures are written by the end-to-end WorkerHistoriesSpec from Kotlin workflows; these scripts issue
    // the same commands, so the engine alone replays them.

    test("a run failed after a timer (worker-failure) replays: timer, then the fail command") {
        val run = replay(load("worker-failure")) { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(WorkflowCommand.StartTimer(1, 10.milliseconds))
                    is ActivationJob.FireTimer -> listOf(WorkflowCommand.FailWorkflowExecution(Failure.newBuilder().setMessage("order rejected").build()))
                    else -> emptyList()
                }
            }
        }
        run.activations.map { a -> a.jobs.map { it::class.simpleName } } shouldBe listOf(listOf("InitializeWorkflow"), listOf("FireTimer"))
        run.activations.all { it.isReplaying } shouldBe true
        run.completion.commands.shouldBeEmpty()
    }

    test("a run continued as new after a timer (worker-continueAsNew) replays; another close command is non-determinism") {
        fun script(close: WorkflowCommand): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(WorkflowCommand.StartTimer(1, 10.milliseconds))
                    is ActivationJob.FireTimer -> listOf(close)
                    else -> emptyList()
                }
            }
        }
        val run = replay(load("worker-continueAsNew"), script(WorkflowCommand.ContinueAsNewWorkflowExecution("", "", payloads("1"))))
        run.activations.all { it.isReplaying } shouldBe true
        run.completion.commands.shouldBeEmpty()
        val e = shouldThrow<NonDeterminismException> {
            replay(load("worker-continueAsNew"), script(WorkflowCommand.CompleteWorkflowExecution(text("2"))))
        }
        e.message shouldContain "WorkflowExecutionContinuedAsNew"
    }

    test("a cancel request (worker-cancelled) replays: cancel job, timer cancelled, clean-up activity, cancelled run") {
        val run = replay(load("worker-cancelled")) { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(WorkflowCommand.StartTimer(1, 1.hours))
                    is ActivationJob.CancelWorkflow -> listOf(
                        WorkflowCommand.CancelTimer(1),
                        WorkflowCommand.ScheduleActivity(1, "1", "echo", "", payloads("clean up"), startToClose = 10.seconds),
                    )
                    is ActivationJob.ResolveActivity -> listOf(WorkflowCommand.CancelWorkflowExecution)
                    else -> emptyList()
                }
            }
        }
        run.activations.map { a -> a.jobs.map { it::class.simpleName } } shouldBe listOf(
            listOf("InitializeWorkflow"), listOf("CancelWorkflow"), listOf("ResolveActivity"),
        )
        run.completion.commands.shouldBeEmpty()
    }

    test("signals and updates (worker-messages) replay: updates come back from their accepted events without validation") {
        val handled = mutableListOf<String>()
        var waiting: String? = null
        val run = replay(load("worker-messages")) { a ->
            a.jobs.flatMap { job ->
                when (job) {
                    is ActivationJob.SignalWorkflow -> if (job.signalName == "finish") {
                        listOf(WorkflowCommand.CompleteWorkflowExecution(text("done")))
                    } else emptyList()
                    is ActivationJob.DoUpdate -> {
                        handled += "${job.name} validate=${job.runValidator}"
                        if (job.name == "addChecked") {
                            waiting = job.protocolInstanceId
                            listOf(WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Accepted), WorkflowCommand.StartTimer(1, 10.milliseconds))
                        } else {
                            listOf(
                                WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Accepted),
                                WorkflowCommand.UpdateResponse(job.protocolInstanceId, UpdateOutcome.Rejected(Failure.newBuilder().setMessage("refused").build())),
                            )
                        }
                    }
                    is ActivationJob.FireTimer -> listOf(WorkflowCommand.UpdateResponse(waiting!!, UpdateOutcome.Completed(text("2"))))
                    else -> emptyList()
                }
            }
        }
        handled shouldBe listOf("addChecked validate=false", "refuse validate=false")
        run.activations.flatMap { a -> a.jobs.map { it::class.simpleName } }.filter { it != "InitializeWorkflow" } shouldBe listOf(
            "SignalWorkflow", "DoUpdate", "FireTimer", "DoUpdate", "SignalWorkflow",
        )
        run.activations.all { it.isReplaying } shouldBe true
        run.completion.commands.shouldBeEmpty()
        run.completion.messages.shouldBeEmpty()
    }
})
