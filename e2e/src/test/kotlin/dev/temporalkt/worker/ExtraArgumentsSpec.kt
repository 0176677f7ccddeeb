package dev.temporalkt.worker

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.executeUpdate
import dev.temporalkt.client.query
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.failure.WorkflowQueryFailedException
import dev.temporalkt.failure.WorkflowUpdateFailedException
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.workflow.Query
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Update
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.UUID

@Workflow(name = "OneArgEach")
class OneArgEachWorkflow {
    private val notes = mutableListOf<String>()
    private var done = false

    @WorkflowRun
    suspend fun run(owner: String): List<String> {
        Workflow.waitCondition { done }
        return notes.map { "$owner: $it" }
    }

    @Signal
    fun note(text: String) {
        notes += text
    }

    @Signal
    fun finish() {
        done = true
    }

    @Query
    fun count(prefix: String): String = "$prefix${notes.size}"

    @Update
    fun rename(text: String): Int {
        notes += text
        return notes.size
    }
}

/** Arguments beyond a workflow's, a query's, an update's or a signal's parameters are refused, never ignored. */
class ExtraArgumentsSpec : FunSpec({
    test("extra arguments: the run fails, a query fails, an update is rejected, a signal is dropped with a warning") {
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        val taskQueue = "extra-args-${UUID.randomUUID()}"
        try {
            capturingLogs { logs ->
                Worker(client, taskQueue, workflows = listOf(OneArgEachWorkflow::class)).start().use {
                    val handle = client.startWorkflow<List<String>>(
                        "OneArgEach", "ada", options = WorkflowOptions(id = "extra-${UUID.randomUUID()}", taskQueue = taskQueue),
                    )
                    handle.signal("note", "first")
                    handle.signal("note", "second", "extra")
                    handle.query<String>("count", "n=") shouldBe "n=1"

                    val query = shouldThrow<WorkflowQueryFailedException> { handle.query<String>("count", "n=", "extra") }
                    query.cause.shouldBeInstanceOf<ApplicationFailure>().message shouldBe
                        "Handler 'count' of workflow 'OneArgEach' takes 1 argument but was called with 2; call it with arguments matching its parameters"

                    val update = shouldThrow<WorkflowUpdateFailedException> { handle.executeUpdate<Int>("rename", "third", "extra") }
                    val rejected = update.cause.shouldBeInstanceOf<ApplicationFailure>()
                    rejected.type shouldBe "WrongArgumentCount"
                    rejected.message shouldBe
                        "Handler 'rename' of workflow 'OneArgEach' takes 1 argument but was called with 2; call it with arguments matching its parameters"

                    handle.signal("finish")
                    handle.result() shouldBe listOf("ada: first")
                    logs.lines.filter { it.startsWith("WARN Dropping signal") } shouldBe
                        listOf("WARN Dropping signal 'note' of workflow '${handle.id}' (run '${handle.describe().runId}'): its arguments cannot be decoded")

                    val run = client.startWorkflow<List<String>>(
                        "OneArgEach", "ada", "extra", options = WorkflowOptions(id = "extra-run-${UUID.randomUUID()}", taskQueue = taskQueue),
                    )
                    val failed = shouldThrow<WorkflowFailedException> { run.result() }
                    failed.cause.shouldBeInstanceOf<ApplicationFailure>().message shouldBe
                        "Workflow 'OneArgEach' takes 1 argument but was called with 2; call it with arguments matching its parameters"
                }
            }
        } finally {
            client.connection.close()
        }
    }
})
