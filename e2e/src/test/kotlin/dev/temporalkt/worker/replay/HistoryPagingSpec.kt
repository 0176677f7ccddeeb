@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.replay

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.WorkerOptions
import dev.temporalkt.worker.internal.workflow.WorkflowTaskProcessor
import dev.temporalkt.worker.internal.workflow.WorkflowTaskProcessorOptions
import dev.temporalkt.workflow.internal.KotlinWorkflowRuntimes
import dev.temporalkt.workflow.internal.WorkflowInstanceOptions
import dev.temporalkt.workflow.e2e.e2eServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.comparables.shouldBeGreaterThan
import io.kotest.matchers.comparables.shouldBeGreaterThanOrEqualTo
import io.kotest.matchers.comparables.shouldBeLessThanOrEqualTo
import io.kotest.matchers.shouldBe
import kotlin.time.Duration.Companion.seconds

/**
 * Runs evicted from the cache are replayed from a full history fetched page by page: with the worker's history page
 * size set to 5, a run of some 60 events is fetched in a dozen pages or more (on the dev server; the embedded test
 * server ignores the page size), and continues correctly.
 */
class HistoryPagingSpec : FunSpec({
    for (server in e2eServers()) {
        test("${server.name}: a cache miss replays a 60-event history fetched in pages of 5 events") {
            // the spec's own workflow worker (with the internal page size) polls the task queue instead of the Worker's
            server.withWorker(listOf(MessagesWorkflow::class), options = WorkerOptions(disableWorkflowWorker = true)) {
                // one cached run for two workflows: each task of one evicts the other, whose next (sticky) task then
                // carries only its new events and needs the history from event 1
                val worker = WorkflowTaskProcessor(
                    client.connection, client.namespace, "paging-worker", taskQueue, client.dataConverter,
                    KotlinWorkflowRuntimes(listOf(MessagesWorkflow::class), client.dataConverter, WorkflowInstanceOptions(taskQueue, client.namespace)),
                    WorkflowTaskProcessorOptions(maxCachedWorkflows = 1, stickyScheduleToStartTimeout = 5.seconds), historyPageSize = 5,
                )
                worker.start()
                val rounds = 15
                val (a, b) = try {
                    // the clock is held from the start: an idle run must not be skipped ahead to a timeout
                    val (a, b) = userActs {
                        val a = client.startWorkflow<List<String>>("ScenarioMessages", options = options("paging-a"))
                        val b = client.startWorkflow<List<String>>("ScenarioMessages", options = options("paging-b"))
                        for (round in 1..rounds) {
                            a.signal("add", "a$round")
                            a.query<Int>("count") shouldBe round
                            b.signal("add", "b$round")
                            b.query<Int>("count") shouldBe round
                        }
                        a.signal("finish")
                        b.signal("finish")
                        a to b
                    }
                    a.result() shouldBe (1..rounds).map { "a$it" }
                    b.result() shouldBe (1..rounds).map { "b$it" }
                    a to b
                } finally {
                    worker.shutdown(5.seconds)
                }
                val eventCount = events(a).size
                eventCount shouldBeGreaterThanOrEqualTo 60

                val pages = ArrayList<Int>()
                var token = ByteString.EMPTY
                do {
                    val page = client.connection.workflowService.getWorkflowExecutionHistory(
                        GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(client.namespace)
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(a.id)).setMaximumPageSize(5).setNextPageToken(token).build(),
                    )
                    pages += page.history.eventsCount
                    token = page.nextPageToken
                } while (!token.isEmpty)
                pages.sum() shouldBe eventCount
                worker.historyPagesFetched shouldBeGreaterThan 0L
                if (timeSkipping) {
                    // the embedded test server ignores maximum_page_size and answers with the whole history
                    pages shouldBe listOf(eventCount)
                } else {
                    // the dev server ends a page at the event batch that reaches the size (a batch is never split):
                    // 5 events plus at most the rest of one workflow task's batch
                    pages.max() shouldBeLessThanOrEqualTo 10
                    pages.size shouldBeGreaterThanOrEqualTo eventCount / 10
                    // so did the worker's fetches: every cache miss read its history in pages this small
                    worker.historyEventsFetched shouldBeLessThanOrEqualTo worker.historyPagesFetched * 10
                    worker.historyPagesFetched shouldBeGreaterThanOrEqualTo (eventCount / 10).toLong()
                }
                replay(a)
            }
        }
    }
})
