package dev.temporalkt.worker.replay

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.WorkflowReplayer
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.runBlocking
import io.kotest.matchers.shouldBe
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

/**
 * The worker's run cache: runs evicted between tasks (a full cache, a worker replaced by another, caching off)
 * continue correctly after being replayed from history, including histories of more than one page.
 */
class WorkflowCacheSpec : FunSpec({
    val embedded = lazy { runBlocking { WorkflowEnvironment.startTimeSkipping() } }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value.client.connection.options.target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        val timeSkipping = server.startsWith("embedded")

        // Runs waiting for signals would let the time-skipping server skip to their run timeout while a result is
        // awaited: the test environment's clock stays held (real time) throughout these tests.
        suspend fun withClient(block: suspend (Client) -> Unit) {
            if (timeSkipping) {
                val env = embedded.value
                env.withoutAutoTimeSkipping { block(env.client) }
                return
            }
            val client = Client.connect(ConnectionOptions(target = target()))
            try {
                block(client)
            } finally {
                client.connection.close()
            }
        }

        test("$server: two runs interleaved on a worker caching one run each continue after being evicted by the other") {
            withClient { client ->
                val taskQueue = "cache-one-${UUID.randomUUID()}"
                Worker(
                    client, taskQueue, workflows = listOf(MessagesWorkflow::class),
                    options = WorkerOptions(maxCachedWorkflows = 1, stickyScheduleToStartTimeout = 2.seconds),
                ).start().use {
                    val a = client.startWorkflow<List<String>>("ScenarioMessages", options = WorkflowOptions(id = "a-${UUID.randomUUID()}", taskQueue = taskQueue))
                    val b = client.startWorkflow<List<String>>("ScenarioMessages", options = WorkflowOptions(id = "b-${UUID.randomUUID()}", taskQueue = taskQueue))
                    for (round in 1..3) {
                        a.signal("add", "a$round")
                        a.query<Int>("count") shouldBe round
                        b.signal("add", "b$round")
                        b.query<Int>("count") shouldBe round
                    }
                    a.signal("finish")
                    b.signal("finish")
                    a.result() shouldBe listOf("a1", "a2", "a3")
                    b.result() shouldBe listOf("b1", "b2", "b3")
                    for (handle in listOf(a, b)) WorkflowReplayer(listOf(MessagesWorkflow::class)).replay(handle.fetchHistory().history)
                }
            }
        }

        // The embedded server neither honours ShutdownWorker nor lets a sticky task time out while its clock is held
        // by that very task, so there the first worker does not cache (no sticky queue) and only the replay by the
        // second worker is exercised.
        val firstWorkerCaches = !timeSkipping
        val restartName = if (firstWorkerCaches) "a run cached by a stopped worker" else "a run left by a stopped worker"
        test("$server: $restartName continues on a new worker after replay") {
            withClient { client ->
                val taskQueue = "cache-restart-${UUID.randomUUID()}"
                fun worker(identity: String, caches: Boolean) = Worker(
                    client, taskQueue, workflows = listOf(MessagesWorkflow::class),
                    options = WorkerOptions(
                        identity = identity, stickyScheduleToStartTimeout = 1.seconds, maxCachedWorkflows = if (caches) 10 else 0,
                    ),
                )
                val handle = worker("worker-a", firstWorkerCaches).start().use {
                    client.startWorkflow<List<String>>("ScenarioMessages", options = WorkflowOptions(id = "restart-${UUID.randomUUID()}", taskQueue = taskQueue)).also {
                        it.signal("add", "before")
                        it.query<Int>("count") shouldBe 1
                    }
                }
                worker("worker-b", caches = true).start().use {
                    handle.signal("add", "after")
                    handle.signal("finish")
                    handle.result() shouldBe listOf("before", "after")
                }
                val history = handle.fetchHistory().history
                val identities = history.eventsList.filter { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED }
                    .map { it.workflowTaskStartedEventAttributes.identity }
                identities.first() shouldBe "worker-a"
                identities.last() shouldBe "worker-b"
                WorkflowReplayer(listOf(MessagesWorkflow::class)).replay(history)
            }
        }

        test("$server: with caching off every task replays the run from full history") {
            withClient { client ->
                val taskQueue = "cache-off-${UUID.randomUUID()}"
                Worker(
                    client, taskQueue, workflows = listOf(MessagesWorkflow::class, ManyTimersWorkflow::class),
                    options = WorkerOptions(maxCachedWorkflows = 0),
                ).start().use {
                    val handle = client.startWorkflow<List<String>>("ScenarioMessages", options = WorkflowOptions(id = "off-${UUID.randomUUID()}", taskQueue = taskQueue))
                    handle.signal("add", "x")
                    handle.query<Int>("count") shouldBe 1
                    handle.signal("add", "y")
                    handle.signal("finish")
                    handle.result() shouldBe listOf("x", "y")
                    client.startWorkflow<Int>("ScenarioManyTimers", 2, options = WorkflowOptions(id = "timers-${UUID.randomUUID()}", taskQueue = taskQueue))
                        .result() shouldBe 2
                }
            }
        }

        test("$server: a run whose history is larger than a page continues with caching off and replays") {
            withClient { client ->
                val taskQueue = "cache-pages-${UUID.randomUUID()}"
                Worker(
                    client, taskQueue, workflows = listOf(ManyActivitiesWorkflow::class), activities = listOf(ScenarioActivities()),
                    options = WorkerOptions(maxCachedWorkflows = 0),
                ).start().use {
                    // 100 activities in a row write some 300 event batches, more than the server's default page of 256
                    val handle = client.startWorkflow<Int>("ScenarioManyActivities", 100, options = WorkflowOptions(id = "pages-${UUID.randomUUID()}", taskQueue = taskQueue))
                    handle.result() shouldBe 100
                    if (!timeSkipping) {
                        val firstPage = client.connection.workflowService.getWorkflowExecutionHistory(
                            GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(client.namespace)
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(handle.id)).build(),
                        )
                        firstPage.nextPageToken.isEmpty shouldBe false
                    }
                    val history = handle.fetchHistory().history
                    history.eventsList.count { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED } shouldBe 100
                    history.eventsList.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED } shouldBe 0
                    WorkflowReplayer(listOf(ManyActivitiesWorkflow::class)).replay(history)
                }
            }
        }
    }
})
