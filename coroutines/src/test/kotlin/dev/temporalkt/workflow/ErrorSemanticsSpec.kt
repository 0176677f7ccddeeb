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
import kotlinx.coroutines.launch
import kotlinx.coroutines.supervisorScope
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

/** Fails from a coroutine nobody awaits, with the failure named by its argument. */
@Workflow
class DetachedFailureWorkflow {
    @WorkflowRun
    suspend fun run(kind: String) {
        supervisorScope {
            launch {
                delay(1.seconds)
                if (kind == "failure") throw ApplicationFailure("detached failure", type = "Detached") else error("detached bug")
            }
        }
        delay(1.hours)
    }
}

/** Waits on a predicate that throws, catching what waitCondition throws when asked to. */
@Workflow
class ThrowingPredicateWorkflow {
    @WorkflowRun
    suspend fun run(kind: String): String {
        val predicate = {
            when (kind) {
                "failure" -> throw ApplicationFailure("predicate failure", type = "Predicate")
                else -> error("predicate bug")
            }
        }
        if (kind == "caught") {
            return try {
                Workflow.waitCondition { error("caught in the run function") }
                "not thrown"
            } catch (e: IllegalStateException) {
                "caught: ${e.message}"
            }
        }
        Workflow.waitCondition(predicate)
        return "unreachable"
    }
}

class ErrorSemanticsSpec : FunSpec({
    test("an ApplicationFailure thrown by a coroutine nobody awaits fails the workflow execution") {
        val h = WorkflowHarness(DetachedFailureWorkflow::class, listOf("failure"))
        h.start() shouldBe listOf(StartTimer(1, 1.seconds))
        val commands = h.commands(ActivationJob.FireTimer(1))
        // the run function goes on (supervisorScope is done) and starts its timer; the failure closes the run after it
        commands.first() shouldBe StartTimer(2, 1.hours)
        val failure = commands.drop(1).single().shouldBeInstanceOf<WorkflowCommand.FailWorkflowExecution>().failure
        failure.message shouldBe "detached failure"
        failure.applicationFailureInfo.type shouldBe "Detached"
    }

    test("any other exception thrown by a coroutine nobody awaits fails the workflow task") {
        val h = WorkflowHarness(DetachedFailureWorkflow::class, listOf("bug"))
        h.start()
        h.failed(ActivationJob.FireTimer(1)).failure.message shouldBe "detached bug"
    }

    test("a waitCondition predicate that throws throws in the waiting coroutine: caught there, or failing the run or the task") {
        WorkflowHarness(ThrowingPredicateWorkflow::class, listOf("caught")).start() shouldBe
            listOf(CompleteWorkflowExecution(WorkflowHarness(ThrowingPredicateWorkflow::class).payload("caught: caught in the run function")))
        val failed = WorkflowHarness(ThrowingPredicateWorkflow::class, listOf("failure")).start().single()
        failed.shouldBeInstanceOf<WorkflowCommand.FailWorkflowExecution>().failure.applicationFailureInfo.type shouldBe "Predicate"
        val bug = WorkflowHarness(ThrowingPredicateWorkflow::class, listOf("bug"))
        bug.failed(bug.initialize).failure.message shouldBe "predicate bug"
    }

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
