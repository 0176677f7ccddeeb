@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.activation

import dev.temporalkt.common.ChildWorkflowCancellationType
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.SearchAttributes
import dev.temporalkt.api.enums.v1.StartChildWorkflowExecutionFailedCause
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.worker.activation.Jobs.noArgs
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import java.time.Instant
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/** Exhaustive `when`s below stop compiling when a kind is added without updating these lists. */
private fun jobKind(job: ActivationJob): String = when (job) {
    is ActivationJob.InitializeWorkflow -> "InitializeWorkflow"
    is ActivationJob.FireTimer -> "FireTimer"
    is ActivationJob.ResolveActivity -> "ResolveActivity"
    is ActivationJob.ResolveChildWorkflowExecutionStart -> "ResolveChildWorkflowExecutionStart"
    is ActivationJob.ResolveChildWorkflowExecution -> "ResolveChildWorkflowExecution"
    is ActivationJob.ResolveSignalExternalWorkflow -> "ResolveSignalExternalWorkflow"
    is ActivationJob.ResolveRequestCancelExternalWorkflow -> "ResolveRequestCancelExternalWorkflow"
    is ActivationJob.ResolveNexusOperationStart -> "ResolveNexusOperationStart"
    is ActivationJob.ResolveNexusOperation -> "ResolveNexusOperation"
    is ActivationJob.SignalWorkflow -> "SignalWorkflow"
    is ActivationJob.DoUpdate -> "DoUpdate"
    is ActivationJob.QueryWorkflow -> "QueryWorkflow"
    is ActivationJob.CancelWorkflow -> "CancelWorkflow"
    is ActivationJob.NotifyHasPatch -> "NotifyHasPatch"
    is ActivationJob.UpdateRandomSeed -> "UpdateRandomSeed"
    is ActivationJob.RemoveFromCache -> "RemoveFromCache"
}

private fun commandKind(command: WorkflowCommand): String = when (command) {
    is WorkflowCommand.StartTimer -> "StartTimer"
    is WorkflowCommand.CancelTimer -> "CancelTimer"
    is WorkflowCommand.ScheduleActivity -> "ScheduleActivity"
    is WorkflowCommand.RequestCancelActivity -> "RequestCancelActivity"
    is WorkflowCommand.ScheduleLocalActivity -> "ScheduleLocalActivity"
    is WorkflowCommand.RequestCancelLocalActivity -> "RequestCancelLocalActivity"
    is WorkflowCommand.StartChildWorkflowExecution -> "StartChildWorkflowExecution"
    is WorkflowCommand.CancelChildWorkflowExecution -> "CancelChildWorkflowExecution"
    is WorkflowCommand.SignalExternalWorkflowExecution -> "SignalExternalWorkflowExecution"
    is WorkflowCommand.RequestCancelExternalWorkflowExecution -> "RequestCancelExternalWorkflowExecution"
    is WorkflowCommand.CancelSignalExternalWorkflow -> "CancelSignalExternalWorkflow"
    is WorkflowCommand.CancelRequestCancelExternalWorkflow -> "CancelRequestCancelExternalWorkflow"
    is WorkflowCommand.CompleteWorkflowExecution -> "CompleteWorkflowExecution"
    is WorkflowCommand.FailWorkflowExecution -> "FailWorkflowExecution"
    is WorkflowCommand.CancelWorkflowExecution -> "CancelWorkflowExecution"
    is WorkflowCommand.ContinueAsNewWorkflowExecution -> "ContinueAsNewWorkflowExecution"
    is WorkflowCommand.SetPatchMarker -> "SetPatchMarker"
    is WorkflowCommand.UpsertWorkflowSearchAttributes -> "UpsertWorkflowSearchAttributes"
    is WorkflowCommand.ModifyWorkflowProperties -> "ModifyWorkflowProperties"
    is WorkflowCommand.UpdateResponse -> "UpdateResponse"
    is WorkflowCommand.RespondToQuery -> "RespondToQuery"
    is WorkflowCommand.ScheduleNexusOperation -> "ScheduleNexusOperation"
    is WorkflowCommand.RequestCancelNexusOperation -> "RequestCancelNexusOperation"
}

