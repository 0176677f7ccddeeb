@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import com.google.protobuf.Any
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.StartChildWorkflowExecutionFailedCause
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.update.v1.Input
import dev.temporalkt.api.update.v1.Meta
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.api.update.v1.Request
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.ChildWorkflowStartResolution
import dev.temporalkt.worker.activation.UpdateOutcome
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

/** A closed (or any) history replayed from the start: every task is replay. */
private fun HistoryBuilder.replayTask(): PollWorkflowTaskQueueResponse = task().toBuilder().setStartedEventId(Long.MAX_VALUE).build()

private fun HistoryBuilder.taskFailed(cause: WorkflowTaskFailedCause, startedEventId: Long): Long =
    add(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) {
        workflowTaskFailedEventAttributesBuilder.setCause(cause).setStartedEventId(startedEventId).setScheduledEventId(startedEventId - 1)
            .setFailure(Failure.newBuilder().setMessage("rejected"))
    }

private fun jobNames(run: TaskRun) = run.activations.map { a -> a.jobs.map { it::class.simpleName } }

/**
 * Histories whose events arrive in orders that only happen under concurrency: work done while a workflow task was
 * scheduled but not started, completions the server rejected because new events arrived, updates admitted while a
 * task was running, cancellation racing a timer, a child that could not start. Each is played as the worker meets it
 * (new work) and replayed from the closed history.
 */
