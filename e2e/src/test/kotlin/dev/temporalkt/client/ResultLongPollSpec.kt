package dev.temporalkt.client

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest
import dev.temporalkt.api.update.v1.Outcome
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.encodeValue
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlin.reflect.typeOf
import kotlin.time.Duration.Companion.seconds

/**
 * Waiting for a result outlasts the server's long polls: the embedded test server ends a close-event history poll
 * after about 20 s with neither events nor a page token, and `result()` must poll again instead of giving up. The
 * same holds for an update's result, whose polls end when the connection's long-poll deadline passes.
 */
class ResultLongPollSpec : FunSpec({
    test("embedded test server: result() keeps waiting across long polls that end without the close event") {
        EmbeddedTestServer.start().use { server ->
            withClient(server.target) { client ->
                // No worker and a held clock: the run stays open until the test completes it by hand.
                client.connection.testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
                val taskQueue = uniqueId("long-poll")
                val handle = client.startWorkflow<String>("LongWait", options = WorkflowOptions(id = uniqueId("long-wait"), taskQueue = taskQueue))
                coroutineScope {
                    val result = async { handle.result() }
                    // Outlast one long poll of the server (it ends after about 20 s) before the workflow closes.
                    delay(25.seconds)
                    result.isActive shouldBe true
                    val tasks = ScriptedWorkflowTasks(client.connection, taskQueue)
                    tasks.respond(tasks.poll(), listOf(ScriptedWorkflowTasks.complete(DataConverter.default.encode(listOf("done"), listOf(typeOf<String>())))))
                    result.await() shouldBe "done"
                }
            }
        }
    }

    for ((server, target) in clientTestServers()) {
        test("$server: an accepted update's result() keeps waiting across long polls that end without an outcome") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "update-long-poll")
                val handle = client.startWorkflow<String>("Cart", options = workflow.options)
                workflow.tasks.respond(workflow.tasks.poll(), emptyList())
                // A second connection whose long polls (update requests and update polls) each end after 2 s.
                val waiting = Client.connect(ConnectionOptions(target = target(), longPollTimeout = 2.seconds))
                waiting.connection.use {
                    coroutineScope {
                        val started = async {
                            waiting.getWorkflowHandle<String>(workflow.workflowId)
                                .startUpdate<Int>("addItem", "plum", waitForStage = WorkflowUpdateStage.ACCEPTED, updateId = "plum-1")
                        }
                        val task = workflow.tasks.poll()
                        val (message, request) = updateRequests(task).single()
                        val acceptance = acceptUpdate(message, request)
                        workflow.tasks.respond(task, listOf(protocolCommand(acceptance.id)), listOf(acceptance))
                        val update = started.await()

                        val result = async { update.result() }
                        // Outlast at least two of the 2 s polls before the update completes.
                        delay(5.seconds)
                        result.isActive shouldBe true
                        handle.signal("wake")
                        val next = workflow.tasks.poll()
                        val outcome = Outcome.newBuilder()
                            .setSuccess(Payloads.newBuilder().addPayloads(DataConverter.default.encodeValue(5))).build()
                        val response = completeUpdate(message, request, outcome)
                        workflow.tasks.respond(next, listOf(protocolCommand(response.id)), listOf(response))
                        result.await() shouldBe 5
                    }
                }
                handle.fetchHistory().events.count { it.eventType == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED } shouldBe 1
                handle.terminate()
            }
        }
    }
})
