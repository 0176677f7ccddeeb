package dev.temporalkt.reliability

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import java.nio.file.Files
import java.util.UUID
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/**
 * A worker whose connection to the server goes through a [FaultProxy]: latency, connection resets, dropped
 * connections and a blackhole lose no task and leave no poller stuck. The test's own client talks to the server
 * directly, so only the worker sees the faults.
 */
class ProxyFaultSpec : FunSpec({
    test("latency, resets, drops and a blackhole between worker and server lose no task and leave no stuck poller") {
        val server = SharedServers.devServer()
        val host = server.target.substringBeforeLast(':')
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        val log = ExecutionLog(Files.createTempDirectory("proxy-faults").resolve("executions.log"))
        val taskQueue = "proxy-faults-${UUID.randomUUID()}"
        val runs = FaultSizes.proxyWorkflows
        val steps = 4
        FaultProxy(host, server.port).use { proxy ->
            val workerClient = Client.connect(ConnectionOptions(target = proxy.target, namespace = server.namespace))
            val worker = Worker(
                workerClient,
                taskQueue,
                workflows = listOf(StepsWorkflow::class),
                activities = listOf(StepActivities(log, workMillis = 20)),
                options = WorkerOptions(stickyScheduleToStartTimeout = 2.seconds),
            ).start()
            try {
                val keys = (1..runs).map { "proxy-$it-${UUID.randomUUID()}" }
                fun recorded() = log.entries().size

                proxy.latencyMillis = 30
                val handles = keys.map { key ->
                    client.startWorkflow<List<String>>(
                        "FaultSteps", key, steps, true, 0L,
                        options = WorkflowOptions(id = key, taskQueue = taskQueue, taskTimeout = 3.seconds),
                    )
                }
                awaitCondition("step 1 of every run through a slow proxy", 2.minutes) { recorded() >= runs }

                proxy.resetAll() shouldBeGreaterThan 0
                awaitCondition("step 2 of every run after the connections were reset", 2.minutes) { recorded() >= 2 * runs }

                proxy.latencyMillis = 0
                proxy.dropAll() shouldBeGreaterThan 0
                awaitCondition("step 3 of every run after the connections were dropped", 2.minutes) { recorded() >= 3 * runs }

                // the last steps are released while the worker cannot reach the server
                val acceptedBefore = proxy.accepted.get()
                proxy.blackhole(true)
                handles.forEach { it.signal("release") }
                delay(FaultSizes.proxyBlackholeSeconds.seconds) // the fault's duration
                proxy.blackhole(false)

                val results = coroutineScope { handles.map { async { it.result() } }.awaitAll() }
                results shouldBe keys.map { StepsWorkflow.expectedResult(it, steps) }

                // after recovery, a new run is picked up by the same pollers
                val lateKey = "proxy-late-${UUID.randomUUID()}"
                client.startWorkflow<List<String>>(
                    "FaultSteps", lateKey, 2, false, 0L,
                    options = WorkflowOptions(id = lateKey, taskQueue = taskQueue),
                ).result() shouldBe StepsWorkflow.expectedResult(lateKey, 2)

                val counts = log.counts()
                (keys.flatMap { key -> (1..steps).map { StepActivities.entry(key, it) } } + StepActivities.entry(lateKey, 1))
                    .filter { (counts[it] ?: 0) == 0 }.shouldBeEmpty()
                handles.flatMap { it.fetchHistory().nonDeterminismFailures() }.shouldBeEmpty()
                val duplicates = counts.values.sumOf { it - 1 }
                println(
                    "proxy faults: $runs runs x $steps steps completed, ${proxy.accepted.get()} connections accepted " +
                        "(${proxy.accepted.get() - acceptedBefore} since the blackhole began), $duplicates duplicate executions",
                )
            } finally {
                worker.shutdown()
                workerClient.connection.close()
                client.connection.close()
            }
        }
    }
})
