package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.TerminatedFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.common.ChildWorkflowCancellationType
import dev.temporalkt.workflow.ChildWorkflowOptions
import dev.temporalkt.common.ParentClosePolicy
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.awaitCancellation

@Workflow(name = "E2eIdleChild")
class IdleChildWorkflow {
    /** Waits until cancelled and then ends cancelled. */
    @WorkflowRun
    suspend fun run(): String = awaitCancellation()
}

@Workflow(name = "E2eCancelChildThenClose")
class CancelChildThenCloseWorkflow {
    /** Starts a child, cancels it and completes in the same workflow task, without waiting for the child. */
    @WorkflowRun
    suspend fun run(type: ChildWorkflowCancellationType, policy: ParentClosePolicy): String {
        val child = Workflow.startChildWorkflow(
            IdleChildWorkflow::run,
            options = ChildWorkflowOptions(
                workflowId = "${Workflow.info().workflowId}-child",
                cancellationType = type,
                parentClosePolicy = policy,
            ),
        )
        child.cancel()
        return "closed"
    }
}

/**
 * A parent that cancels a child and completes in the same workflow task, as the other SDKs do it: a TRY_CANCEL request
 * is sent before the completion, and both are recorded by that task; an ABANDON cancellation sends nothing. The real
 * server delivers a cancel request only while its requester is running, so that TRY_CANCEL request never reaches the
 * child and the parent close policy alone decides what happens to the child. The embedded test server delivers it
 * anyway: there the child is cancelled whatever the policy.
 */
class ChildCancelOnCloseSpec : FunSpec({
    val workflows = listOf(IdleChildWorkflow::class, CancelChildThenCloseWorkflow::class)
    val requested = EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED
    val testsReason = "the test ends the abandoned child"
    val cases = listOf(
        ChildWorkflowCancellationType.TRY_CANCEL to ParentClosePolicy.ABANDON,
        ChildWorkflowCancellationType.TRY_CANCEL to ParentClosePolicy.REQUEST_CANCEL,
        ChildWorkflowCancellationType.TRY_CANCEL to ParentClosePolicy.TERMINATE,
        ChildWorkflowCancellationType.ABANDON to ParentClosePolicy.ABANDON,
    )

    for (server in e2eServers()) {
        for ((type, policy) in cases) {
            test("${server.name}: a parent that cancels its child with $type and completes at once, parent close policy $policy") {
                // The clock is held: the idle child would otherwise be timed out by skipping.
                server.withWorker(workflows) { userActs {
                    val handle = client.startWorkflow<String>(
                        "E2eCancelChildThenClose", type, policy, options = options("cancel-then-close"),
                    )
                    handle.result() shouldBe "closed"
                    // The last workflow task records the cancel request (TRY_CANCEL only) before the completion.
                    eventTypes(handle).takeLast(if (type == ChildWorkflowCancellationType.TRY_CANCEL) 3 else 2) shouldBe listOfNotNull(
                        EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                        requested.takeIf { type == ChildWorkflowCancellationType.TRY_CANCEL },
                        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                    )
                    replay(handle)

                    val child = client.getWorkflowHandle<String>("${handle.id}-child")
                    val requestReachesChild = type == ChildWorkflowCancellationType.TRY_CANCEL && server.timeSkipping
                    val expected = when {
                        requestReachesChild || policy == ParentClosePolicy.REQUEST_CANCEL -> WorkflowExecutionStatus.CANCELED
                        policy == ParentClosePolicy.TERMINATE -> WorkflowExecutionStatus.TERMINATED
                        else -> WorkflowExecutionStatus.RUNNING
                    }
                    when (expected) {
                        WorkflowExecutionStatus.CANCELED ->
                            shouldThrow<WorkflowFailedException> { child.result() }.cause.shouldBeInstanceOf<CanceledFailure>()
                        WorkflowExecutionStatus.TERMINATED ->
                            shouldThrow<WorkflowFailedException> { child.result() }.cause.shouldBeInstanceOf<TerminatedFailure>()
                        else -> {
                            child.describe().status shouldBe WorkflowExecutionStatus.RUNNING
                            child.cancel(testsReason)
                            shouldThrow<WorkflowFailedException> { child.result() }.cause.shouldBeInstanceOf<CanceledFailure>()
                        }
                    }
                    if (expected != WorkflowExecutionStatus.RUNNING) child.describe().status shouldBe expected
                    // Who asked the child to cancel: the test (so nobody before it), the parent close policy, or the
                    // TRY_CANCEL request delivered by the embedded server.
                    val cancelRequests = events(child)
                        .filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED }
                        .map { it.workflowExecutionCancelRequestedEventAttributes }
                    when {
                        requestReachesChild -> cancelRequests.map { it.cause } shouldBe listOf("")
                        expected == WorkflowExecutionStatus.RUNNING -> cancelRequests.map { it.cause } shouldBe listOf(testsReason)
                        policy == ParentClosePolicy.REQUEST_CANCEL ->
                            cancelRequests.map { it.externalWorkflowExecution.workflowId } shouldBe listOf(handle.id)
                        else -> cancelRequests shouldBe emptyList()
                    }
                    if (expected != WorkflowExecutionStatus.TERMINATED) replay(child)
                } }
            }
        }
    }
})