class OddOrdersTest : FunSpec({
    test("activity started and completed between workflow task scheduled and started: sticky continuation and full replay agree") {
        val workflow: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow ->
                        listOf(WorkflowCommand.ScheduleActivity(1, "1", "charge", "", payloads("card"), startToClose = 10.seconds))
                    is ActivationJob.ResolveActivity -> listOf(WorkflowCommand.CompleteWorkflowExecution((it.result as ActivityResolution.Completed).result))
                    else -> emptyList()
                }
            }
        }
        val h = HistoryBuilder()
        h.started()
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), workflow).completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
        h.completed()
        val scheduled = h.activityScheduled("charge", "1")
        // a signal schedules a task; the activity runs and completes before a worker starts that task
        h.signaled("nudge")
        h.add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
        val started = h.activityStarted(scheduled)
        h.activityCompleted(scheduled, started, text("paid"))
        val taskStarted = h.add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
        val sticky = engine.run(h.task(fromEventId = 4).toBuilder().setStartedEventId(taskStarted).build(), workflow)
        sticky.activations.single().jobs shouldBe listOf(
            ActivationJob.SignalWorkflow("nudge", payloads("nudge"), "client"),
            ActivationJob.ResolveActivity(1, ActivityResolution.Completed(text("paid"))),
        )
        sticky.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
        h.add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
            workflowTaskCompletedEventAttributesBuilder.setStartedEventId(taskStarted).setScheduledEventId(taskStarted - 3)
        }
        h.workflowCompleted(text("paid"))

        val replay = WorkflowRunEngine("default", "orders").run(h.replayTask(), workflow)
        replay.activations.map { it.jobs.drop(if (it.jobs.first() is ActivationJob.InitializeWorkflow) 1 else 0) } shouldBe listOf(
            emptyList(),
            sticky.activations.single().jobs,
        )
        replay.activations.all { it.isReplaying } shouldBe true
        replay.activations[1].historyLength shouldBe taskStarted.toInt()
        replay.completion.commands.shouldBeEmpty()
    }

    test("signal during an in-flight task: the rejected completion leaves no trace and the next task carries the signal") {
        val workflow: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            val signal = a.jobs.filterIsInstance<ActivationJob.SignalWorkflow>().firstOrNull()
            listOf(WorkflowCommand.CompleteWorkflowExecution(signal?.input?.getPayloads(0) ?: text("no signal")))
        }
        val h = HistoryBuilder()
        h.started()
        val firstStarted = h.workflowTask()
        // the worker answers with CompleteWorkflowExecution, but a signal came in meanwhile: the server refuses the
        // completion (UNHANDLED_COMMAND) and schedules a new task
        val inFlight = WorkflowRunEngine("default", "orders").run(h.task(), workflow)
        inFlight.completion.commands.single().completeWorkflowExecutionCommandAttributes.result.getPayloads(0) shouldBe text("no signal")
        h.signaled("late")
        h.taskFailed(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, firstStarted)
        val retried = h.workflowTask()

        // the worker rebuilds the run from full history
        val rebuilt = WorkflowRunEngine("default", "orders").run(h.task(), workflow)
        jobNames(rebuilt) shouldBe listOf(listOf("InitializeWorkflow", "SignalWorkflow"))
        rebuilt.activations.single().isReplaying shouldBe false
        rebuilt.activations.single().historyLength shouldBe retried.toInt()
        rebuilt.completion.commands.single().completeWorkflowExecutionCommandAttributes.result.getPayloads(0) shouldBe text("late")

        h.completed()
        h.workflowCompleted(text("late"))
        val replay = WorkflowRunEngine("default", "orders").run(h.replayTask(), workflow)
        jobNames(replay) shouldBe listOf(listOf("InitializeWorkflow", "SignalWorkflow"))
        replay.activations.single().isReplaying shouldBe true
        replay.completion.commands.shouldBeEmpty()
    }

    test("update admitted while a task runs: delivered with the next task after its signal, validated only then, replayed without validation") {
        val request = Request.newBuilder()
            .setMeta(Meta.newBuilder().setUpdateId("u1").setIdentity("client"))
            .setInput(Input.newBuilder().setName("approve").setArgs(payloads("yes")))
            .build()
        val workflow: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(WorkflowCommand.StartTimer(1, 60.seconds))
                    is ActivationJob.DoUpdate -> listOf(
                        WorkflowCommand.UpdateResponse(it.protocolInstanceId, UpdateOutcome.Accepted),
                        WorkflowCommand.UpdateResponse(it.protocolInstanceId, UpdateOutcome.Completed(text("approved"))),
                    )
                    else -> emptyList()
                }
            }
        }
        val h = HistoryBuilder()
        h.started()
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), workflow)
        // the update is admitted while the first task runs; it is not in history, the server sends it with the next
        // task together with a signal that arrived in the meantime
        h.completed()
        h.timerStarted(1)
        h.signaled("go")
        val scheduled = h.add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
        val started = h.add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
            workflowTaskStartedEventAttributesBuilder.setScheduledEventId(scheduled)
        }
        val message = Message.newBuilder().setId("m1").setProtocolInstanceId("u1").setEventId(scheduled).setBody(Any.pack(request)).build()
        val second = engine.run(h.task(fromEventId = 4, messages = listOf(message)).toBuilder().setStartedEventId(started).build(), workflow)
        second.activations.single().jobs shouldBe listOf(
            ActivationJob.SignalWorkflow("go", payloads("go"), "client"),
            ActivationJob.DoUpdate("u1", "u1", "approve", payloads("yes"), meta = request.meta, runValidator = true),
        )
        second.completion.messages.map { it.id } shouldBe listOf("m1/accept", "m1/complete")

        h.add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
            workflowTaskCompletedEventAttributesBuilder.setStartedEventId(started).setScheduledEventId(scheduled)
        }
        val accepted = h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
            workflowExecutionUpdateAcceptedEventAttributesBuilder.setProtocolInstanceId("u1").setAcceptedRequestMessageId("m1")
                .setAcceptedRequestSequencingEventId(scheduled).setAcceptedRequest(request)
        }
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED) {
            workflowExecutionUpdateCompletedEventAttributesBuilder.setMeta(request.meta).setAcceptedEventId(accepted)
                .setOutcome(Outcome.newBuilder().setSuccess(payloads("approved")))
        }
        val replay = WorkflowRunEngine("default", "orders").run(h.replayTask(), workflow)
        replay.activations[1].jobs shouldBe listOf(
            ActivationJob.SignalWorkflow("go", payloads("go"), "client"),
            ActivationJob.DoUpdate("u1", "u1", "approve", payloads("yes"), meta = request.meta, runValidator = false),
        )
        replay.activations.all { it.isReplaying } shouldBe true
        replay.completion.commands.shouldBeEmpty()
        replay.completion.messages.shouldBeEmpty()
    }

    test("cancel request racing a timer: the completion cancelling the timer is refused, the next task has both in history order") {
        val workflow: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            val fired = a.jobs.any { it is ActivationJob.FireTimer }
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(WorkflowCommand.StartTimer(1, 60.seconds))
                    is ActivationJob.CancelWorkflow ->
                        (if (fired) emptyList() else listOf(WorkflowCommand.CancelTimer(1))) + WorkflowCommand.CancelWorkflowExecution
                    else -> emptyList()
                }
            }
        }
        val h = HistoryBuilder()
        h.started()
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), workflow)
        h.completed()
        val timer = h.timerStarted(1)
        h.cancelRequested("user asked")
        val cancelTask = h.workflowTask()
        engine.run(h.task(fromEventId = 4), workflow).completion.commands.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_CANCEL_TIMER, CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
        )
        // the timer fires while that task is in flight: the server refuses its completion
        h.timerFired(1, timer)
        h.taskFailed(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, cancelTask)
        h.workflowTask()

        val rebuilt = WorkflowRunEngine("default", "orders").run(h.task(), workflow)
        rebuilt.activations[1].jobs shouldBe listOf(ActivationJob.CancelWorkflow("user asked"), ActivationJob.FireTimer(1))
        rebuilt.activations[1].isReplaying shouldBe false
        rebuilt.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION)

        h.completed()
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED)
        val replay = WorkflowRunEngine("default", "orders").run(h.replayTask(), workflow)
        replay.activations.map { it.jobs } shouldBe rebuilt.activations.map { it.jobs }
        replay.completion.commands.shouldBeEmpty()
    }

    test("child that cannot start because its id is in use: the start resolves failed, the run fails, and the history replays") {
        val workflow: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(
                        WorkflowCommand.StartChildWorkflowExecution(1, "", "child-1", "Ship", "", payloads("c")),
                    )
                    is ActivationJob.ResolveChildWorkflowExecutionStart ->
                        listOf(WorkflowCommand.FailWorkflowExecution(Failure.newBuilder().setMessage("child-1 already running").build()))
                    else -> emptyList()
                }
            }
        }
        val h = HistoryBuilder()
        h.started()
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), workflow).completion.commands.map { it.commandType } shouldBe
            listOf(CommandType.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION)
        h.completed()
        val initiated = h.add(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
            startChildWorkflowExecutionInitiatedEventAttributesBuilder.setWorkflowId("child-1")
                .setWorkflowType(WorkflowType.newBuilder().setName("Ship")).setNamespace("default")
        }
        h.add(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED) {
            startChildWorkflowExecutionFailedEventAttributesBuilder.setInitiatedEventId(initiated).setWorkflowId("child-1")
                .setWorkflowType(WorkflowType.newBuilder().setName("Ship"))
                .setCause(StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS)
        }
        h.workflowTask()
        val failedStart = ActivationJob.ResolveChildWorkflowExecutionStart(
            1,
            ChildWorkflowStartResolution.Failed(
                "child-1", "Ship", StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS,
            ),
        )
        val live = engine.run(h.task(fromEventId = 4), workflow)
        live.activations.single().jobs shouldBe listOf(failedStart)
        live.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION)

        h.completed()
        h.add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)
        val replay = WorkflowRunEngine("default", "orders").run(h.replayTask(), workflow)
        replay.activations[1].jobs shouldBe listOf(failedStart)
        replay.activations.all { it.isReplaying } shouldBe true
        replay.completion.commands.shouldBeEmpty()
    }
})
