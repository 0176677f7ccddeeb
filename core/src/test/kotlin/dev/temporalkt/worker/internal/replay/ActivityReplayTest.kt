@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelActivityTaskCommandAttributes
import dev.temporalkt.api.command.v1.ScheduleActivityTaskCommandAttributes
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.failure.v1.ActivityFailureInfo
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.taskqueue.v1.TaskQueue
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

private fun schedule(type: ActivityCancellationType = ActivityCancellationType.TRY_CANCEL) = WorkflowCommand.ScheduleActivity(
    seq = 1, activityId = "a1", activityType = "charge", taskQueue = "", arguments = payloads("x"),
    startToClose = 10.seconds, cancellationType = type,
)

/** Schedules activity 1 on init, cancels it on signal "cancel", completes with what resolved it. */
private fun activityWorkflow(type: ActivityCancellationType = ActivityCancellationType.TRY_CANCEL): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    a.jobs.flatMap { job ->
        when (job) {
            is ActivationJob.InitializeWorkflow -> listOf(schedule(type))
            is ActivationJob.SignalWorkflow -> listOf(WorkflowCommand.RequestCancelActivity(1))
            is ActivationJob.ResolveActivity -> listOf(WorkflowCommand.CompleteWorkflowExecution(text(job.result::class.simpleName!!)))
            else -> emptyList()
        }
    }
}

private fun cancelledFailure(scheduled: Long, started: Long, identity: String, details: dev.temporalkt.api.common.v1.Payloads?): Failure {
    val canceled = CanceledFailureInfo.newBuilder()
    if (details != null) canceled.setDetails(details)
    return Failure.newBuilder().setMessage("Activity cancelled")
        .setActivityFailureInfo(
            ActivityFailureInfo.newBuilder().setScheduledEventId(scheduled).setStartedEventId(started).setIdentity(identity)
                .setActivityType(ActivityType.newBuilder().setName("charge")).setActivityId("a1")
                .setRetryState(RetryState.RETRY_STATE_CANCEL_REQUESTED),
        )
        .setCause(Failure.newBuilder().setMessage("Activity cancelled").setCanceledFailureInfo(canceled))
        .build()
}

