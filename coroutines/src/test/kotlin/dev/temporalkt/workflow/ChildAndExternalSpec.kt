@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.common.ParentClosePolicy
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.StartChildWorkflowExecutionFailedCause
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.SearchAttributeUpdate
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowAlreadyStartedException
import dev.temporalkt.worker.activation.ActivationJob.ResolveChildWorkflowExecution
import dev.temporalkt.worker.activation.ActivationJob.ResolveChildWorkflowExecutionStart
import dev.temporalkt.worker.activation.ActivationJob.ResolveRequestCancelExternalWorkflow
import dev.temporalkt.worker.activation.ActivationJob.ResolveSignalExternalWorkflow
import dev.temporalkt.worker.activation.ChildWorkflowResult
import dev.temporalkt.worker.activation.ChildWorkflowStartResolution
import dev.temporalkt.worker.activation.NamespacedExecution
import dev.temporalkt.worker.activation.SignalTarget
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration.Companion.minutes

@Workflow(name = "invoice")
class InvoiceWorkflow {
    @WorkflowRun
    suspend fun run(order: Order): Int = order.amount

    @Signal
    fun addLine(text: String, amount: Int) = Unit
}

@Workflow
class ParentWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val child = Workflow.startChildWorkflow(
            InvoiceWorkflow::run, Order("o-1", 5),
            options = ChildWorkflowOptions(workflowId = "invoice-1", runTimeout = 10.minutes, parentClosePolicy = ParentClosePolicy.ABANDON),
        )
        child.signal(InvoiceWorkflow::addLine, "shipping", 7)
        val total = child.result()
        val duplicate = try {
            Workflow.startChildWorkflow(InvoiceWorkflow::run, Order("o-1", 5), options = ChildWorkflowOptions(workflowId = "invoice-1"))
            "started twice"
        } catch (e: WorkflowAlreadyStartedException) {
            e.message!!
        }
        return "${child.firstExecutionRunId} $total | $duplicate"
    }
}

@Workflow
class ExternalWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val other = Workflow.getExternalWorkflowHandle("order-42", runId = "r-9")
        other.signal("approve", "manager")
        return try {
            other.cancel()
            "cancelled"
        } catch (e: ApplicationFailure) {
            "cancel failed: ${e.message}"
        }
    }
}

@Workflow
class PropertiesWorkflow {
    @WorkflowRun
    suspend fun run(): List<String?> {
        Workflow.upsertSearchAttributes(STATUS.valueSet("shipped"), PRIORITY.valueUnset())
        Workflow.upsertMemo(mapOf("note" to "fragile", "old" to null))
        return listOf(
            Workflow.searchAttributes()[STATUS],
            Workflow.memoValue<String>("note"),
            Workflow.memoValue<String>("old"),
        )
    }

    companion object {
        val STATUS = SearchAttributeKey.forKeyword("Status")
        val PRIORITY = SearchAttributeKey.forLong("Priority")
    }
}

@Workflow
class CancellingParentWorkflow {
    @WorkflowRun
    suspend fun run(): Int = Workflow.executeChildWorkflow(InvoiceWorkflow::run, Order("o-2", 9), options = ChildWorkflowOptions(workflowId = "c"))
}

/** Signals another workflow while a timer runs; whichever ends first cancels the other. */
@Workflow
class SignalRaceWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val delivered = withTimeoutOrNull(1.minutes) {
            Workflow.getExternalWorkflowHandle("order-42").signal("approve", "manager")
            true
        }
        return if (delivered == true) "delivered" else "gave up"
    }
}