class ActivationKindsTest : FunSpec({
    val failure = Failure.newBuilder().setMessage("boom").build()
    val payload = Payload.getDefaultInstance()
    val target = NamespacedExecution("default", "wf-2", "run-2")

    val oneJobOfEachKind: List<ActivationJob> = listOf(
        Jobs.init(),
        ActivationJob.FireTimer(1),
        ActivationJob.ResolveActivity(2, ActivityResolution.Backoff(3, 90.seconds, Instant.EPOCH), isLocal = true),
        ActivationJob.ResolveChildWorkflowExecutionStart(
            3,
            ChildWorkflowStartResolution.Failed("child", "Child", StartChildWorkflowExecutionFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS),
        ),
        ActivationJob.ResolveChildWorkflowExecution(3, ChildWorkflowResult.Cancelled(failure)),
        ActivationJob.ResolveSignalExternalWorkflow(4),
        ActivationJob.ResolveRequestCancelExternalWorkflow(5, failure),
        ActivationJob.ResolveNexusOperationStart(6, NexusOperationStartResolution.StartedAsync("token")),
        ActivationJob.ResolveNexusOperation(6, NexusOperationResult.TimedOut(failure)),
        Jobs.signal("s"),
        Jobs.update("u"),
        Jobs.query("q"),
        Jobs.cancel(),
        Jobs.patch("p"),
        Jobs.seed(11),
        Jobs.evict(),
    )

    val oneCommandOfEachKind: List<WorkflowCommand> = listOf(
        WorkflowCommand.StartTimer(1, 5.seconds),
        WorkflowCommand.CancelTimer(1),
        WorkflowCommand.ScheduleActivity(2, "2", "charge", "payments", noArgs, startToClose = 1.minutes),
        WorkflowCommand.RequestCancelActivity(2),
        WorkflowCommand.ScheduleLocalActivity(3, "3", "lookup", noArgs, startToClose = 10.seconds),
        WorkflowCommand.RequestCancelLocalActivity(3),
        WorkflowCommand.StartChildWorkflowExecution(4, "", "child", "Child", "q", noArgs),
        WorkflowCommand.CancelChildWorkflowExecution(4),
        WorkflowCommand.SignalExternalWorkflowExecution(5, SignalTarget.Child("child"), "ping", noArgs),
        WorkflowCommand.RequestCancelExternalWorkflowExecution(6, target),
        WorkflowCommand.CancelSignalExternalWorkflow(5),
        WorkflowCommand.CancelRequestCancelExternalWorkflow(6),
        WorkflowCommand.CompleteWorkflowExecution(payload),
        WorkflowCommand.FailWorkflowExecution(failure),
        WorkflowCommand.CancelWorkflowExecution,
        WorkflowCommand.ContinueAsNewWorkflowExecution("", "", noArgs),
        WorkflowCommand.SetPatchMarker("p", deprecated = true),
        WorkflowCommand.UpsertWorkflowSearchAttributes(SearchAttributes.getDefaultInstance()),
        WorkflowCommand.ModifyWorkflowProperties(Memo.getDefaultInstance()),
        WorkflowCommand.UpdateResponse("p-u", UpdateOutcome.Accepted),
        WorkflowCommand.RespondToQuery("q", QueryOutcome.Failed(failure)),
        WorkflowCommand.ScheduleNexusOperation(7, "ep", "svc", "op", payload, headers = mapOf("k" to "v")),
        WorkflowCommand.RequestCancelNexusOperation(7),
    )

    test("every activation job kind exists and is covered") {
        val names = oneJobOfEachKind.map(::jobKind)
        names shouldContainExactly listOf(
            "InitializeWorkflow", "FireTimer", "ResolveActivity", "ResolveChildWorkflowExecutionStart",
            "ResolveChildWorkflowExecution", "ResolveSignalExternalWorkflow", "ResolveRequestCancelExternalWorkflow",
            "ResolveNexusOperationStart", "ResolveNexusOperation", "SignalWorkflow", "DoUpdate", "QueryWorkflow",
            "CancelWorkflow", "NotifyHasPatch", "UpdateRandomSeed", "RemoveFromCache",
        )
        ActivationJob::class.sealedSubclasses.map { it.simpleName } shouldContainExactlyInAnyOrder names
    }

    test("every workflow command kind exists and is covered") {
        val names = oneCommandOfEachKind.map(::commandKind)
        names.size shouldBe 23
        names.toSet().size shouldBe 23
        WorkflowCommand::class.sealedSubclasses.map { it.simpleName } shouldContainExactlyInAnyOrder names
    }

    test("every job kind has a place in the order rule") {
        val mutating = oneJobOfEachKind.filter { it !is ActivationJob.QueryWorkflow && it !is ActivationJob.RemoveFromCache }
        val (first, queries, eviction) = JobOrder.partition(oneJobOfEachKind, emptySet())

        first.map(::jobKind) shouldContainExactly listOf(
            "InitializeWorkflow", "NotifyHasPatch", "UpdateRandomSeed", "SignalWorkflow", "DoUpdate", "FireTimer",
            "ResolveChildWorkflowExecutionStart", "ResolveChildWorkflowExecution", "ResolveSignalExternalWorkflow",
            "ResolveRequestCancelExternalWorkflow", "ResolveNexusOperationStart", "ResolveNexusOperation",
            "CancelWorkflow", "ResolveActivity",
        )
        first.toSet() shouldBe mutating.toSet()
        queries shouldContainExactly listOf(Jobs.query("q"))
        eviction shouldContainExactly listOf(Jobs.evict())
    }

    test("activation shape helpers tell evictions and query activations apart") {
        fun activation(vararg jobs: ActivationJob) = WorkflowActivation("run-1", Instant.EPOCH, false, 3, jobs.toList())

        activation(Jobs.evict()).isEviction shouldBe true
        activation(Jobs.evict()).isQueryOnly shouldBe false
        activation(Jobs.query("a"), Jobs.query("b")).isQueryOnly shouldBe true
        activation(Jobs.timer(1)).isEviction shouldBe false
        activation(Jobs.timer(1)).isQueryOnly shouldBe false
        activation().isQueryOnly shouldBe false
    }

    test("completions carry their run id, commands and task failure cause") {
        val ok = WorkflowActivationCompletion.Successful("run-1", listOf(WorkflowCommand.CancelTimer(1)), setOf(1))
        val failed = WorkflowActivationCompletion.Failed(
            "run-1", failure, WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR,
        )
        val completions: List<WorkflowActivationCompletion> = listOf(ok, failed)

        completions.map {
            when (it) {
                is WorkflowActivationCompletion.Successful -> "ok ${it.runId} ${it.commands.map(::commandKind)} ${it.usedInternalFlags}"
                is WorkflowActivationCompletion.Failed -> "failed ${it.runId} ${it.failure.message} ${it.forceCause}"
            }
        } shouldContainExactly listOf(
            "ok run-1 [CancelTimer] [1]",
            "failed run-1 boom WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR",
        )
    }

    test("command defaults follow the documented server and core defaults") {
        val la = WorkflowCommand.ScheduleLocalActivity(1, "1", "t", noArgs)
        la.attempt shouldBe 1
        la.cancellationType shouldBe ActivityCancellationType.WAIT_CANCELLATION_COMPLETED
        WorkflowCommand.ScheduleActivity(1, "1", "t", "q", noArgs).cancellationType shouldBe ActivityCancellationType.TRY_CANCEL
        val child = WorkflowCommand.StartChildWorkflowExecution(1, "", "c", "C", "q", noArgs)
        child.cancellationType shouldBe ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED
        child.parentClosePolicy.name shouldBe "PARENT_CLOSE_POLICY_TERMINATE"
        child.workflowIdReusePolicy.name shouldBe "WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE"
        ActivationJob.DoUpdate("u", "p", "n", noArgs).runValidator shouldBe true
    }
})