class ActivityReplayTest : FunSpec({
    fun scheduledHistory(): Pair<HistoryBuilder, Long> {
        val h = HistoryBuilder()
        h.started(); h.fullWorkflowTask()
        return h to h.activityScheduled("charge", "a1")
    }

    fun expectedSchedule(eager: Boolean) = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
        .setScheduleActivityTaskCommandAttributes(
            ScheduleActivityTaskCommandAttributes.newBuilder().setActivityId("a1")
                .setActivityType(ActivityType.newBuilder().setName("charge"))
                .setTaskQueue(TaskQueue.newBuilder().setName("orders"))
                .setInput(payloads("x"))
                .setStartToCloseTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(10))
                .setRequestEagerExecution(eager),
        ).build()

    test("ScheduleActivity becomes the API command with the worker's task queue as default, asking for eager execution") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), activityWorkflow())
        run.completion.commands shouldBe listOf(expectedSchedule(eager = true))
    }

    test("an activity that opted out of eager execution does not ask for it") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(schedule().copy(doNotEagerlyExecute = true)) else emptyList()
        }
        run.completion.commands shouldBe listOf(expectedSchedule(eager = false))
    }

    test("activity started and completed between workflow task scheduled and started resolves with the result") {
        val (h, sched) = scheduledHistory()
        h.signaled("other")
        h.add(dev.temporalkt.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
        val started = h.activityStarted(sched)
        h.activityCompleted(sched, started, text("paid"))
        h.add(dev.temporalkt.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
        val run = WorkflowRunEngine("default", "orders").run(h.task().toBuilder().setStartedEventId(h.events.size.toLong()).build()) { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(schedule()) else emptyList()
        }
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.SignalWorkflow("other", payloads("other"), "client"),
            ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("paid"))),
        )
        run.activations[1].isReplaying shouldBe false
    }

    test("a failed activity resolves with an ActivityFailure around the reported cause") {
        val (h, sched) = scheduledHistory()
        val started = h.activityStarted(sched)
        val cause = Failure.newBuilder().setMessage("card declined")
            .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("Declined")).build()
        h.activityFailed(sched, started, cause)
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), activityWorkflow())
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.ResolveActivity(
                1,
                ActivityResolution.Failed(
                    Failure.newBuilder().setMessage("Activity task failed").setCause(cause)
                        .setActivityFailureInfo(
                            ActivityFailureInfo.newBuilder().setScheduledEventId(sched).setStartedEventId(started)
                                .setIdentity("worker-1").setActivityType(ActivityType.newBuilder().setName("charge"))
                                .setActivityId("a1").setRetryState(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED),
                        ).build(),
                ),
            ),
        )
    }

    test("TRY_CANCEL sends the request-cancel command and resolves Cancelled in the same task") {
        val (h, sched) = scheduledHistory()
        h.activityStarted(sched)
        h.signaled("cancel")
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), activityWorkflow())
        run.activations.size shouldBe 3
        run.activations[2].jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Cancelled(cancelledFailure(sched, sched + 1, "", null))))
        run.activations[2].timestamp shouldBe run.activations[1].timestamp
        run.completion.commands shouldBe listOf(
            Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK)
                .setRequestCancelActivityTaskCommandAttributes(RequestCancelActivityTaskCommandAttributes.newBuilder().setScheduledEventId(sched))
                .build(),
            completeCommand("Cancelled"),
        )
    }

    test("WAIT_CANCELLATION_COMPLETED resolves only on ActivityTaskCanceled, with its details") {
        val (h, sched) = scheduledHistory()
        val started = h.activityStarted(sched)
        h.signaled("cancel")
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val first = engine.run(h.task(), activityWorkflow(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED))
        first.activations.size shouldBe 2
        first.completion.commands.single().commandType shouldBe CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK
        val before = h.events.size + 1L
        h.completed()
        h.activityCancelRequested(sched)
        h.activityCanceled(sched, started, payloads("partial"))
        h.workflowTask()
        val second = engine.run(h.task(fromEventId = before), activityWorkflow(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED))
        second.activations.single().jobs shouldBe listOf(
            ActivationJob.ResolveActivity(1, ActivityResolution.Cancelled(cancelledFailure(sched, started, "worker-1", payloads("partial")))),
        )
        second.completion.commands shouldBe listOf(completeCommand("Cancelled"))
    }

    test("ABANDON resolves Cancelled at once without a command and ignores the later completion") {
        val (h, sched) = scheduledHistory()
        h.activityStarted(sched)
        h.signaled("cancel")
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(schedule(ActivityCancellationType.ABANDON))
                    is ActivationJob.SignalWorkflow -> listOf(WorkflowCommand.RequestCancelActivity(1))
                    else -> emptyList()
                }
            }
        }
        run.activations.size shouldBe 3
        (run.activations[2].jobs.single() as ActivationJob.ResolveActivity).result::class shouldBe ActivityResolution.Cancelled::class
        run.completion.commands.shouldBeEmpty()
    }

    test("cancelling before the schedule command was sent drops it and resolves Cancelled") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task()) { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(schedule(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED), WorkflowCommand.RequestCancelActivity(1))
                    is ActivationJob.ResolveActivity -> listOf(WorkflowCommand.CompleteWorkflowExecution(text("gone")))
                    else -> emptyList()
                }
            }
        }
        run.activations[1].jobs shouldBe listOf(ActivationJob.ResolveActivity(1, ActivityResolution.Cancelled(cancelledFailure(0, 0, "", null))))
        run.completion.commands shouldBe listOf(completeCommand("gone"))
    }
})
