package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlin.time.Duration.Companion.seconds

@Workflow(name = "E2eRejectedOrder")
class RejectedOrderWorkflow {
    @WorkflowRun
    suspend fun run(order: String): String =
        throw ApplicationFailure("order $order is invalid", type = "InvalidOrder", details = FailureDetails.of(order, 3))
}

@Workflow(name = "E2eBuggy")
class BuggyWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        check(!bugPresent) { "bug: the code is not fixed yet" }
        return "fixed"
    }

    companion object {
        /** Whether the deployed code has the bug; the test "deploys the fix" by clearing it. */
        @Volatile
        var bugPresent: Boolean = true
    }
}

@Workflow(name = "E2eDeclaredFailure", failureExceptionTypes = [IllegalArgumentException::class])
class DeclaredFailureWorkflow {
    @WorkflowRun
    suspend fun run(quantity: Int): String {
        require(quantity > 0) { "quantity must be positive, was $quantity" }
        return "ordered $quantity"
    }
}

/** What fails the execution and what fails only the workflow task, end to end on both servers. */
class ErrorSemanticsSpec : FunSpec({
    val workflows = listOf(RejectedOrderWorkflow::class, BuggyWorkflow::class, DeclaredFailureWorkflow::class)

    for (server in e2eServers()) {
        test("${server.name}: an ApplicationFailure fails the execution with its type and details") {
            server.withWorker(workflows) {
                val handle = client.startWorkflow<String>("E2eRejectedOrder", "A-17", options = options("rejected"))
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                val cause = error.cause.shouldBeInstanceOf<ApplicationFailure>()
                cause.type shouldBe "InvalidOrder"
                cause.message shouldContain "order A-17 is invalid"
                cause.details.get<String>(0) shouldBe "A-17"
                cause.details.get<Int>(1) shouldBe 3
                val types = eventTypes(handle)
                types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
                replay(handle)
            }
        }

        test("${server.name}: a plain exception fails only the workflow task; the run completes once the code is fixed") {
            BuggyWorkflow.bugPresent = true
            server.withWorker(workflows, options = WorkerOptions(maxCachedWorkflows = 0)) {
                // a short task timeout: a retried task the stopping worker had already polled is handed out again soon
                val handle = client.startWorkflow<String>("E2eBuggy", options = options("buggy").copy(taskTimeout = 2.seconds))
                val failed = awaitEvent(handle) { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                val failure = failed.workflowTaskFailedEventAttributes.failure
                failure.message shouldContain "bug: the code is not fixed yet"
                failure.applicationFailureInfo.type shouldBe "IllegalStateException"
                handle.describe().status shouldBe dev.temporalkt.common.WorkflowExecutionStatus.RUNNING

                // Deploy the fix: a new worker with the fixed code picks the retried task up.
                stopWorker()
                BuggyWorkflow.bugPresent = false
                startWorker()
                handle.result() shouldBe "fixed"
                eventTypes(handle).last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
                replay(handle)
            }
        }

        test("${server.name}: an exception of a declared failure type fails the execution") {
            server.withWorker(workflows) {
                val handle = client.startWorkflow<String>("E2eDeclaredFailure", -2, options = options("declared"))
                val error = shouldThrow<WorkflowFailedException> { handle.result() }
                val cause = error.cause.shouldBeInstanceOf<ApplicationFailure>()
                cause.type shouldBe "IllegalArgumentException"
                cause.message shouldContain "quantity must be positive, was -2"
                val types = eventTypes(handle)
                types shouldNotContain EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED
                types.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
                replay(handle)
            }
        }
    }
})
