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
        // a handle got by update id does not know the update's name
        WorkflowUpdateFailedException("wf-1", null, "", "upd-1", cause).message shouldBe
            "Workflow update failed: updateId='upd-1', workflowId='wf-1'"

        val notFound = RpcException(RpcStatusCode.NOT_FOUND, "workflow execution already completed")
        val closed = WorkflowUpdateNotFoundException("wf-1", "run-1", "approve", "upd-1", notFound)
        closed.message shouldBe
            "Workflow update 'approve' was not handled and will not be: the workflow execution is closed, does not exist, " +
            "or never received this update id (server: NOT_FOUND: workflow execution already completed); send updates to a " +
            "running execution (describe() tells its status): updateId='upd-1', workflowId='wf-1', runId='run-1'"
        closed.cause shouldBeSameInstanceAs notFound
        closed.updateName shouldBe "approve"
        closed.updateId shouldBe "upd-1"
        closed.runId shouldBe "run-1"
    }
})
