package dev.temporalkt.worker

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.executeWorkflow
import dev.temporalkt.testing.DevServer
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.grpc.StatusException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf
import java.util.UUID

@Workflow(name = "FaultsEcho")
class FaultsEchoWorkflow {
    @WorkflowRun
    suspend fun run(text: String): String = text
}

/** A worker that cannot work says so, and a server that is gone does not hold a shutdown up. */
class WorkerFaultsSpec : FunSpec({
    test("start fails with the namespace and the server's address when the namespace does not exist") {
        val server = SharedServers.devServer()
        val namespace = "missing-${UUID.randomUUID()}"
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = namespace))
        try {
            val worker = Worker(client, "faults-queue", workflows = listOf(FaultsEchoWorkflow::class))
            val error = shouldThrow<IllegalStateException> { worker.start() }
            error.message shouldBe "Worker for task queue 'faults-queue' cannot start: namespace '$namespace' does not exist on the " +
                "Temporal server at ${server.target}. Create it (temporal operator namespace create --namespace $namespace) " +
                "or connect the client to the namespace the worker should serve"
            error.cause.shouldBeInstanceOf<StatusException>().status.code shouldBe io.grpc.Status.Code.NOT_FOUND
            // the failed start leaves no pollers behind, and the worker cannot be started again
            shouldThrow<IllegalStateException> { worker.start() }.message shouldBe
                "Worker for task queue 'faults-queue' was already started"
        } finally {
            client.connection.close()
        }
    }

    test("a worker shuts down without waiting on a server that has gone away; the calls that only inform it are abandoned with a reason") {
        // a dev server of this test's own: it is stopped under the worker
        val server = DevServer.start()
        val client = Client.connect(ConnectionOptions(target = server.target))
        val taskQueue = "faults-${UUID.randomUUID()}"
        try {
            capturingLogs { logs ->
                val worker = Worker(client, taskQueue, workflows = listOf(FaultsEchoWorkflow::class)).start()
                // the worker has run a workflow: it polls both its queues
                client.executeWorkflow<String>("FaultsEcho", "hi", options = WorkflowOptions(id = "faults-${UUID.randomUUID()}", taskQueue = taskQueue)) shouldBe "hi"
                server.close()
                val started = System.nanoTime()
                worker.shutdown()
                println("worker shutdown with the server down took ${(System.nanoTime() - started) / 1_000_000} ms")
                val abandoned = logs.lines.filter { it.startsWith("INFO ShutdownWorker for task queue $taskQueue abandoned: ") }
                abandoned.shouldNotBeEmpty()
                logs.lines.filter { it.contains("abandoned") && !it.startsWith("INFO ShutdownWorker for task queue $taskQueue abandoned: ") } shouldBe emptyList()
            }
        } finally {
            client.connection.close()
            server.close()
        }
    }
})
