package dev.temporalkt.worker.replay

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.workflowservice.v1.ResetWorkflowExecutionRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.getWorkflowHandle
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.fixtures.HistoryFixtures
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkflowReplayer
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

/**
 * Kotlin workflows run by the real worker on the dev server, one scenario per test: each history the server wrote is
 * replayed with [WorkflowReplayer] and, with `-Dtemporalkt.recordHistoriesTo=<dir>`, written as the fixture
 * `worker-<scenario>.json` that [FixtureReplaySpec] replays.
 */
class WorkerHistoriesSpec : FunSpec({
    suspend fun scenario(name: String, block: suspend (client: Client, options: (String) -> WorkflowOptions) -> WorkflowHandle<*>): History {
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        try {
            val taskQueue = "history-$name-${UUID.randomUUID()}"
            val history = Worker(client, taskQueue, workflows = scenarioWorkflows, activities = listOf(ScenarioActivities())).start().use {
                val handle = block(client) { id -> WorkflowOptions(id = "$id-${UUID.randomUUID()}", taskQueue = taskQueue) }
                client.getWorkflowHandle<Any?>(handle.id, handle.firstExecutionRunId).fetchHistory().history
            }
            HistoryFixtures.recordIfRequested("worker-$name", history)
            WorkflowReplayer(scenarioWorkflows).replay(history)
            return history
        } finally {
            client.connection.close()
        }
    }

    fun History.types() = eventsList.map { it.eventType }

    test("dev server: timers, one cancelled before it fires") {
        val history = scenario("timers") { client, options ->
            client.startWorkflow<String>("ScenarioTimers", options = options("timers")).also { it.result() shouldBe "timers done" }
        }
        history.types().count { it == EventType.EVENT_TYPE_TIMER_STARTED } shouldBe 3
        history.types().count { it == EventType.EVENT_TYPE_TIMER_CANCELED } shouldBe 1
        history.types().count { it == EventType.EVENT_TYPE_TIMER_FIRED } shouldBe 2
    }

    test("dev server: activities completed, failed and cancelled with each cancellation type") {
        val history = scenario("activities") { client, options ->
            client.startWorkflow<List<String>>("ScenarioActivities", options = options("activities")).also {
                it.result() shouldBe listOf(
                    "echo a",
                    "failed: refused b",
                    "TRY_CANCEL: ActivityFailure caused by CanceledFailure",
                    "WAIT_CANCELLATION_COMPLETED: ActivityFailure caused by CanceledFailure",
                    "ABANDON: ActivityFailure caused by CanceledFailure",
                )
            }
        }
        // TRY_CANCEL and WAIT_CANCELLATION_COMPLETED send a cancel request, ABANDON does not
        history.types().count { it == EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED } shouldBe 2
        history.types() shouldContainAll listOf(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
    }

    test("dev server: signals, a query, updates completed, rejected by the validator and failed") {
        val history = scenario("messages") { client, options ->
            client.startWorkflow<List<String>>("ScenarioMessages", options = options("messages")).also {
                it.signal("add", "a")
                it.query<Int>("count") shouldBe 1
                it.executeUpdate<Int>("addChecked", "b") shouldBe 2
                val rejected = shouldThrow<WorkflowUpdateFailedException> { it.executeUpdate<Int>("addChecked", " ") }
                rejected.cause.shouldBeInstanceOf<ApplicationFailure>().message shouldContain "item must not be blank"
                val failed = shouldThrow<WorkflowUpdateFailedException> { it.executeUpdate<Int>("refuse", "c") }
                failed.cause.shouldBeInstanceOf<ApplicationFailure>().type shouldBe "Refused"
                it.signal("finish")
                it.result() shouldBe listOf("a", "b")
            }
        }
        history.types().count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED } shouldBe 2
        history.types().count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED } shouldBe 2
        history.types().count { it == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 2
    }

    test("dev server: a cancel request runs a clean-up activity and cancels the execution") {
        val history = scenario("cancelled") { client, options ->
            client.startWorkflow<String>("ScenarioCancelled", options = options("cancelled")).also {
                // the first workflow task must have started the timer before the cancel request arrives
                it.awaitEvent(EventType.EVENT_TYPE_TIMER_STARTED)
                it.cancel()
                shouldThrow<WorkflowFailedException> { it.result() }.cause.shouldBeInstanceOf<CanceledFailure>()
            }
        }
        history.types() shouldContainAll listOf(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED, EventType.EVENT_TYPE_TIMER_CANCELED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
        )
        history.types().last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
    }

    test("dev server: a patch and a deprecated patch record markers") {
        val history = scenario("patches") { client, options ->
            client.startWorkflow<String>("ScenarioPatches", options = options("patches")).also { it.result() shouldBe "v2" }
        }
        history.types().count { it == EventType.EVENT_TYPE_MARKER_RECORDED } shouldBe 2
    }

    test("dev server: continue-as-new ends the first run") {
        val history = scenario("continueAsNew") { client, options ->
            client.startWorkflow<Int>("ScenarioContinueAsNew", 0, options = options("continue-as-new")).also { it.result() shouldBe 2 }
        }
        history.types().last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
    }

    test("dev server: an application failure fails the execution") {
        val history = scenario("failure") { client, options ->
            client.startWorkflow<String>("ScenarioFailure", options = options("failure")).also {
                shouldThrow<WorkflowFailedException> { it.result() }.cause.shouldBeInstanceOf<ApplicationFailure>().type shouldBe "Rejected"
            }
        }
        history.types().last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
    }

    test("dev server: local activities completed, retried in the worker, retried after a timer and cancelled") {
        val history = scenario("localActivities") { client, options ->
            // a short task timeout: the workflow task heartbeats soon while the last local activity runs, so the timer
            // after which it is cancelled starts early
            val short = options("local-activities").copy(taskTimeout = 1.seconds)
            client.startWorkflow<List<String>>("ScenarioLocalActivities", options = short).also {
                it.result() shouldBe listOf(
                    "echo local",
                    "in the worker on attempt 2",
                    "after a timer on attempt 2",
                    "cancelled: CanceledFailure",
                )
            }
        }
        val markers = history.eventsList.filter {
            it.eventType == EventType.EVENT_TYPE_MARKER_RECORDED && it.markerRecordedEventAttributes.markerName == "core_local_activity"
        }
        markers.size shouldBe 5 // the timer-backed retry records its failed first attempt too
        history.types().count { it == EventType.EVENT_TYPE_TIMER_STARTED } shouldBe 2 // the retry backoff and the delay
    }

    test("dev server: a run reset to its last workflow task keeps the draw of its first task and re-seeds randomness for the reset task") {
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        try {
            val taskQueue = "history-reset-${UUID.randomUUID()}"
            Worker(client, taskQueue, workflows = scenarioWorkflows, activities = listOf(ScenarioActivities())).start().use {
                val original = client.startWorkflow<List<Long>>(
                    "ScenarioResetDraws", options = WorkflowOptions(id = "reset-${UUID.randomUUID()}", taskQueue = taskQueue),
                )
                // the first task must be over before the signal arrives, or one task would see both
                original.awaitEvent(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
                original.signal("go")
                val drawn = original.result()
                // the second task (the signal's) drew the second number and completed the run: the reset run keeps the
                // first task and gets the second one again, with the randomness seed of the new run
                val tasksCompleted = original.fetchHistory().history.eventsList.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
                tasksCompleted.size shouldBe 2
                val lastTaskCompleted = tasksCompleted.last()
                val reset = client.connection.workflowService.resetWorkflowExecution(
                    ResetWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.namespace)
                        .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(original.id).setRunId(original.firstExecutionRunId!!))
                        .setReason("run the last workflow task again")
                        .setWorkflowTaskFinishEventId(lastTaskCompleted.eventId)
                        .setRequestId(UUID.randomUUID().toString())
                        .build(),
                )
                val resetRun = client.getWorkflowHandle<List<Long>>(original.id, reset.runId)
                val redrawn = resetRun.result()
                redrawn[0] shouldBe drawn[0]
                (redrawn[1] != drawn[1]) shouldBe true
                val history = resetRun.fetchHistory().history
                val failed = history.eventsList.single { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                failed.workflowTaskFailedEventAttributes.cause shouldBe WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW
                failed.workflowTaskFailedEventAttributes.newRunId shouldBe reset.runId
                HistoryFixtures.recordIfRequested("worker-reset", history)
                WorkflowReplayer(scenarioWorkflows).replay(history)
            }
        } finally {
            client.connection.close()
        }
    }
})
