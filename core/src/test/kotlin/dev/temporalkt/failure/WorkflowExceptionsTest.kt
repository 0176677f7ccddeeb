package dev.temporalkt.failure

import dev.temporalkt.common.WorkflowExecutionStatus
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs

class WorkflowExceptionsTest : FunSpec({
    test("client workflow exceptions carry the execution and say what happened") {
        val cause = ApplicationFailure("out of stock", type = "OutOfStock")
        val failed = WorkflowFailedException("wf-1", "run-1", "OrderWorkflow", RetryState.MAXIMUM_ATTEMPTS_REACHED, cause)
        failed.message shouldBe
            "Workflow execution failed: workflowId='wf-1', runId='run-1', workflowType='OrderWorkflow', " +
            "retryState=MAXIMUM_ATTEMPTS_REACHED"
        failed.cause shouldBeSameInstanceAs cause
        failed.workflowId shouldBe "wf-1"
        failed.runId shouldBe "run-1"
        failed.workflowType shouldBe "OrderWorkflow"

        WorkflowAlreadyStartedException("wf-1", "OrderWorkflow", "run-0").message shouldBe
            "Workflow execution already started: workflowId='wf-1', runId='run-0', workflowType='OrderWorkflow'"
        WorkflowQueryRejectedException("wf-1", "run-1", WorkflowExecutionStatus.COMPLETED).message shouldBe
            "Query rejected: workflow status is COMPLETED (workflowId='wf-1', runId='run-1')"
        WorkflowUpdateFailedException("wf-1", null, "approve", "upd-1", cause).message shouldBe
            "Workflow update 'approve' failed: updateId='upd-1', workflowId='wf-1'"
        WorkflowQueryFailedException("wf-1", null, "status", "no handler for query 'status'").queryType shouldBe "status"
    }
})
