@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.replay

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlin.reflect.KClass
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * Histories written by the Python (`temporalio` 1.35.0) and TypeScript (`@temporalio` packages 1.24.0) SDKs replay with this
 * SDK's [WorkflowReplayer] and Kotlin equivalents of their workflows (`ForeignSdkWorkflows.kt`): the commands match
 * the recorded events, and the Kotlin code, fed the recorded activity, child, local activity, signal and update
 * payloads, returns the results the other SDK's run and update handlers returned. Changed Kotlin code fails with a
 * non-determinism error naming the history event. The fixtures and the scripts that record them:
 * `src/test/foreign-histories/README.md`.
 */
class ForeignSdkHistoriesSpec : FunSpec({
    class Fixture(
        val name: String,
        val workflow: KClass<*>,
        val resultType: KType,
        val updateResultType: KType? = null,
    ) {
        val sdk: String get() = if (name.startsWith("python-")) "temporal-python" else "temporal-typescript"
    }

    val fixtures = listOf(
        Fixture("python-activities", PyActivitiesWorkflow::class, typeOf<String>()),
        Fixture("python-children", PyParentWorkflow::class, typeOf<List<String>>()),
        Fixture("python-early-messages", PyEarlyMessagesWorkflow::class, typeOf<List<String>>(), updateResultType = typeOf<Int>()),
        Fixture("python-same-task", PySameTaskWorkflow::class, typeOf<List<String>>()),
        Fixture("python-handlers", PyHandlersWorkflow::class, typeOf<String>(), updateResultType = typeOf<String>()),
        Fixture("python-patches", PyPatchesWorkflow::class, typeOf<String>()),
        Fixture("python-patches-before", PyPatchesWorkflow::class, typeOf<String>()),
        Fixture("typescript-early-messages", TsEarlyMessagesWorkflow::class, typeOf<List<String>>(), updateResultType = typeOf<Int>()),
        Fixture("typescript-handlers", TsHandlersWorkflow::class, typeOf<String>(), updateResultType = typeOf<String>()),
        Fixture("typescript-order", TsOrderWorkflow::class, typeOf<String>()),
        Fixture("typescript-patches", TsPatchesWorkflow::class, typeOf<String>()),
        Fixture("typescript-patches-before", TsPatchesWorkflow::class, typeOf<String>()),
    )

    test("every committed foreign history has a replay test") {
        ForeignHistories.names() shouldBe (fixtures.map { it.name } + "typescript-same-task").sorted()
    }

    for (fixture in fixtures) {
        test("${fixture.name} replays with its Kotlin equivalent, which returns the recorded results") {
            val recorded = ForeignHistories.load(fixture.name)
            ForeignHistories.recordingSdk(recorded.history) shouldBe fixture.sdk

            val replayed = replayForResults(recorded, fixture.workflow)

            replayed.run shouldBe ForeignHistories.recordedResult(recorded.history, fixture.resultType)
            val updateResults = fixture.updateResultType?.let { ForeignHistories.recordedUpdateResults(recorded.history, it) }.orEmpty()
            replayed.updates shouldBe updateResults
        }
    }

    test("the recorded results are the ones the scenarios are written to produce") {
        fun result(name: String, type: KType) = ForeignHistories.recordedResult(ForeignHistories.load(name).history, type)
        result("python-handlers", typeOf<String>()) shouldBe "2 items; approved by ada; items apple,banana"
        val earlyMessagesLog = listOf("update 4", "main", "signal first", "signal second")
        result("python-early-messages", typeOf<List<String>>()) shouldBe earlyMessagesLog
        result("typescript-early-messages", typeOf<List<String>>()) shouldBe earlyMessagesLog
        result("python-same-task", typeOf<List<String>>()) shouldBe listOf("handler 3", "main")
        result("typescript-same-task", typeOf<List<String>>()) shouldBe listOf("main", "handler 3")
        result("python-activities", typeOf<String>()) shouldBe "hello ada|left|middle|5|looked up ada|True|looked up ada again"
        result("python-children", typeOf<List<String>>()) shouldBe listOf("child c1", "child c2", "child last")
        result("python-patches", typeOf<String>()) shouldBe "new ada"
        result("python-patches-before", typeOf<String>()) shouldBe "old greeting of length 7"
        result("typescript-handlers", typeOf<String>()) shouldBe "2 items in time: true; approved by ada; items apple,banana"
        result("typescript-order", typeOf<String>()) shouldBe "looked up ada|left ada|9|child c1,child c2|child last"
        result("typescript-patches", typeOf<String>()) shouldBe "new ada"
        result("typescript-patches-before", typeOf<String>()) shouldBe "old greeting of length 7"
    }

    test("typescript-same-task: where the TypeScript SDK runs an activation's jobs as one batch, the order differs and replay says where") {
        // The TypeScript SDK applies every job of an activation before running code (its logic flag 2, recorded at event
        // 10, and always for activations without signals), so the run function resumed by the timer schedules its
        // activity before the signal handler's condition is checked. This SDK runs signal and update handlers,
        // conditions included, until nothing more can run before it applies the activation's other jobs, as the Python
        // SDK does (python-same-task replays). Code whose order depends on that does not replay across the two SDKs; the
        // error names the first event that differs.
        val recorded = ForeignHistories.load("typescript-same-task")
        ForeignHistories.recordingSdk(recorded.history) shouldBe "temporal-typescript"
        val error = shouldThrow<NonDeterminismException> {
            WorkflowReplayer(listOf(TsSameTaskWorkflow::class)).replay(recorded.history, recorded.workflowId)
        }
        error.eventId shouldBe 11L
        error.message!! shouldContain "history event 11 is ActivityTaskScheduled(activity type 'foreign_echo', activity id '1') " +
            "but the workflow produced ScheduleActivity(seq 1, activity type 'foreign_length', activity id '1')"
    }

    test("a changed activity type fails the replay of a TypeScript history, naming the event and the command") {
        val recorded = ForeignHistories.load("typescript-order")
        val error = shouldThrow<NonDeterminismException> {
            WorkflowReplayer(listOf(TsOrderChangedActivityWorkflow::class)).replay(recorded.history, recorded.workflowId)
        }
        error.eventId shouldBe 11L
        error.message!! shouldStartWith "Non-deterministic workflow 'ForeignTsOrder' (id typescript-order, run "
        error.message!! shouldContain "history event 11 is ActivityTaskScheduled(activity type 'foreign_echo', activity id '2') " +
            "but the workflow produced ScheduleActivity(seq 2, activity type 'foreign_length', activity id '2')"
    }

    test("children without the recorded workflow ids fail the replay of a Python history, naming the event") {
        val recorded = ForeignHistories.load("python-children")
        val error = shouldThrow<NonDeterminismException> {
            WorkflowReplayer(listOf(PyParentDefaultChildIdsWorkflow::class)).replay(recorded.history, recorded.workflowId)
        }
        error.eventId shouldBe 5L
        error.message!! shouldContain "history event 5 is StartChildWorkflowExecutionInitiated(workflow type 'ForeignPyChild', " +
            "workflow id 'python-children-child-1') but the workflow produced StartChildWorkflowExecution(seq 1, workflow type 'ForeignPyChild', workflow id '"
    }
})
