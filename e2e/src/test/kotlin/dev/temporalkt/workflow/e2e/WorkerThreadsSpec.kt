package dev.temporalkt.workflow.e2e

import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.util.Collections
import kotlin.time.Duration.Companion.seconds

/** Where the probe's code ran: `workflow` or `activity`, then the thread's name. Written by the worker only. */
private val probed: MutableList<Pair<String, String>> = Collections.synchronizedList(mutableListOf())

/** Notes the thread it runs on. */
class ThreadProbeActivities {
    @Activity
    suspend fun probe(input: String): String {
        probed += "activity" to Thread.currentThread().name
        return "probed $input"
    }
}

/** Notes the thread its code runs on in both of its workflow tasks, around one activity. */
@Workflow(name = "E2eThreadProbe")
class ThreadProbeWorkflow {
    @WorkflowRun
    suspend fun run(input: String): String {
        if (!Workflow.isReplaying()) probed += "workflow" to Thread.currentThread().name
        val result = Workflow.executeActivity(ThreadProbeActivities::probe, input, options = ActivityOptions(startToCloseTimeout = 30.seconds))
        if (!Workflow.isReplaying()) probed += "workflow" to Thread.currentThread().name
        return result
    }
}

/**
 * The worker's threads: a workflow task's code runs on the worker thread that took the task from the transport
 * thread, and a suspend activity starts on one too (see `WorkerThreads`).
 */
class WorkerThreadsSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: workflow code and a suspend activity run on the worker's own threads, and the history is the usual one") {
            server.withWorker(listOf(ThreadProbeWorkflow::class), listOf(ThreadProbeActivities())) {
                probed.clear()
                val handle = client.startWorkflow<String>("E2eThreadProbe", "x", options = options("threads"))
                handle.result() shouldBe "probed x"
                val seen = probed.toList()
                seen.map { it.first } shouldContainExactly listOf("workflow", "activity", "workflow")
                seen.forEach { (_, thread) -> thread shouldStartWith "temporal-worker-" }
                eventTypes(handle) shouldContainExactly listOf(
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
                    EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
                    EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
                )
                replay(handle)
                probed shouldHaveSize 3
            }
        }
    }
})
