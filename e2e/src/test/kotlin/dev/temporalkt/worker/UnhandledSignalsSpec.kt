package dev.temporalkt.worker

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.UUID

@Workflow(name = "LateHandler")
class LateHandlerWorkflow {
    private var register = false

    @WorkflowRun
    suspend fun run(): String {
        Workflow.waitCondition { register }
        var early: String? = null
        // the signal sent before this handler existed was kept for it
        Workflow.setSignalHandler("early") { args -> early = args.single().get<String>() }
        Workflow.waitCondition { early != null }
        return early!!
    }

    @Signal
    fun register() {
        register = true
    }
}

/** Signals with no handler yet are kept for a handler registered later; those never handled are named when the run ends. */
class UnhandledSignalsSpec : FunSpec({
    test("a signal waits for its handler; signals no handler took are named in a warning when the run ends") {
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        val taskQueue = "late-handler-${UUID.randomUUID()}"
        try {
            capturingLogs { logs ->
                Worker(client, taskQueue, workflows = listOf(LateHandlerWorkflow::class)).start().use {
                    val workflowId = "late-handler-${UUID.randomUUID()}"
                    val handle = client.startWorkflow<String>("LateHandler", options = WorkflowOptions(id = workflowId, taskQueue = taskQueue))
                    handle.signal("early", "kept")
                    handle.signal("orphan", 1)
                    handle.signal("orphan", 2)
                    handle.signal("register")
                    handle.result() shouldBe "kept"
                    logs.lines.filter { it.startsWith("WARN ") && it.contains("signals no handler took") } shouldBe listOf(
                        "WARN Workflow LateHandler (id '$workflowId', run '${handle.resultRunId}') finished with signals no handler " +
                            "took: 'orphan' (2). They are dropped. Register a handler for them (@Signal or " +
                            "Workflow.setSignalHandler) before the workflow returns, or a dynamic one.",
                    )
                }
            }
        } finally {
            client.connection.close()
        }
    }
})
