package dev.temporalkt.reliability

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowHandle
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.SharedServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import java.nio.file.Files
import java.util.UUID
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/**
 * A worker JVM killed with SIGKILL in the middle of its runs: a second worker JVM on the same task queue finishes
 * every run with the result it would have had, every activity has run, and no replay hits non-determinism.
 */
class WorkerKillSpec : FunSpec({
    test("runs survive a worker JVM killed with SIGKILL and finish on a new worker JVM") {
        val server = SharedServers.devServer()
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        val dir = Files.createTempDirectory("worker-kill")
        val log = ExecutionLog(dir.resolve("executions.log"))
        val taskQueue = "worker-kill-${UUID.randomUUID()}"
        val runs = FaultSizes.killWorkflows
        val steps = 4
        val workers = mutableListOf<WorkerProcess>()
        try {
            repeat(FaultSizes.killRounds) { round ->
                val keys = (1..runs).map { "kill-$round-$it-${UUID.randomUUID()}" }
                val first = WorkerProcess.start("worker-$round-a", dir, server.target, server.namespace, taskQueue, log, workMillis = 150)
                workers += first
                val handles: List<WorkflowHandle<List<String>>> = keys.map { key ->
                    client.startWorkflow<List<String>>(
                        "FaultSteps", key, steps, true, 0L,
                        options = WorkflowOptions(id = key, taskQueue = taskQueue, taskTimeout = 3.seconds),
                    )
                }
                // kill once activities are running: every run is still before its gated last step
                awaitCondition("the first worker records $runs activity executions", 2.minutes) {
                    log.entries().count { entry -> keys.any { entry.startsWith("$it ") } } >= runs
                }
                first.kill()
                val recordedAtKill = log.entries().count { entry -> keys.any { entry.startsWith("$it ") } }
                recordedAtKill shouldBeLessThan runs * steps
                handles.forEach { it.signal("release") }

                val second = WorkerProcess.start("worker-$round-b", dir, server.target, server.namespace, taskQueue, log, workMillis = 150)
                workers += second
                val results = coroutineScope { handles.map { async { it.result() } }.awaitAll() }
                results shouldBe keys.map { StepsWorkflow.expectedResult(it, steps) }
                second.isAlive shouldBe true
                second.close()

                val counts = log.counts()
                val missing = keys.flatMap { key -> (1..steps).map { StepActivities.entry(key, it) } }.filter { (counts[it] ?: 0) == 0 }
                missing.shouldBeEmpty()
                handles.flatMap { it.fetchHistory().nonDeterminismFailures() }.shouldBeEmpty()
                val duplicates = keys.flatMap { key -> (1..steps).map { StepActivities.entry(key, it) } }.sumOf { (counts[it] ?: 1) - 1 }
                println("worker-kill round $round: $runs runs x $steps steps completed, $recordedAtKill executions before the kill, $duplicates duplicate executions")
            }
        } finally {
            workers.forEach { it.close() }
            client.connection.close()
        }
    }
})
