@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowCommand.CancelTimer
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import dev.temporalkt.workflow.internal.WorkflowDefinition
import dev.temporalkt.workflow.internal.WorkflowDefinitionException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.selects.onTimeout
import kotlinx.coroutines.selects.select
import kotlinx.coroutines.selects.selectUnbiased
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/** Waits for an approval or gives up after an hour, with select and onTimeout. */
@Workflow
class SelectTimeoutWorkflow {
    private val approval = CompletableDeferred<String>()

    @WorkflowRun
    suspend fun run(): String = select {
        approval.onAwait { "approved by $it" }
        onTimeout(1.hours) { "timed out" }
    }

    @Signal
    fun approve(name: String) {
        approval.complete(name)
    }
}

/** Debounces a flow in workflow code: every debounce window is a durable timer. */
@Workflow
class DebounceWorkflow {
    @OptIn(kotlinx.coroutines.FlowPreview::class)
    @WorkflowRun
    suspend fun run(): List<Int> = flowOf(1, 2, 3).debounce(1.minutes).toList()
}

@Workflow
class UnbiasedSelectWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val a = CompletableDeferred<String>()
        val b = CompletableDeferred<String>()
        return selectUnbiased {
            a.onAwait { it }
            b.onAwait { it }
        }
    }
}

@Workflow
class UnbiasedSelectInLaunchWorkflow {
    @WorkflowRun
    suspend fun run(): String = coroutineScope {
        val a = CompletableDeferred<String>()
        launch { selectUnbiased<Unit> { a.onAwait { } } }
        "done"
    }
}

class SelectSpec : FunSpec({
    test("select with onTimeout starts a durable timer, cancelled when another clause wins first") {
        val h = WorkflowHarness(SelectTimeoutWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 1.hours))
        h.commands(h.signal("approve", h.payload("ada"))) shouldBe
            listOf(CancelTimer(1), CompleteWorkflowExecution(h.payload("approved by ada")))
    }

    test("select with onTimeout resumes with the timeout clause when the timer fires") {
        val h = WorkflowHarness(SelectTimeoutWorkflow::class)
        h.start()
        h.commands(ActivationJob.FireTimer(1)) shouldBe listOf(CompleteWorkflowExecution(h.payload("timed out")))
    }

    test("debounce costs a durable timer per element, started and cancelled in history even when nothing waits") {
        val h = WorkflowHarness(DebounceWorkflow::class)
        h.start() shouldBe listOf(
            StartTimer(1, 1.minutes), CancelTimer(1), StartTimer(2, 1.minutes), CancelTimer(2),
            StartTimer(3, 1.minutes), CancelTimer(3), CompleteWorkflowExecution(h.payload(listOf(3))),
        )
    }

    test("a workflow using selectUnbiased is refused when it is registered, saying why and what to use instead") {
        for (workflow in listOf(UnbiasedSelectWorkflow::class, UnbiasedSelectInLaunchWorkflow::class)) {
            val e = shouldThrow<WorkflowDefinitionException> { WorkflowDefinition.of(workflow) }
            e.message shouldContain "Workflow class ${workflow.qualifiedName} is invalid"
            e.message shouldContain "it uses selectUnbiased (in ${workflow.qualifiedName}"
            e.message shouldContain "use select { } instead"
        }
        // select itself is fine
        WorkflowDefinition.of(SelectTimeoutWorkflow::class).name shouldBe "SelectTimeoutWorkflow"
    }
})
