@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.StartChildWorkflowExecutionFailedCause
import dev.temporalkt.api.enums.v1.SignalExternalWorkflowExecutionFailedCause
import dev.temporalkt.api.enums.v1.CancelExternalWorkflowExecutionFailedCause
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.ChildWorkflowCancellationType
import dev.temporalkt.worker.activation.ChildWorkflowResult
import dev.temporalkt.worker.activation.ChildWorkflowStartResolution
import dev.temporalkt.worker.activation.LogicFlag
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

private fun child(type: ChildWorkflowCancellationType = ChildWorkflowCancellationType.TRY_CANCEL) = WorkflowCommand.StartChildWorkflowExecution(
    seq = 1, namespace = "", workflowId = "child-1", workflowType = "Ship", taskQueue = "", input = payloads("c"),
    cancellationType = type,
)

private fun HistoryBuilder.childInitiated(): Long = add(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
    startChildWorkflowExecutionInitiatedEventAttributesBuilder.setWorkflowId("child-1").setWorkflowType(WorkflowType.newBuilder().setName("Ship"))
        .setNamespace("default")
}

private fun HistoryBuilder.childStarted(initiated: Long): Long = add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
    childWorkflowExecutionStartedEventAttributesBuilder.setInitiatedEventId(initiated)
        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("child-1").setRunId("child-run"))
}

private fun childWorkflow(type: ChildWorkflowCancellationType = ChildWorkflowCancellationType.TRY_CANCEL): (WorkflowActivation) -> List<WorkflowCommand> = { a ->
    a.jobs.flatMap {
        when (it) {
            is ActivationJob.InitializeWorkflow -> listOf(child(type))
            is ActivationJob.SignalWorkflow -> listOf(WorkflowCommand.CancelChildWorkflowExecution(1))
            else -> emptyList()
        }
    }
}

