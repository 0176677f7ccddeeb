@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.WorkflowReplayer
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlin.time.Duration.Companion.seconds

class VersionedSteps {
    @Activity
    suspend fun oldStep(name: String): String = "old $name"

    @Activity
    suspend fun newStep(name: String): String = "new $name"
}

/**
 * One workflow type deployed in three versions, as the patching guide has it: [Code.V1] before the patch,
 * [Code.V2] with `patched("new-steps")` choosing between the old and the new steps, [Code.V3] with the old steps
 * removed and the patch deprecated. The worker in the test runs whichever version [code] names.
 */
@Workflow(name = "E2eVersioned")
class VersionedWorkflow {
    private var go = false

    @WorkflowRun
    suspend fun run(): String {
        val first = step("first")
        Workflow.waitCondition { go }
        return "$first, ${step("second")}"
    }

    private suspend fun step(name: String): String {
        val old = when (code) {
            Code.V1 -> true
            Code.V2 -> !Workflow.patched(PATCH)
            Code.V3 -> false.also { Workflow.deprecatePatch(PATCH) }
        }
        val options = ActivityOptions(startToCloseTimeout = 10.seconds)
        return if (old) Workflow.executeActivity(VersionedSteps::oldStep, name, options = options)
        else Workflow.executeActivity(VersionedSteps::newStep, name, options = options)
    }

    @Signal
    fun go() {
        go = true
    }

    enum class Code { V1, V2, V3 }

    companion object {
        const val PATCH = "new-steps"

        /** The version of the code deployed now. */
        @Volatile
        var code: Code = Code.V1
    }
}

/**
 * `patched` and `deprecatePatch` with the semantics of the patching guide, end to end: a run started before the
 * patch keeps its old steps after a worker with the patched code takes it over (also past the point where it was
 * waiting), a run started on the patched code takes the new steps and records the marker, and once the patch is
 * deprecated, runs with the marker replay while runs that took the old steps no longer can.
 */
class VersioningSpec : FunSpec({
    val workflows = listOf(VersionedWorkflow::class)
    afterTest { VersionedWorkflow.code = VersionedWorkflow.Code.V1 }

    fun markers(types: List<EventType>) = types.count { it == EventType.EVENT_TYPE_MARKER_RECORDED }

    for (server in e2eServers()) {
        test("${server.name}: a run started before a patch keeps its old steps on the patched code; new runs take the new ones") {
            VersionedWorkflow.code = VersionedWorkflow.Code.V1
            // no cache, so no sticky queue: the embedded server would hold a task for the stopped worker's sticky
            // queue while the test holds its clock
            server.withWorker(workflows, activities = listOf(VersionedSteps()), options = WorkerOptions(maxCachedWorkflows = 0)) {
                userActs {
                    val before = client.startWorkflow<String>("E2eVersioned", options = options("before-patch"))
                    awaitEvent(before) { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED }

                    // deploy the patched code: the new worker replays the waiting run from its history
                    stopWorker()
                    VersionedWorkflow.code = VersionedWorkflow.Code.V2
                    startWorker()
                    before.signal("go")
                    before.result() shouldBe "old first, old second"
                    markers(eventTypes(before)) shouldBe 0

                    val after = client.startWorkflow<String>("E2eVersioned", options = options("after-patch"))
                    awaitEvent(after) { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED }
                    after.signal("go")
                    after.result() shouldBe "new first, new second"
                    markers(eventTypes(after)) shouldBe 1 // recorded once, where the patch was first met
                    replay(before)
                    replay(after)

                    // deprecate the patch: histories with the marker still replay, those of the old steps do not
                    VersionedWorkflow.code = VersionedWorkflow.Code.V3
                    WorkflowReplayer(workflows).replay(after.fetchHistory().history, after.id)
                    val oldSteps = shouldThrow<NonDeterminismException> {
                        WorkflowReplayer(workflows).replay(before.fetchHistory().history, before.id)
                    }
                    oldSteps.message shouldContain "oldStep"
                    oldSteps.message shouldContain "newStep"

                    stopWorker()
                    startWorker()
                    val deprecated = client.startWorkflow<String>("E2eVersioned", options = options("deprecated"))
                    awaitEvent(deprecated) { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED }
                    client.getWorkflowHandle<String>(deprecated.id).signal("go")
                    deprecated.result() shouldBe "new first, new second"
                    replay(deprecated)
                }
            }
        }
    }
})