class ChildAndExternalSpec : FunSpec({
    test("cancelling the wait for a signal to another workflow withdraws the signal and resumes the waiter at once") {
        val h = WorkflowHarness(SignalRaceWorkflow::class)
        val signal = WorkflowCommand.SignalExternalWorkflowExecution(
            1, SignalTarget.External(NamespacedExecution("ns", "order-42", "")), "approve", h.payloads("manager"),
        )
        h.start() shouldBe listOf(WorkflowCommand.StartTimer(1, 1.minutes), signal)
        // the timer fires first: the wait is cancelled, the signal withdrawn (dropped by the core if not sent yet)
        val completion = h.activate(dev.temporalkt.worker.activation.ActivationJob.FireTimer(1))
            .shouldBeInstanceOf<dev.temporalkt.worker.activation.WorkflowActivationCompletion.Successful>()
        completion.commands shouldBe listOf(
            WorkflowCommand.CancelSignalExternalWorkflow(1),
            CompleteWorkflowExecution(h.payload("gave up")),
        )
        completion.usedInternalFlags shouldBe setOf(dev.temporalkt.worker.activation.LogicFlag.WITHDRAW_EXTERNAL_REQUESTS.id)
    }

    test("replaying a history recorded before signals could be withdrawn leaves the signal in place") {
        val h = WorkflowHarness(SignalRaceWorkflow::class).apply { replaying = true; flags = emptySet() }
        h.start()
        h.commands(dev.temporalkt.worker.activation.ActivationJob.FireTimer(1)) shouldBe
            listOf(CompleteWorkflowExecution(h.payload("gave up")))
    }

    test("cancelling the parent while it awaits the child cancels the child and waits for its resolution") {
        val h = WorkflowHarness(CancellingParentWorkflow::class)
        h.start().single().shouldBeInstanceOf<WorkflowCommand.StartChildWorkflowExecution>().workflowId shouldBe "c"
        h.commands(ResolveChildWorkflowExecutionStart(1, ChildWorkflowStartResolution.Succeeded("r"))) shouldBe emptyList()
        h.commands(dev.temporalkt.worker.activation.ActivationJob.CancelWorkflow()) shouldBe
            listOf(WorkflowCommand.CancelChildWorkflowExecution(1))
        val cancelled = h.failureConverter.toFailure(
            dev.temporalkt.failure.ChildWorkflowFailure(
                "child cancelled", "ns", "c", "r", "invoice", 5, 6, dev.temporalkt.failure.RetryState.CANCEL_REQUESTED,
                dev.temporalkt.failure.CanceledFailure("cancelled"),
            ),
            h.payloadConverter,
        )
        h.commands(ResolveChildWorkflowExecution(1, ChildWorkflowResult.Cancelled(cancelled))) shouldBe
            listOf(WorkflowCommand.CancelWorkflowExecution)
    }

    test("child workflows: start, signal, result, and a start that fails because the id is in use") {
        val h = WorkflowHarness(ParentWorkflow::class)
        h.start() shouldBe listOf(
            WorkflowCommand.StartChildWorkflowExecution(
                seq = 1, namespace = "", workflowId = "invoice-1", workflowType = "invoice", taskQueue = "tq",
                input = h.payloads(Order("o-1", 5)), runTimeout = 10.minutes,
                parentClosePolicy = dev.temporalkt.api.enums.v1.ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON,
            ),
        )
        h.commands(ResolveChildWorkflowExecutionStart(1, ChildWorkflowStartResolution.Succeeded("child-run"))) shouldBe listOf(
            WorkflowCommand.SignalExternalWorkflowExecution(
                1, SignalTarget.Child("invoice-1"), "addLine",
                Payloads.newBuilder().addPayloads(h.payload("shipping")).addPayloads(h.payload(7)).build(),
            ),
        )
        h.commands(ResolveSignalExternalWorkflow(1)) shouldBe emptyList()
        val second = h.commands(ResolveChildWorkflowExecution(1, ChildWorkflowResult.Completed(h.payload(5)))).single()
        second.shouldBeInstanceOf<WorkflowCommand.StartChildWorkflowExecution>().seq shouldBe 2
        h.commands(
            ResolveChildWorkflowExecutionStart(
                2,
                ChildWorkflowStartResolution.Failed(
                    "invoice-1", "invoice",
                    StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS,
                ),
            ),
        ) shouldBe listOf(
            CompleteWorkflowExecution(
                h.payload("child-run 5 | " + WorkflowAlreadyStartedException("invoice-1", "invoice", null).message),
            ),
        )
    }

    test("cancelling the parent before its child started asks to cancel the child and waits for the start the core resolves") {
        val h = WorkflowHarness(CancellingParentWorkflow::class)
        h.start().single().shouldBeInstanceOf<WorkflowCommand.StartChildWorkflowExecution>()
        // the start is initiated but not resolved: the core sends the cancel request once the child has started
        h.commands(dev.temporalkt.worker.activation.ActivationJob.CancelWorkflow()) shouldBe
            listOf(WorkflowCommand.CancelChildWorkflowExecution(1))
        h.commands(ResolveChildWorkflowExecutionStart(1, ChildWorkflowStartResolution.Succeeded("r"))) shouldBe
            listOf(WorkflowCommand.CancelWorkflowExecution)
    }

    test("external workflows: signal and cancel requests resolve with delivery or the failure") {
        val h = WorkflowHarness(ExternalWorkflow::class)
        h.start() shouldBe listOf(
            WorkflowCommand.SignalExternalWorkflowExecution(
                1, SignalTarget.External(NamespacedExecution("ns", "order-42", "r-9")), "approve", h.payloads("manager"),
            ),
        )
        h.commands(ResolveSignalExternalWorkflow(1)) shouldBe listOf(
            WorkflowCommand.RequestCancelExternalWorkflowExecution(1, NamespacedExecution("ns", "order-42", "r-9")),
        )
        val notFound = h.failureConverter.toFailure(ApplicationFailure("workflow not found", type = "NotFound"), h.payloadConverter)
        h.commands(ResolveRequestCancelExternalWorkflow(1, notFound)) shouldBe listOf(
            CompleteWorkflowExecution(h.payload("cancel failed: workflow not found")),
        )
    }

    test("search attribute and memo upserts emit commands and are visible to the run") {
        val h = WorkflowHarness(PropertiesWorkflow::class)
        val commands = h.start()
        commands[0] shouldBe WorkflowCommand.UpsertWorkflowSearchAttributes(
            SearchAttributeUpdate.toProto(listOf(PropertiesWorkflow.STATUS.valueSet("shipped"), PropertiesWorkflow.PRIORITY.valueUnset())),
        )
        commands[1] shouldBe WorkflowCommand.ModifyWorkflowProperties(
            Memo.newBuilder().putFields("note", h.payload<Any?>("fragile")).putFields("old", h.payload<Any?>(null)).build(),
        )
        commands[2] shouldBe CompleteWorkflowExecution(h.payload(listOf("shipped", "fragile", null)))
    }
})
