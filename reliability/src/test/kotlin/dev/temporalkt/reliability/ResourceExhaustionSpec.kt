package dev.temporalkt.reliability

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.testing.SharedServers
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import java.nio.file.Files
import java.util.UUID
import kotlin.time.Duration.Companion.minutes

/**
 * A worker JVM with a small heap runs an activity that exhausts the heap and workflow code that overflows its stack,
 * next to healthy runs: the healthy runs complete, the failing ones fail the way they should, and the worker stays
 * up and completes a run started afterwards.
 */
class ResourceExhaustionSpec : FunSpec({
    test("heap exhaustion in an activity and a stack overflow in workflow code leave the worker JVM serving") {
        val server = SharedServers.devServer()
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        val dir = Files.createTempDirectory("exhaustion")
        val log = ExecutionLog(dir.resolve("executions.log"))
        val taskQueue = "exhaustion-${UUID.randomUUID()}"
        val worker = WorkerProcess.start("small-heap", dir, server.target, server.namespace, taskQueue, log, workMillis = 20, maxHeap = "96m")
        try {
            fun options(id: String) = WorkflowOptions(id = id, taskQueue = taskQueue)
            val heapRun = client.startWorkflow<Int>("FaultExhaustHeap", options = options("heap-${UUID.randomUUID()}"))
            val stackRun = client.startWorkflow<Int>("FaultStackOverflow", 0, options = options("stack-${UUID.randomUUID()}"))
            val keys = (1..FaultSizes.exhaustionHealthyWorkflows).map { "healthy-$it-${UUID.randomUUID()}" }
            val healthy = keys.map { key -> client.startWorkflow<List<String>>("FaultSteps", key, 3, false, 0L, options = options(key)) }

            // the activity's OutOfMemoryError fails the activity (no retries), and so the run
            val failed = shouldThrow<WorkflowFailedException> { heapRun.result() }
            val activityFailure = failed.cause.shouldBeInstanceOf<ActivityFailure>()
            val cause = activityFailure.cause.shouldBeInstanceOf<ApplicationFailure>()
            cause.type shouldBe "OutOfMemoryError"
            cause.message shouldContain "Java heap space"

            coroutineScope { healthy.map { async { it.result() } }.awaitAll() } shouldBe keys.map { StepsWorkflow.expectedResult(it, 3) }

            // the StackOverflowError fails the workflow task, which the server retries: the run stays open
            awaitCondition("the stack-overflowing run records a failed workflow task", 2.minutes) {
                stackRun.fetchHistory().events.any { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
            }
            val taskFailure = stackRun.fetchHistory().events.first { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED }
                .workflowTaskFailedEventAttributes.failure
            // a StackOverflowError has no message: the failure carries its type
            taskFailure.applicationFailureInfo.type shouldBe "StackOverflowError"
            stackRun.terminate("stack overflow seen")

            worker.isAlive shouldBe true
            val lateKey = "late-${UUID.randomUUID()}"
            client.startWorkflow<List<String>>("FaultSteps", lateKey, 2, false, 0L, options = options(lateKey))
                .result() shouldBe StepsWorkflow.expectedResult(lateKey, 2)
            worker.isAlive shouldBe true
        } finally {
            worker.close()
            client.connection.close()
        }
    }
})
