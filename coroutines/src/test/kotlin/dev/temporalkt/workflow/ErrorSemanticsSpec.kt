@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.activation.WorkflowCommand.CancelTimer
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.seconds

data class Shipment(val id: String, val items: List<String>)

@Workflow(name = "shipping")
class ReturnValueWorkflow {
    @WorkflowRun
    suspend fun run(id: String, items: List<String>): Map<String, Shipment> = mapOf(id to Shipment(id, items))
}

@Workflow
class ApplicationFailureWorkflow {
    @WorkflowRun
    suspend fun run() {
        delay(1.seconds)
        throw ApplicationFailure.nonRetryable("card declined", "CardDeclined")
    }
}

@Workflow
class BugWorkflow {
    @WorkflowRun
    suspend fun run(): String = error("bug in workflow code")
}

class OutOfStock(message: String) : RuntimeException(message)

@Workflow(failureExceptionTypes = [OutOfStock::class])
class DeclaredFailureWorkflow {
    @WorkflowRun
    suspend fun run(): String = throw OutOfStock("no stock for sku-1")
}

@Workflow
class CancellableWorkflow {
    var cleanedUp = false

    @WorkflowRun
    suspend fun run() {
        try {
            delay(1.hours)
        } finally {
            withContext(NonCancellable) { delay(5.seconds) }
            cleanedUp = true
        }
    }

    @Query
    fun cleanedUp(): Boolean = cleanedUp
}

@Workflow
class CancelledAtStartWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        Workflow.upsertMemo(mapOf("started" to true))
        delay(1.hours)
        return "not cancelled"
    }
}

class ErrorSemanticsSpec : FunSpec({
    test("a cancel request in the first activation lets the run function reach its first suspension") {
        val h = WorkflowHarness(CancelledAtStartWorkflow::class)
        val commands = h.commands(h.initialize, ActivationJob.CancelWorkflow())
        commands.drop(1) shouldBe listOf(StartTimer(1, 1.hours), CancelTimer(1), WorkflowCommand.CancelWorkflowExecution)
        commands[0].shouldBeInstanceOf<WorkflowCommand.ModifyWorkflowProperties>()
    }

    test("a return value completes the execution, encoded with the run function's full return type") {
        val h = WorkflowHarness(
            ReturnValueWorkflow::class,
            args = listOf("s1", listOf("a", "b")),
            argTypes = listOf(typeOf<String>(), typeOf<List<String>>()),
        )
        h.definition.name shouldBe "shipping"
        h.start() shouldBe listOf(
            CompleteWorkflowExecution(h.payload(mapOf("s1" to Shipment("s1", listOf("a", "b"))))),
        )
    }

    test("an ApplicationFailure fails the workflow execution with the converted failure") {
        val h = WorkflowHarness(ApplicationFailureWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.seconds))
        val commands = h.commands(ActivationJob.FireTimer(1))
        commands shouldHaveSize 1
        val failure = commands[0].shouldBeInstanceOf<WorkflowCommand.FailWorkflowExecution>().failure
        failure.message shouldBe "card declined"
        failure.applicationFailureInfo.type shouldBe "CardDeclined"
        failure.applicationFailureInfo.nonRetryable shouldBe true
    }

    test("any other exception fails the workflow task so a fix can resume the run") {
        val h = WorkflowHarness(BugWorkflow::class)
        val failed = h.failed(h.initialize)
        failed.runId shouldBe "run-1"
        failed.failure.message shouldBe "bug in workflow code"
        failed.failure.applicationFailureInfo.type shouldBe "IllegalStateException"
    }

    test("an exception type listed in @Workflow(failureExceptionTypes) fails the execution") {
        val h = WorkflowHarness(DeclaredFailureWorkflow::class)
        val failure = h.start().single().shouldBeInstanceOf<WorkflowCommand.FailWorkflowExecution>().failure
        failure.message shouldBe "no stock for sku-1"
        failure.applicationFailureInfo.type shouldBe "OutOfStock"
    }

    test("a cancel request cancels the timer, runs NonCancellable cleanup and cancels the execution") {
        val h = WorkflowHarness(CancellableWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.hours))
        h.commands(ActivationJob.CancelWorkflow(reason = "user request")) shouldBe
            listOf(CancelTimer(1), StartTimer(2, 5.seconds))
        h.commands(ActivationJob.FireTimer(2)) shouldBe listOf(WorkflowCommand.CancelWorkflowExecution)
    }
})
