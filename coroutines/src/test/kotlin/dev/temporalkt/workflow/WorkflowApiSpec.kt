@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.QueryOutcome
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.activation.WorkflowCommand.CompleteWorkflowExecution
import dev.temporalkt.worker.activation.WorkflowCommand.RespondToQuery
import dev.temporalkt.worker.activation.WorkflowCommand.SetPatchMarker
import dev.temporalkt.worker.activation.WorkflowCommand.StartTimer
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.delay
import java.time.Instant
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

@Workflow
class ClockWorkflow {
    @WorkflowRun
    suspend fun run(): List<String> {
        val before = Workflow.now()
        val info = Workflow.info()
        delay(1.minutes)
        return listOf(
            before.toString(), Workflow.now().toString(), info.workflowId, info.runId, info.taskQueue,
            info.namespace, info.workflowType, Workflow.random().nextInt(1000).toString(), Workflow.uuid4().toString(),
        )
    }
}

@Workflow
class PatchWorkflow {
    @WorkflowRun
    suspend fun run(): List<Boolean> {
        val first = Workflow.patched("new-path")
        val again = Workflow.patched("new-path")
        Workflow.deprecatePatch("old-fix")
        return listOf(first, again)
    }
}

@Workflow
class LoopWorkflow {
    @WorkflowRun
    suspend fun run(iteration: Int, label: String): Unit = Workflow.continueAsNew(iteration + 1, "$label+", runTimeout = 1.minutes)
}

@Workflow
class InitWorkflow @WorkflowInit constructor(name: String) {
    private val seen = mutableListOf("init $name")

    @WorkflowRun
    suspend fun run(name: String): List<String> {
        seen += "run $name"
        return seen
    }

    @Signal
    fun hello(from: String) {
        seen += "signal from $from"
    }
}

@Workflow
class FailingSignalWorkflow {
    @WorkflowRun
    suspend fun run() = Workflow.waitCondition { false }

    @Signal
    fun reject(reason: String): Unit = throw ApplicationFailure(reason, type = "Rejected")

    @Query
    suspend fun stuck(): String {
        CompletableDeferred<Unit>().await()
        return "never"
    }
}

@Workflow(dynamic = true)
class AnyWorkflow {
    @WorkflowRun
    suspend fun run(args: List<RawValue>): String = Workflow.info().workflowType + ":" + args.map { it.get<Int>() }.sum()
}

class WorkflowApiSpec : FunSpec({
    test("now() is the activation time, info() describes the run, random() and uuid4() are seeded from history") {
        fun runOnce(seed: Long): CompleteWorkflowExecution {
            val h = WorkflowHarness(ClockWorkflow::class, seed = seed)
            h.start() shouldBe listOf(StartTimer(1, 1.minutes))
            h.time = Instant.parse("2026-01-01T00:01:00.5Z")
            return h.commands(ActivationJob.FireTimer(1)).single().shouldBeInstanceOf<CompleteWorkflowExecution>()
        }
        val h = WorkflowHarness(ClockWorkflow::class)
        val result = h.payloadConverter.fromPayload(runOnce(42).result!!, typeOf<List<String>>()) as List<String>
        result.subList(0, 7) shouldBe listOf(
            "2026-01-01T00:00:00Z", "2026-01-01T00:01:00.500Z", "wf-1", "run-1", "tq", "ns", "ClockWorkflow",
        )
        runOnce(42) shouldBe runOnce(42)
        runOnce(43) shouldNotBe runOnce(42)
        result[8][14] shouldBe '4'
    }

    test("patched() records a marker when not replaying, follows NotifyHasPatch when replaying, and is memoized") {
        val fresh = WorkflowHarness(PatchWorkflow::class)
        fresh.start() shouldBe listOf(
            SetPatchMarker("new-path"), SetPatchMarker("old-fix", deprecated = true),
            CompleteWorkflowExecution(fresh.payload(listOf(true, true))),
        )
        val oldHistory = WorkflowHarness(PatchWorkflow::class).apply { replaying = true }
        oldHistory.start() shouldBe listOf(CompleteWorkflowExecution(oldHistory.payload(listOf(false, false))))
        val newHistory = WorkflowHarness(PatchWorkflow::class).apply { replaying = true }
        newHistory.commands(newHistory.initialize, ActivationJob.NotifyHasPatch("new-path")) shouldBe listOf(
            SetPatchMarker("new-path"), CompleteWorkflowExecution(newHistory.payload(listOf(true, true))),
        )
    }

    test("continueAsNew encodes the arguments with the run function's parameter types") {
        val h = WorkflowHarness(LoopWorkflow::class, listOf(1, "a"), listOf(typeOf<Int>(), typeOf<String>()))
        h.start() shouldBe listOf(
            WorkflowCommand.ContinueAsNewWorkflowExecution(
                workflowType = "", taskQueue = "",
                arguments = Payloads.newBuilder().addPayloads(h.payload(2)).addPayloads(h.payload("a+")).build(),
                runTimeout = 1.minutes,
            ),
        )
    }

    test("the @WorkflowInit constructor runs before signal handlers of the first activation, which run before the run function") {
        val h = WorkflowHarness(InitWorkflow::class, listOf("Ada"), listOf(typeOf<String>()))
        h.commands(h.initialize, h.signal("hello", h.payload("Bob"))) shouldBe listOf(
            CompleteWorkflowExecution(h.payload(listOf("init Ada", "signal from Bob", "run Ada"))),
        )
    }

    test("an ApplicationFailure from a signal handler fails the execution; a suspending query fails the query") {
        val h = WorkflowHarness(FailingSignalWorkflow::class)
        h.start() shouldBe emptyList()
        val stuck = h.commands(h.query("stuck")).single().shouldBeInstanceOf<RespondToQuery>()
        stuck.outcome.shouldBeInstanceOf<QueryOutcome.Failed>().failure.message shouldBe
            "The query handler 'stuck' suspended. Queries and update validators are read-only and must answer at " +
            "once from workflow state: do not call delay, Workflow.waitCondition, activities, Mutex.lock or other " +
            "suspending functions in them."
        val fail = h.commands(h.signal("reject", h.payload("bad input"))).single()
        fail.shouldBeInstanceOf<WorkflowCommand.FailWorkflowExecution>().failure.message shouldBe "bad input"
    }

    test("a dynamic workflow receives raw arguments and its type from info()") {
        val h = WorkflowHarness(AnyWorkflow::class, listOf(2, 3), listOf(typeOf<Int>(), typeOf<Int>()))
        h.definition.name shouldBe ""
        val init = h.initialize.copy(workflowType = "adder")
        val instance = dev.temporalkt.workflow.internal.WorkflowInstance(
            h.definition, init, h.payloadConverter, h.failureConverter,
            dev.temporalkt.workflow.internal.WorkflowInstanceOptions(taskQueue = "tq"),
        )
        val completion = instance.activate(
            dev.temporalkt.worker.activation.WorkflowActivation("run-1", WorkflowHarness.START, false, 3, listOf(init)),
        )
        completion shouldBe dev.temporalkt.worker.activation.WorkflowActivationCompletion.Successful(
            "run-1", listOf(CompleteWorkflowExecution(h.payload("adder:5"))),
        )
    }
})
