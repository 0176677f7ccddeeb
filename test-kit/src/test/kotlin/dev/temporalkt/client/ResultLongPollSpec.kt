package dev.temporalkt.client

import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest
import dev.temporalkt.converter.DataConverter
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
 * after about 20 s with neither events nor a page token, and `result()` must poll again instead of giving up.
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
})
