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
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import java.util.concurrent.CompletableFuture
import java.time.Instant
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.days
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
    suspend fun run(iteration: Int, label: String): Unit = if (iteration < 5) {
        Workflow.continueAsNew(iteration + 1, "$label+", options = ContinueAsNewOptions(runTimeout = 1.minutes))
    } else {
        Workflow.continueAsNew(
            InvoiceWorkflow::run, Order(label, iteration),
            options = ContinueAsNewOptions(taskQueue = "invoices", memo = mapOf("from" to "loop")),
        )
    }
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

@Workflow(description = "Tells a story")
class StoryWorkflow {
    private val told = mutableListOf<String>()

    @WorkflowRun
    suspend fun run(): List<String> {
        Workflow.sleep(3.days, summary = "grace period")
        Workflow.sleep(kotlin.time.Duration.ZERO)
        told += "random ${Workflow.random().nextInt(1_000_000)}"
        Workflow.waitCondition { told.size >= 3 }
        return told
    }

    @Update(description = "Adds a line")
    suspend fun tell(line: String): String = coroutineScope {
        val inner = async { Workflow.currentUpdateInfo() }.await()
        told += "$line by ${inner?.name}/${inner?.id}"
        Workflow.currentUpdateInfo().toString()
    }

    @Query(description = "Lines so far")
    fun lines(): List<String> = told

    @Signal
    fun nudge() = Unit
}

@Workflow
class StageWorkflow {
    @WorkflowRun
    fun run(name: String): CompletableFuture<String> = CompletableFuture.completedFuture("stage for $name")
}

@Workflow
class InitMethodWorkflow(private val prefix: String = "Dear") {
    private var greeting = ""

    @WorkflowInit
    fun init(name: String) {
        greeting = "$prefix $name"
    }

    @WorkflowRun
    suspend fun run(name: String): String = greeting

    @Query
    fun greeting(): String = greeting
}

@Workflow
class CronWorkflow {
    @WorkflowRun
    suspend fun run(): String {
        val previous = Workflow.lastCompletionResult()?.get<Int>()
        val failure = Workflow.lastFailure()
        return "previous=$previous failure=${failure?.message}"
    }
}

