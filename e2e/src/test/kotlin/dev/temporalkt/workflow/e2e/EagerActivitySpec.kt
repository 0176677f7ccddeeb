package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlin.time.Duration.Companion.seconds

/** Activities of [EagerActivitiesWorkflow]. */
class EagerGreetings {
    @Activity
    suspend fun greet(name: String): String = "Hello, $name"
}

/** Schedules `count` activities in its first workflow task, eagerly or not, and returns their results in order. */
@Workflow(name = "E2eEagerActivities")
class EagerActivitiesWorkflow {
    @WorkflowRun
    suspend fun run(count: Int, disableEager: Boolean): List<String> = coroutineScope {
        val options = ActivityOptions(startToCloseTimeout = 30.seconds, disableEagerExecution = disableEager)
        (1..count).map { i -> async { Workflow.executeActivity(EagerGreetings::greet, "guest $i", options = options) } }.awaitAll()
    }
}

/**
 * Eager activity execution: activities a workflow task schedules on the worker's own task queue come back with the
 * task's completion (at most three per completion) and run on this worker without a poll.
 */
@OptIn(InternalTemporalApi::class)
class EagerActivitySpec : FunSpec({
    val workflows = listOf(EagerActivitiesWorkflow::class)
    val activities = listOf(EagerGreetings())

    suspend fun E2eRun.runFive(prefix: String, disableEager: Boolean): List<String> {
        val handle = client.startWorkflow<List<String>>("E2eEagerActivities", 5, disableEager, options = options(prefix))
        val result = handle.result()
        val types = eventTypes(handle)
        types.count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED } shouldBe 5
        types.count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 5
        replay(handle)
        return result
    }

    for (server in e2eServers()) {
        val expectedEager = if (server.timeSkipping) 0L else 3L
        val how = if (server.timeSkipping) {
            "the embedded server never hands activities out eagerly, so all five are polled"
        } else {
            "three of five activities scheduled in one workflow task run eagerly, the other two are polled"
        }
        test("${server.name}: $how; all complete in order") {
            server.withWorker(workflows, activities) {
                runFive("eager", disableEager = false) shouldBe (1..5).map { "Hello, guest $it" }
                currentWorker.eagerActivityTasksStarted shouldBe expectedEager
            }
        }

        test("${server.name}: activities with disableEagerExecution are all polled") {
            server.withWorker(workflows, activities) {
                runFive("not-eager", disableEager = true) shouldBe (1..5).map { "Hello, guest $it" }
                currentWorker.eagerActivityTasksStarted shouldBe 0L
            }
        }

        test("${server.name}: a worker with disableEagerActivityExecution polls every activity") {
            server.withWorker(workflows, activities, options = WorkerOptions(disableEagerActivityExecution = true)) {
                runFive("worker-not-eager", disableEager = false) shouldBe (1..5).map { "Hello, guest $it" }
                currentWorker.eagerActivityTasksStarted shouldBe 0L
            }
        }
    }
})
