@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelNexusOperationCommandAttributes
import dev.temporalkt.api.command.v1.ScheduleNexusOperationCommandAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.NexusOperationFailureInfo
import dev.temporalkt.api.failure.v1.TimeoutFailureInfo
import dev.temporalkt.api.enums.v1.TimeoutType
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.NexusOperationCancellationType
import dev.temporalkt.worker.activation.NexusOperationResult
import dev.temporalkt.worker.activation.NexusOperationStartResolution
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

private fun scheduleOp(
    type: NexusOperationCancellationType = NexusOperationCancellationType.WAIT_CANCELLATION_COMPLETED,
    operation: String = "sayHello",
) = WorkflowCommand.ScheduleNexusOperation(
    seq = 1, endpoint = "greeting-endpoint", service = "Greeting", operation = operation, input = text("Ada"),
    scheduleToCloseTimeout = 30.seconds, headers = mapOf("x-trace" to "t1"), cancellationType = type,
)

/** Schedules operation 1 on init, cancels it on signal "cancel", completes with how the operation resolved. */
private fun nexusWorkflow(
    type: NexusOperationCancellationType = NexusOperationCancellationType.WAIT_CANCELLATION_COMPLETED,
    operation: String = "sayHello",
    cancelInInit: Boolean = false,
): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    a.jobs.flatMap { job ->
        when (job) {
            is ActivationJob.InitializeWorkflow ->
                listOf(scheduleOp(type, operation)) + if (cancelInInit) listOf(WorkflowCommand.RequestCancelNexusOperation(1)) else emptyList()
            is ActivationJob.SignalWorkflow -> listOf(WorkflowCommand.RequestCancelNexusOperation(1))
            is ActivationJob.ResolveNexusOperation ->
                listOf(WorkflowCommand.CompleteWorkflowExecution(text(job.result::class.simpleName!!)))
            else -> emptyList()
        }
    }
}

private fun HistoryBuilder.nexusScheduled(operation: String = "sayHello"): Long = add(EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED) {
    nexusOperationScheduledEventAttributesBuilder.setEndpoint("greeting-endpoint").setService("Greeting")
        .setOperation(operation).setInput(text("Ada")).setRequestId("req-1")
}

private fun HistoryBuilder.nexusStarted(scheduled: Long, token: String): Long = add(EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED) {
    nexusOperationStartedEventAttributesBuilder.setScheduledEventId(scheduled).setOperationToken(token).setRequestId("req-1")
}

private fun HistoryBuilder.nexusCompleted(scheduled: Long, result: String): Long = add(EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED) {
    nexusOperationCompletedEventAttributesBuilder.setScheduledEventId(scheduled).setResult(text(result)).setRequestId("req-1")
}

private fun HistoryBuilder.nexusCancelRequested(scheduled: Long): Long = add(EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED) {
    nexusOperationCancelRequestedEventAttributesBuilder.setScheduledEventId(scheduled)
}

/** The failure info the engine puts on the failures it builds itself. */
private fun opInfo(scheduled: Long, token: String = "") = NexusOperationFailureInfo.newBuilder().setScheduledEventId(scheduled)
    .setEndpoint("greeting-endpoint").setService("Greeting").setOperation("sayHello").setOperationToken(token).build()

private fun engineCancelled(message: String, scheduled: Long, token: String = ""): Failure = Failure.newBuilder().setMessage(message)
    .setNexusOperationExecutionFailureInfo(opInfo(scheduled, token))
    .setCause(Failure.newBuilder().setMessage("operation canceled").setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance()))
    .build()

/** A failure as the server records it: operation info around the handler's cause. */
private fun serverFailure(scheduled: Long, cause: Failure): Failure = Failure.newBuilder().setMessage("nexus operation completed unsuccessfully")
    .setNexusOperationExecutionFailureInfo(opInfo(scheduled)).setCause(cause).build()

