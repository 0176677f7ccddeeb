package dev.temporalkt.workflow.e2e

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

@Workflow(name = "E2eEagerGreeting")
class EagerGreetingWorkflow {
    @WorkflowRun
    suspend fun run(name: String): String = "Hello, $name (attempt ${Workflow.info().attempt})"
}

/** Eager workflow start: the first workflow task comes with the start response and goes to a worker of this process. */
class EagerStartSpec : FunSpec({
    val workflows = listOf(EagerGreetingWorkflow::class)

    for (server in e2eServers()) {
        test("${server.name}: an eager start hands the first workflow task to the local worker, which completes the run") {
            server.withWorker(workflows) {
                val handle = client.startWorkflow<String>(
                    "E2eEagerGreeting", "Ada", options = options("eager").copy(requestEagerStart = true),
                )
                handle.startedEagerly shouldBe true
                handle.result() shouldBe "Hello, Ada (attempt 1)"
                val events = events(handle)
                events.map { it.eventType }.take(3) shouldBe listOf(
                    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
                )
                val started = events.first { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED }
                started.workflowTaskStartedEventAttributes.identity shouldBe client.identity
                events.first { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
                    .workflowTaskCompletedEventAttributes.identity shouldBe client.identity
                replay(handle)
            }
        }

        test("${server.name}: without a local worker of the same connection an eager start is an ordinary start") {
            server.withWorker(workflows) {
                // A second connection: the worker polls through the first one, so nothing can take the task here.
                val other = Client.connect(client.connection.options)
                try {
                    val handle = other.startWorkflow<String>(
                        "E2eEagerGreeting", "Grace", options = options("not-eager").copy(requestEagerStart = true),
                    )
                    handle.startedEagerly shouldBe false
                    handle.result() shouldBe "Hello, Grace (attempt 1)"
                } finally {
                    other.connection.close()
                }
            }
        }

        test("${server.name}: an eager start for another task queue than the local worker's is an ordinary start") {
            server.withWorker(workflows) {
                val handle = client.startWorkflow<String>(
                    "E2eEagerGreeting", "Linus",
                    options = options("other-queue").copy(requestEagerStart = true, taskQueue = "$taskQueue-elsewhere"),
                )
                handle.startedEagerly shouldBe false
                handle.terminate("no worker polls this task queue")
            }
        }
    }
})