class ChildAndExternalWorkflowsTest : FunSpec({
    test("child start command, then started and completed resolve start and result") {
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val first = engine.run(h.task(), childWorkflow())
        val attrs = first.completion.commands.single().startChildWorkflowExecutionCommandAttributes
        attrs.namespace shouldBe "default"
        attrs.workflowId shouldBe "child-1"
        attrs.workflowType.name shouldBe "Ship"
        attrs.taskQueue.name shouldBe "orders"
        attrs.input shouldBe payloads("c")

        val from = h.events.size + 1L
        h.completed()
        val initiated = h.childInitiated()
        val started = h.childStarted(initiated)
        h.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED) {
            childWorkflowExecutionCompletedEventAttributesBuilder.setInitiatedEventId(initiated).setStartedEventId(started)
                .setResult(payloads("shipped"))
        }
        h.workflowTask()
        val second = engine.run(h.task(fromEventId = from), childWorkflow())
        second.activations.single().jobs shouldBe listOf(
            ActivationJob.ResolveChildWorkflowExecutionStart(1, ChildWorkflowStartResolution.Succeeded("child-run")),
            ActivationJob.ResolveChildWorkflowExecution(1, ChildWorkflowResult.Completed(text("shipped"))),
        )
    }

    test("child start failure resolves the start as failed with the cause") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val initiated = h.childInitiated()
        h.add(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED) {
            startChildWorkflowExecutionFailedEventAttributesBuilder.setInitiatedEventId(initiated).setWorkflowId("child-1")
                .setWorkflowType(WorkflowType.newBuilder().setName("Ship"))
                .setCause(StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS)
        }
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), childWorkflow())
        run.activations[1].jobs shouldBe listOf(
            ActivationJob.ResolveChildWorkflowExecutionStart(
                1,
                ChildWorkflowStartResolution.Failed(
                    "child-1", "Ship", StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS,
                ),
            ),
        )
    }

    test("TRY_CANCEL of a started child sends a child-only cancel request and resolves Cancelled at once") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val initiated = h.childInitiated()
        h.childStarted(initiated)
        h.signaled("cancel")
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), childWorkflow())
        val cancel = run.completion.commands.single()
        cancel.commandType shouldBe CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION
        cancel.requestCancelExternalWorkflowExecutionCommandAttributes.workflowId shouldBe "child-1"
        cancel.requestCancelExternalWorkflowExecutionCommandAttributes.runId shouldBe "child-run"
        cancel.requestCancelExternalWorkflowExecutionCommandAttributes.childWorkflowOnly shouldBe true
        val resolved = run.activations.last().jobs.single() as ActivationJob.ResolveChildWorkflowExecution
        val failure = (resolved.result as ChildWorkflowResult.Cancelled).failure
        failure.message shouldBe "Child Workflow execution cancelled"
        failure.childWorkflowExecutionFailureInfo.workflowExecution.runId shouldBe "child-run"
        failure.childWorkflowExecutionFailureInfo.initiatedEventId shouldBe initiated
        failure.cause.hasCanceledFailureInfo() shouldBe true
    }

    test("ABANDON of a started child sends no cancel request and resolves Cancelled at once") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val initiated = h.childInitiated()
        h.childStarted(initiated)
        h.signaled("cancel")
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), childWorkflow(ChildWorkflowCancellationType.ABANDON))
        run.completion.commands.size shouldBe 0
        val resolved = run.activations.last().jobs.single() as ActivationJob.ResolveChildWorkflowExecution
        (resolved.result as ChildWorkflowResult.Cancelled).failure.cause.hasCanceledFailureInfo() shouldBe true
    }

    for (type in listOf(ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED, ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)) {
        test("$type of a started child resolves only when the ${if (type == ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED) "cancel request reached the child" else "child was cancelled"}") {
            val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
            val initiated = h.childInitiated()
            val started = h.childStarted(initiated)
            h.signaled("cancel")
            h.workflowTask()
            val engine = WorkflowRunEngine("default", "orders")
            val first = engine.run(h.task(), childWorkflow(type))
            first.completion.commands.single().commandType shouldBe CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION
            first.activations.flatMap { it.jobs }.none { it is ActivationJob.ResolveChildWorkflowExecution } shouldBe true

            var from = h.events.size + 1L
            h.completed()
            val request = h.add(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
                requestCancelExternalWorkflowExecutionInitiatedEventAttributesBuilder.setChildWorkflowOnly(true)
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("child-1").setRunId("child-run"))
            }
            h.add(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED) {
                externalWorkflowExecutionCancelRequestedEventAttributesBuilder.setInitiatedEventId(request)
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("child-1").setRunId("child-run"))
            }
            h.workflowTask()
            val second = engine.run(h.task(fromEventId = from), childWorkflow(type))
            val afterRequest = second.activations.flatMap { it.jobs }.filterIsInstance<ActivationJob.ResolveChildWorkflowExecution>()
            if (type == ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED) {
                (afterRequest.single().result as ChildWorkflowResult.Cancelled).failure.cause.hasCanceledFailureInfo() shouldBe true
            } else {
                afterRequest.size shouldBe 0
                from = h.events.size + 1L
                h.completed()
                h.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED) {
                    childWorkflowExecutionCanceledEventAttributesBuilder.setInitiatedEventId(initiated).setStartedEventId(started)
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("child-1").setRunId("child-run"))
                }
                h.workflowTask()
                val third = engine.run(h.task(fromEventId = from), childWorkflow(type))
                val resolved = third.activations.single().jobs.single() as ActivationJob.ResolveChildWorkflowExecution
                (resolved.result as ChildWorkflowResult.Cancelled).failure.cause.hasCanceledFailureInfo() shouldBe true
            }
        }
    }

    test("a failed child resolves with a child workflow failure around the cause") {
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val initiated = h.childInitiated()
        val started = h.childStarted(initiated)
        val cause = Failure.newBuilder().setMessage("boom").build()
        h.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED) {
            childWorkflowExecutionFailedEventAttributesBuilder.setInitiatedEventId(initiated).setStartedEventId(started).setFailure(cause)
        }
        h.workflowTask()
        val run = WorkflowRunEngine("default", "orders").run(h.task(), childWorkflow())
        val result = (run.activations[1].jobs[1] as ActivationJob.ResolveChildWorkflowExecution).result as ChildWorkflowResult.Failed
        result.failure.message shouldBe "Child Workflow execution failed"
        result.failure.cause shouldBe cause
        result.failure.childWorkflowExecutionFailureInfo.startedEventId shouldBe started
    }

    test("external signal and cancel request: commands, then resolution by their outcome events") {
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(
                WorkflowCommand.SignalExternalWorkflowExecution(1, SignalTarget.External(NamespacedExecution("default", "other", "")), "poke", payloads("p")),
                WorkflowCommand.RequestCancelExternalWorkflowExecution(1, NamespacedExecution("default", "victim")),
            ) else emptyList()
        }
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val first = engine.run(h.task(), wf)
        first.completion.commands.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION, CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION,
        )
        first.completion.commands[0].signalExternalWorkflowExecutionCommandAttributes.execution.workflowId shouldBe "other"
        first.completion.commands[0].signalExternalWorkflowExecutionCommandAttributes.signalName shouldBe "poke"

        val from = h.events.size + 1L
        h.completed()
        val sig = h.add(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
            signalExternalWorkflowExecutionInitiatedEventAttributesBuilder.setSignalName("poke")
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("other"))
        }
        val can = h.add(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
            requestCancelExternalWorkflowExecutionInitiatedEventAttributesBuilder.setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("victim"))
        }
        h.add(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED) {
            externalWorkflowExecutionCancelRequestedEventAttributesBuilder.setInitiatedEventId(can)
        }
        h.add(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED) {
            signalExternalWorkflowExecutionFailedEventAttributesBuilder.setInitiatedEventId(sig)
                .setCause(SignalExternalWorkflowExecutionFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND)
        }
        h.workflowTask()
        val second = engine.run(h.task(fromEventId = from), wf)
        val jobs = second.activations.single().jobs
        jobs[0] shouldBe ActivationJob.ResolveRequestCancelExternalWorkflow(1)
        val signalFailure = (jobs[1] as ActivationJob.ResolveSignalExternalWorkflow).failure!!
        signalFailure.message shouldBe
            "Unable to signal external workflow 'other': SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND"
        signalFailure.applicationFailureInfo.type shouldBe "SignalExternalWorkflowExecutionFailed"
    }

    test("external signal delivered and cancel request failed resolve the other way round; a changed target is non-determinism") {
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(
                WorkflowCommand.SignalExternalWorkflowExecution(1, SignalTarget.External(NamespacedExecution("default", "other", "")), "poke", payloads("p")),
                WorkflowCommand.RequestCancelExternalWorkflowExecution(1, NamespacedExecution("default", "victim")),
            ) else emptyList()
        }
        fun history(cancelTarget: String) = HistoryBuilder().apply {
            started(); fullWorkflowTask()
            val sig = add(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
                signalExternalWorkflowExecutionInitiatedEventAttributesBuilder.setSignalName("poke")
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("other"))
            }
            val can = add(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
                requestCancelExternalWorkflowExecutionInitiatedEventAttributesBuilder.setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(cancelTarget))
            }
            add(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED) {
                requestCancelExternalWorkflowExecutionFailedEventAttributesBuilder.setInitiatedEventId(can)
                    .setCause(CancelExternalWorkflowExecutionFailedCause.CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND)
            }
            add(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED) {
                externalWorkflowExecutionSignaledEventAttributesBuilder.setInitiatedEventId(sig)
            }
            workflowTask()
        }
        val jobs = WorkflowRunEngine("default", "orders").run(history("victim").task(), wf).activations[1].jobs
        val cancelFailure = (jobs[0] as ActivationJob.ResolveRequestCancelExternalWorkflow).failure!!
        cancelFailure.message shouldBe
            "Unable to cancel external workflow 'victim': CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND"
        cancelFailure.applicationFailureInfo.type shouldBe "CancelExternalWorkflowExecutionFailed"
        jobs[1] shouldBe ActivationJob.ResolveSignalExternalWorkflow(1)

        val e = shouldThrow<NonDeterminismException> { WorkflowRunEngine("default", "orders").run(history("someone-else").task(), wf) }
        e.eventId shouldBe 6
        e.commandDescription shouldBe "RequestCancelExternalWorkflowExecution(seq 1, workflow id 'victim')"
    }

    test("a child cancelled after its start was initiated but before it started is cancelled once it starts (TRY_CANCEL)") {
        // first task: the child's start is initiated; second: a signal cancels it before ChildWorkflowExecutionStarted
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val initiated = h.childInitiated()
        h.signaled("cancel"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val cancelled = engine.run(h.task(), childWorkflow())
        // the start resolves cancelled at once, nothing goes out yet: the child has no run to cancel
        cancelled.activations.last().jobs.single() shouldBe ActivationJob.ResolveChildWorkflowExecutionStart(
            1, ChildWorkflowStartResolution.Cancelled((cancelled.activations.last().jobs.single() as ActivationJob.ResolveChildWorkflowExecutionStart).let {
                (it.status as ChildWorkflowStartResolution.Cancelled).failure
            }),
        )
        cancelled.completion.commands.size shouldBe 0
        cancelled.completion.sdkMetadata.langUsedFlagsList shouldBe listOf(LogicFlag.CANCEL_CHILD_ONCE_STARTED.id)

        // the child starts: the request-cancel command goes out with the next task, and no resolution reaches the code
        val from = h.events.size + 1L
        h.completed(listOf(LogicFlag.CANCEL_CHILD_ONCE_STARTED.id))
        h.childStarted(initiated)
        h.workflowTask()
        val afterStart = engine.run(h.task(fromEventId = from), childWorkflow())
        afterStart.activations.flatMap { it.jobs }.filterIsInstance<ActivationJob.ResolveChildWorkflowExecution>().size shouldBe 0
        val cancel = afterStart.completion.commands.single()
        cancel.commandType shouldBe CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION
        cancel.requestCancelExternalWorkflowExecutionCommandAttributes.runId shouldBe "child-run"
        cancel.requestCancelExternalWorkflowExecutionCommandAttributes.childWorkflowOnly shouldBe true

        // the history this writes replays, and once the request is recorded the child is forgotten
        h.completed()
        h.add(EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
            requestCancelExternalWorkflowExecutionInitiatedEventAttributesBuilder.setChildWorkflowOnly(true)
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("child-1").setRunId("child-run"))
        }
        h.signaled("more"); h.workflowTask()
        val replayEngine = WorkflowRunEngine("default", "orders")
        replayEngine.run(h.task(), childWorkflow()).completion.commands.size shouldBe 0
        replayEngine.heldStateCount shouldBe 0
    }

    for (type in listOf(ChildWorkflowCancellationType.WAIT_CANCELLATION_REQUESTED, ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)) {
        test("$type of a child not started yet waits for its start, then requests the cancellation") {
            val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
            val initiated = h.childInitiated()
            h.signaled("cancel"); h.workflowTask()
            val engine = WorkflowRunEngine("default", "orders")
            val cancelled = engine.run(h.task(), childWorkflow(type))
            cancelled.activations.drop(1).flatMap { it.jobs }.filter { it !is ActivationJob.SignalWorkflow } shouldBe emptyList()
            cancelled.completion.commands.size shouldBe 0

            val from = h.events.size + 1L
            h.completed(listOf(LogicFlag.CANCEL_CHILD_ONCE_STARTED.id))
            h.childStarted(initiated)
            h.workflowTask()
            val afterStart = engine.run(h.task(fromEventId = from), childWorkflow(type))
            afterStart.activations.single().jobs shouldBe listOf(
                ActivationJob.ResolveChildWorkflowExecutionStart(1, ChildWorkflowStartResolution.Succeeded("child-run")),
            )
            afterStart.completion.commands.single().commandType shouldBe CommandType.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION
        }
    }

    test("a history recorded before a child was cancelled once started replays the old way: nothing sent, later events ignored") {
        // no CANCEL_CHILD_ONCE_STARTED flag in history: the start resolved cancelled and no request was ever sent
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val initiated = h.childInitiated()
        h.signaled("cancel"); h.fullWorkflowTask()
        val started = h.childStarted(initiated)
        h.add(EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED) {
            childWorkflowExecutionCompletedEventAttributesBuilder.setInitiatedEventId(initiated).setStartedEventId(started).setResult(payloads("done"))
        }
        h.signaled("more"); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.run(h.task(), childWorkflow())
        run.activations.flatMap { it.jobs }.filterIsInstance<ActivationJob.ResolveChildWorkflowExecution>().size shouldBe 0
        run.completion.commands.size shouldBe 0
        engine.heldStateCount shouldBe 0
    }

    test("withdrawing a signal and a cancel request not sent yet drops their commands and resolves nothing") {
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            if (a.jobs.any { it is ActivationJob.InitializeWorkflow }) listOf(
                WorkflowCommand.SignalExternalWorkflowExecution(1, SignalTarget.External(NamespacedExecution("default", "other", "")), "poke", payloads("p")),
                WorkflowCommand.RequestCancelExternalWorkflowExecution(1, NamespacedExecution("default", "victim")),
                WorkflowCommand.CancelSignalExternalWorkflow(1),
                WorkflowCommand.CancelRequestCancelExternalWorkflow(1),
                WorkflowCommand.StartTimer(1, kotlin.time.Duration.parse("1m")),
            ) else emptyList()
        }
        val h = HistoryBuilder(); h.started(); h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        engine.run(h.task(), wf).completion.commands.map { it.commandType } shouldBe listOf(CommandType.COMMAND_TYPE_START_TIMER)
        engine.heldStateCount shouldBe 2 // the timer's machine and its queued start command
        // replay of what that wrote matches: the withdrawn requests are dropped on replay too
        h.completed(); h.timerStarted(1); h.signaled("go"); h.workflowTask()
        WorkflowRunEngine("default", "orders").run(h.task(), wf).completion.commands.size shouldBe 0
    }

    test("withdrawing a signal already sent leaves it to be delivered and resolves nothing") {
        val wf: (WorkflowActivation) -> List<WorkflowCommand> = { a ->
            a.jobs.flatMap {
                when (it) {
                    is ActivationJob.InitializeWorkflow -> listOf(
                        WorkflowCommand.SignalExternalWorkflowExecution(1, SignalTarget.External(NamespacedExecution("default", "other", "")), "poke", payloads("p")),
                    )
                    is ActivationJob.SignalWorkflow -> listOf(WorkflowCommand.CancelSignalExternalWorkflow(1))
                    else -> emptyList()
                }
            }
        }
        val h = HistoryBuilder(); h.started(); h.fullWorkflowTask()
        val sig = h.add(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) {
            signalExternalWorkflowExecutionInitiatedEventAttributesBuilder.setSignalName("poke")
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("other"))
        }
        h.signaled("stop"); h.fullWorkflowTask()
        h.add(EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED) { externalWorkflowExecutionSignaledEventAttributesBuilder.setInitiatedEventId(sig) }
        h.workflowTask()
        val engine = WorkflowRunEngine("default", "orders")
        val run = engine.run(h.task(), wf)
        run.activations.flatMap { it.jobs }.filterIsInstance<ActivationJob.ResolveSignalExternalWorkflow>().size shouldBe 0
        run.completion.commands.size shouldBe 0
        engine.heldStateCount shouldBe 0
    }
})