class NexusOperationReplayTest : FunSpec({
    fun scheduledHistory(): Pair<HistoryBuilder, Long> {
        val h = HistoryBuilder()
        h.started(); h.fullWorkflowTask()
        return h to h.nexusScheduled()
    }

    fun engine() = WorkflowRunEngine("default", "orders")

    test("ScheduleNexusOperation becomes the API command with endpoint, service, operation, input, timeout, headers and summary") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = engine().run(h.task()) { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(scheduleOp().copy(summary = text("greet Ada"))) else emptyList()
        }
        run.completion.commands shouldBe listOf(
            Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION)
                .setScheduleNexusOperationCommandAttributes(
                    ScheduleNexusOperationCommandAttributes.newBuilder().setEndpoint("greeting-endpoint").setService("Greeting")
                        .setOperation("sayHello").setInput(text("Ada"))
                        .setScheduleToCloseTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(30))
                        .putNexusHeader("x-trace", "t1"),
                ).setUserMetadata(UserMetadata.newBuilder().setSummary(text("greet Ada"))).build(),
        )
    }

    test("an asynchronous operation resolves its start with the token, then its result in a later task") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.nexusCompleted(sched, "Hello Ada")
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow())
        run.activations.map { it.jobs.drop(if (it === run.activations[0]) 1 else 0) } shouldBe listOf(
            emptyList(),
            listOf(ActivationJob.ResolveNexusOperationStart(1, NexusOperationStartResolution.StartedAsync("tok-1"))),
            listOf(ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Completed(text("Hello Ada")))),
        )
        run.activations.map { it.isReplaying } shouldBe listOf(true, true, false)
        run.completion.commands.single().completeWorkflowExecutionCommandAttributes.result.getPayloads(0) shouldBe text("Completed")
    }

    test("a resolved operation is forgotten: its machine and routes are released") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.nexusCompleted(sched, "Hello Ada")
        h.signaled("go"); h.workflowTask()
        val engine = engine()
        engine.run(h.task()) { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(scheduleOp()) else emptyList()
        }.completion.commands.shouldBeEmpty()
        engine.heldStateCount shouldBe 0
    }

    test("a synchronous operation resolves its start and its result in the same activation") {
        val (h, sched) = scheduledHistory()
        h.nexusCompleted(sched, "Hello Ada")
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow())
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.ResolveNexusOperationStart(1, NexusOperationStartResolution.StartedSync),
            ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Completed(text("Hello Ada"))),
        )
    }

    test("a failed start resolves only the result, with the failure recorded by the server") {
        val (h, sched) = scheduledHistory()
        val failure = serverFailure(
            sched,
            Failure.newBuilder().setMessage("no such name").setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("NotFound")).build(),
        )
        h.add(EventType.EVENT_TYPE_NEXUS_OPERATION_FAILED) {
            nexusOperationFailedEventAttributesBuilder.setScheduledEventId(sched).setFailure(failure)
        }
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow())
        run.activations[1].jobs shouldBe listOf(ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Failed(failure)))
    }

    test("a schedule-to-close timeout resolves TimedOut with the server's failure") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        val failure = serverFailure(
            sched,
            Failure.newBuilder().setMessage("operation timed out")
                .setTimeoutFailureInfo(TimeoutFailureInfo.newBuilder().setTimeoutType(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE)).build(),
        )
        h.add(EventType.EVENT_TYPE_NEXUS_OPERATION_TIMED_OUT) {
            nexusOperationTimedOutEventAttributesBuilder.setScheduledEventId(sched).setFailure(failure)
        }
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow())
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.ResolveNexusOperationStart(1, NexusOperationStartResolution.StartedAsync("tok-1")),
            ActivationJob.ResolveNexusOperation(1, NexusOperationResult.TimedOut(failure)),
        )
    }

    test("cancelled before its schedule command was sent: nothing is sent and start and result resolve Cancelled") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow(cancelInInit = true))
        val failure = engineCancelled("Nexus operation cancelled before it was scheduled", 0)
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.ResolveNexusOperationStart(1, NexusOperationStartResolution.CancelledBeforeStart(failure)),
            ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Cancelled(failure)),
        )
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
    }

    test("TRY_CANCEL sends the request-cancel command and resolves Cancelled in the same task") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow(NexusOperationCancellationType.TRY_CANCEL))
        run.activations.last().jobs shouldBe listOf(
            ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Cancelled(engineCancelled("Nexus operation cancelled", sched, "tok-1"))),
        )
        run.completion.commands shouldBe listOf(
            Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION)
                .setRequestCancelNexusOperationCommandAttributes(RequestCancelNexusOperationCommandAttributes.newBuilder().setScheduledEventId(sched))
                .build(),
            run.completion.commands[1],
        )
        run.completion.commands[1].commandType shouldBe CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION
    }

    test("ABANDON sends no command and resolves Cancelled at once") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow(NexusOperationCancellationType.ABANDON))
        run.activations.last().jobs.single() shouldBe
            ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Cancelled(engineCancelled("Nexus operation cancelled", sched, "tok-1")))
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
    }

    test("WAIT_CANCELLATION_REQUESTED resolves Cancelled when the handler accepted the cancel request") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.fullWorkflowTask()
        val requested = h.nexusCancelRequested(sched)
        h.add(EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED) {
            nexusOperationCancelRequestCompletedEventAttributesBuilder.setRequestedEventId(requested).setScheduledEventId(sched)
        }
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow(NexusOperationCancellationType.WAIT_CANCELLATION_REQUESTED))
        run.activations.last().jobs shouldBe listOf(
            ActivationJob.ResolveNexusOperation(
                1, NexusOperationResult.Cancelled(engineCancelled("Nexus operation cancellation request completed", sched, "tok-1")),
            ),
        )
        run.activations.last().isReplaying shouldBe false
    }

    test("WAIT_CANCELLATION_REQUESTED resolves Failed when the handler rejected the cancel request (routed by requested event id)") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.fullWorkflowTask()
        val requested = h.nexusCancelRequested(sched)
        val cause = Failure.newBuilder().setMessage("cannot cancel").build()
        h.add(EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_FAILED) {
            nexusOperationCancelRequestFailedEventAttributesBuilder.setRequestedEventId(requested).setFailure(cause)
        }
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow(NexusOperationCancellationType.WAIT_CANCELLATION_REQUESTED))
        run.activations.last().jobs shouldBe listOf(
            ActivationJob.ResolveNexusOperation(
                1,
                NexusOperationResult.Failed(
                    Failure.newBuilder().setMessage("Nexus operation cancellation request failed")
                        .setNexusOperationExecutionFailureInfo(opInfo(sched, "tok-1")).setCause(cause).build(),
                ),
            ),
        )
    }

    test("WAIT_CANCELLATION_COMPLETED waits past the accepted request for the Canceled event") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.fullWorkflowTask()
        val requested = h.nexusCancelRequested(sched)
        h.add(EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED) {
            nexusOperationCancelRequestCompletedEventAttributesBuilder.setRequestedEventId(requested).setScheduledEventId(sched)
        }
        h.fullWorkflowTask()
        val failure = serverFailure(sched, Failure.newBuilder().setMessage("operation canceled").setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance()).build())
        h.add(EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED) {
            nexusOperationCanceledEventAttributesBuilder.setScheduledEventId(sched).setFailure(failure)
        }
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow())
        val withJobs = run.activations.filter { a -> a.jobs.any { it is ActivationJob.ResolveNexusOperation } }
        withJobs.size shouldBe 1
        withJobs.single().jobs shouldBe listOf(ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Cancelled(failure)))
        withJobs.single().isReplaying shouldBe false
    }

    test("replay with a different operation name is non-deterministic and names both") {
        val (h, _) = scheduledHistory()
        h.signaled("go")
        h.workflowTask()
        val e = shouldThrow<NonDeterminismException> { engine().run(h.task(), nexusWorkflow(operation = "sayBye")) }
        e.message shouldBe "Non-deterministic workflow 'Order' (id o-1, run r-1): history event 5 is " +
            "NexusOperationScheduled(endpoint 'greeting-endpoint', service 'Greeting', operation 'sayHello') but the workflow produced " +
            "ScheduleNexusOperation(seq 1, endpoint 'greeting-endpoint', service 'Greeting', operation 'sayBye')"
    }

    test("a removed Nexus operation is non-deterministic") {
        val (h, _) = scheduledHistory()
        h.signaled("go")
        h.workflowTask()
        val e = shouldThrow<NonDeterminismException> { engine().run(h.task()) { emptyList() } }
        e.message shouldBe "Non-deterministic workflow 'Order' (id o-1, run r-1): history event 5 is " +
            "NexusOperationScheduled(endpoint 'greeting-endpoint', service 'Greeting', operation 'sayHello') " +
            "but the workflow produced no command for it"
    }

    test("a replayed cancel request matches its NexusOperationCancelRequested event") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.fullWorkflowTask()
        h.nexusCancelRequested(sched)
        h.signaled("other")
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow())
        run.completion.commands.shouldBeEmpty()
        run.activations.last().jobs shouldBe listOf(ActivationJob.SignalWorkflow("other", payloads("other"), "client"))
    }

    test("TRY_CANCEL before the operation started resolves once; the later Canceled event is ignored") {
        val (h, sched) = scheduledHistory()
        h.signaled("cancel")
        h.fullWorkflowTask()
        h.nexusCancelRequested(sched)
        h.add(EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED) {
            nexusOperationCanceledEventAttributesBuilder.setScheduledEventId(sched)
                .setFailure(serverFailure(sched, Failure.newBuilder().setMessage("operation canceled").build()))
        }
        h.signaled("other")
        h.workflowTask()
        val resolutions = ArrayList<ActivationJob>()
        val run = engine().run(h.task()) { a ->
            resolutions += a.jobs.filter { it is ActivationJob.ResolveNexusOperation || it is ActivationJob.ResolveNexusOperationStart }
            nexusWorkflow(NexusOperationCancellationType.TRY_CANCEL)(a).filter { it !is WorkflowCommand.CompleteWorkflowExecution }
        }
        resolutions shouldBe listOf(
            ActivationJob.ResolveNexusOperation(1, NexusOperationResult.Cancelled(engineCancelled("Nexus operation cancelled", sched))),
        )
        run.completion.commands.shouldBeEmpty()
    }

    test("ABANDON ignores the operation's later completion") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.fullWorkflowTask()
        h.nexusCompleted(sched, "too late")
        h.workflowTask()
        val resolutions = ArrayList<ActivationJob>()
        engine().run(h.task()) { a ->
            resolutions += a.jobs.filterIsInstance<ActivationJob.ResolveNexusOperation>()
            nexusWorkflow(NexusOperationCancellationType.ABANDON)(a).filter { it !is WorkflowCommand.CompleteWorkflowExecution }
        }
        resolutions.map { (it as ActivationJob.ResolveNexusOperation).result::class.simpleName } shouldBe listOf("Cancelled")
    }

    test("a second cancel request for the same operation sends nothing more") {
        val (h, sched) = scheduledHistory()
        h.nexusStarted(sched, "tok-1")
        h.fullWorkflowTask()
        h.signaled("cancel")
        h.signaled("cancel")
        h.workflowTask()
        val run = engine().run(h.task(), nexusWorkflow())
        run.completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION)
    }
})