class WorkflowApiSpec : FunSpec({
    test("lastCompletionResult() and lastFailure() come from the run's start") {
        val first = WorkflowHarness(CronWorkflow::class)
        first.start() shouldBe listOf(CompleteWorkflowExecution(first.payload("previous=null failure=null")))
        val h = WorkflowHarness(CronWorkflow::class)
        val init = h.initialize.copy(
            lastCompletionResult = h.payloads(41),
            continuedFailure = h.failureConverter.toFailure(ApplicationFailure("boom", type = "Boom"), h.payloadConverter),
        )
        val instance = dev.temporalkt.workflow.internal.WorkflowInstance(
            h.definition, init, h.payloadConverter, h.failureConverter,
            dev.temporalkt.workflow.internal.WorkflowInstanceOptions(taskQueue = "tq"),
        )
        instance.activate(
            dev.temporalkt.worker.activation.WorkflowActivation("run-1", WorkflowHarness.START, false, 3, listOf(init)),
        ) shouldBe dev.temporalkt.worker.activation.WorkflowActivationCompletion.Successful(
            "run-1", listOf(CompleteWorkflowExecution(h.payload("previous=41 failure=boom"))),
        )
    }

    test("an @WorkflowInit function runs after construction (default constructor arguments apply) and before the run") {
        val h = WorkflowHarness(InitMethodWorkflow::class, listOf("Ada"), listOf(typeOf<String>()))
        h.start() shouldBe listOf(CompleteWorkflowExecution(h.payload("Dear Ada")))
    }

    test("Workflow.sleep emits a timer with its summary; zero just yields") {
        val h = WorkflowHarness(StoryWorkflow::class)
        h.start() shouldBe listOf(StartTimer(1, 3.days, h.payload("grace period")))
    }

    test("UpdateRandomSeed re-seeds the generator user code already holds") {
        fun randomLine(reseed: Long?): String {
            val h = WorkflowHarness(StoryWorkflow::class)
            h.start()
            val jobs = listOfNotNull(ActivationJob.FireTimer(1), reseed?.let { ActivationJob.UpdateRandomSeed(it) })
            h.commands(*jobs.toTypedArray()) shouldBe emptyList()
            val answer = h.commands(h.query("lines")).single() as RespondToQuery
            val lines = h.payloadConverter.fromPayload((answer.outcome as QueryOutcome.Succeeded).response, typeOf<List<String>>())
            return (lines as List<*>).single() as String
        }
        randomLine(null) shouldBe randomLine(null)
        randomLine(7) shouldBe randomLine(7)
        randomLine(7) shouldNotBe randomLine(null)
    }

    test("currentUpdateInfo() is visible in the update handler and the coroutines it starts") {
        val h = WorkflowHarness(StoryWorkflow::class)
        h.start()
        h.commands(ActivationJob.DoUpdate("u-7", "p-7", "tell", h.payloads("once"))) shouldBe listOf(
            WorkflowCommand.UpdateResponse("p-7", dev.temporalkt.worker.activation.UpdateOutcome.Accepted),
            WorkflowCommand.UpdateResponse(
                "p-7", dev.temporalkt.worker.activation.UpdateOutcome.Completed(h.payload("UpdateInfo(id=u-7, name=tell)")),
            ),
        )
    }

    test("built-in queries: workflow metadata with handler descriptions, and what the run waits for") {
        val h = WorkflowHarness(StoryWorkflow::class)
        h.start()
        val metadata = h.commands(h.query("__temporal_workflow_metadata")).single() as RespondToQuery
        val decoded = h.payloadConverter.fromPayload(
            (metadata.outcome as QueryOutcome.Succeeded).response, typeOf<dev.temporalkt.api.sdk.v1.WorkflowMetadata>(),
        ) as dev.temporalkt.api.sdk.v1.WorkflowMetadata
        decoded.definition.type shouldBe "StoryWorkflow"
        decoded.definition.queryDefinitionsList.map { it.name to it.description } shouldBe listOf("lines" to "Lines so far")
        decoded.definition.signalDefinitionsList.map { it.name to it.description } shouldBe listOf("nudge" to "")
        decoded.definition.updateDefinitionsList.map { it.name to it.description } shouldBe listOf("tell" to "Adds a line")
        val stack = h.commands(h.query("__stack_trace")).single() as RespondToQuery
        h.payloadConverter.fromPayload((stack.outcome as QueryOutcome.Succeeded).response, typeOf<String>()) shouldBe
            "Workflow StoryWorkflow (id 'wf-1', run 'run-1') is waiting for:\n  - timer 1"
    }

    test("a run function returning a CompletionStage (as Java workflows do) completes with the stage's value") {
        val h = WorkflowHarness(StageWorkflow::class, listOf("java"), listOf(typeOf<String>()))
        h.definition.run.returnType shouldBe typeOf<String>()
        h.start() shouldBe listOf(CompleteWorkflowExecution(h.payload("stage for java")))
    }

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

    test("continueAsNew encodes the arguments with the parameter types of the run function it continues as") {
        val h = WorkflowHarness(LoopWorkflow::class, listOf(1, "a"), listOf(typeOf<Int>(), typeOf<String>()))
        h.start() shouldBe listOf(
            WorkflowCommand.ContinueAsNewWorkflowExecution(
                workflowType = "", taskQueue = "",
                arguments = Payloads.newBuilder().addPayloads(h.payload(2)).addPayloads(h.payload("a+")).build(),
                runTimeout = 1.minutes,
            ),
        )
        val last = WorkflowHarness(LoopWorkflow::class, listOf(5, "z"), listOf(typeOf<Int>(), typeOf<String>()))
        last.start() shouldBe listOf(
            WorkflowCommand.ContinueAsNewWorkflowExecution(
                workflowType = "invoice", taskQueue = "invoices", arguments = last.payloads(Order("z", 5)),
                memo = dev.temporalkt.api.common.v1.Memo.newBuilder().putFields("from", last.payload<Any?>("loop")).build(),
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
