@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelActivityTaskCommandAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

/**
 * Schedules activity 1 on init; signal "cancel" cancels it, signal "finish" completes the run with "finished".
 * A resolution is only acknowledged by cancelling the same seq again, which must send nothing.
 */
private fun releasingWorkflow(type: ActivityCancellationType): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    a.jobs.flatMap { job ->
        when (job) {
            is ActivationJob.InitializeWorkflow -> listOf(
                WorkflowCommand.ScheduleActivity(
                    seq = 1, activityId = "a1", activityType = "charge", taskQueue = "", arguments = payloads("x"),
                    startToClose = 10.seconds, cancellationType = type,
                ),
            )
            is ActivationJob.SignalWorkflow -> when (job.signalName) {
                "cancel" -> listOf(WorkflowCommand.RequestCancelActivity(1))
                else -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("finished")))
            }
            is ActivationJob.ResolveActivity -> listOf(WorkflowCommand.RequestCancelActivity(1))
            else -> emptyList()
        }
    }
}

private fun requestCancelCommand(scheduled: Long): Command =
    Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK)
        .setRequestCancelActivityTaskCommandAttributes(RequestCancelActivityTaskCommandAttributes.newBuilder().setScheduledEventId(scheduled))
        .build()

class ActivityReleaseTest : FunSpec({
    test("a completed activity leaves no machine or route behind, and cancelling its seq afterwards sends no command") {
        val wf = releasingWorkflow(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        val h = HistoryBuilder()
        h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), wf).completion.commands.single().commandType shouldBe CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK
        engine.activityMachineCount shouldBe 1

        val second = h.events.size + 1L
        h.completed()
        val sched = h.activityScheduled("charge", "a1")
        val started = h.activityStarted(sched)
        h.activityCompleted(sched, started, text("paid"))
        h.workflowTask()
        val run = engine.run(h.task(fromEventId = second), wf)
        run.activations.single().jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("paid"))))
        run.completion.commands.shouldBeEmpty()
        engine.activityMachineCount shouldBe 0
        engine.routeCount shouldBe 0

        val third = h.events.size + 1L
        h.completed()
        h.signaled("cancel")
        h.workflowTask()
        val cancelAgain = engine.run(h.task(fromEventId = third), wf)
        cancelAgain.activations.single().jobs shouldBe listOf(ActivationJob.SignalWorkflow("cancel", payloads("cancel"), "client"))
        cancelAgain.completion.commands.shouldBeEmpty()
        engine.activityMachineCount shouldBe 0
    }

    listOf("ActivityTaskCanceled", "ActivityTaskCompleted").forEach { late ->
        test("after a TRY_CANCEL resolution a late $late is accepted silently, live and on full replay") {
            val wf = releasingWorkflow(ActivityCancellationType.TRY_CANCEL)
            val h = HistoryBuilder()
            h.started(); h.fullWorkflowTask()
            val sched = h.activityScheduled("charge", "a1")
            val started = h.activityStarted(sched)
            h.signaled("cancel")
            h.workflowTask()
            val engine = WorkflowRunEngine("default", "orders")
            val first = engine.run(h.task(), wf)
            first.activations.map { a -> a.jobs.map { it::class.simpleName } } shouldBe listOf(
                listOf("InitializeWorkflow"), listOf("SignalWorkflow"), listOf("ResolveActivity"),
            )
            (first.activations[2].jobs.single() as ActivationJob.ResolveActivity).result::class shouldBe ActivityResolution.Cancelled::class
            first.completion.commands shouldBe listOf(requestCancelCommand(sched))
            engine.activityMachineCount shouldBe 0
            engine.routeCount shouldBe 0

            val next = h.events.size + 1L
            h.completed()
            h.activityCancelRequested(sched)
            if (late == "ActivityTaskCanceled") h.activityCanceled(sched, started, payloads("partial"))
            else h.activityCompleted(sched, started, text("paid"))
            h.signaled("finish")
            h.workflowTask()
            val live = engine.run(h.task(fromEventId = next), wf)
            live.activations.single().jobs shouldBe listOf(ActivationJob.SignalWorkflow("finish", payloads("finish"), "client"))
            live.completion.commands shouldBe listOf(completeCommand("finished"))

            val replayEngine = WorkflowRunEngine("default", "orders")
            val replay = replayEngine.run(h.task(), wf)
            replay.activations.map { a -> a.jobs.map { it::class.simpleName } } shouldBe listOf(
                listOf("InitializeWorkflow"), listOf("SignalWorkflow"), listOf("ResolveActivity"), listOf("SignalWorkflow"),
            )
            replay.activations.map { it.isReplaying } shouldBe listOf(true, true, true, false)
            replay.completion.commands shouldBe listOf(completeCommand("finished"))
            replayEngine.activityMachineCount shouldBe 0
            replayEngine.routeCount shouldBe 0
        }
    }
})
