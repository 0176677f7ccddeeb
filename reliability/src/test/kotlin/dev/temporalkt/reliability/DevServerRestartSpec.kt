package dev.temporalkt.reliability

import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import dev.temporalkt.testing.DevServerOptions
import dev.temporalkt.worker.Worker
import dev.temporalkt.worker.WorkerOptions
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.doubles.shouldBeLessThan
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import java.net.InetAddress
import java.net.ServerSocket
import java.nio.file.Files
import java.util.UUID
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

/**
 * A dev server of its own (SQLite file, fixed port) killed with SIGKILL while runs are in flight and started again on
 * the same database: the worker of this JVM reconnects by itself and every run completes; what the SDK logs meanwhile is
 * bounded.
 */
class DevServerRestartSpec : FunSpec({
    test("the in-process worker reconnects to a restarted dev server and every run completes") {
        val dir = Files.createTempDirectory("server-restart")
        val port = ServerSocket(0, 1, InetAddress.getLoopbackAddress()).use { it.localPort }
        val options = DevServerOptions { databaseFile(dir.resolve("temporal.db")); port(port) }
        val log = ExecutionLog(dir.resolve("executions.log"))
        val taskQueue = "server-restart-${UUID.randomUUID()}"
        val runs = FaultSizes.restartWorkflows
        val steps = 3
        var server = DevServer.start(options)
        val client = Client.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        val worker = Worker(
            client,
            taskQueue,
            workflows = listOf(StepsWorkflow::class),
            activities = listOf(StepActivities(log, workMillis = 20)),
            options = WorkerOptions(stickyScheduleToStartTimeout = 2.seconds),
        ).start()
        val counter = LogLineCounter.attach()
        try {
            val keys = (1..runs).map { "restart-$it-${UUID.randomUUID()}" }
            val handles = keys.map { key ->
                client.startWorkflow<List<String>>(
                    "FaultSteps", key, steps, true, 300L,
                    options = WorkflowOptions(id = key, taskQueue = taskQueue, taskTimeout = 3.seconds),
                )
            }
            awaitCondition("every run reaches its gated last step", 2.minutes) { log.entries().size >= runs * (steps - 1) }

            killDevServer(port) shouldBeGreaterThan 0
            server.close()
            counter.reset()
            val outageStarted = System.nanoTime()
            delay(FaultSizes.restartOutageSeconds.seconds) // the fault's duration
            val outageLines = counter.total
            val outageLoggers = counter.byLogger()
            val outageSeconds = (System.nanoTime() - outageStarted) / 1e9
            server = DevServer.start(options)
            server.port shouldBe port
            // the counter counts: the restarted server's "ready" line is in it
            counter.byLogger().map { it.first } shouldContain DevServer::class.java.name

            handles.forEach { it.signal("release") }
            val results = coroutineScope { handles.map { async { it.result() } }.awaitAll() }
            results shouldBe keys.map { StepsWorkflow.expectedResult(it, steps) }
            val lateKey = "restart-late-${UUID.randomUUID()}"
            client.startWorkflow<List<String>>(
                "FaultSteps", lateKey, 2, false, 0L,
                options = WorkflowOptions(id = lateKey, taskQueue = taskQueue),
            ).result() shouldBe StepsWorkflow.expectedResult(lateKey, 2)
            handles.flatMap { it.fetchHistory().nonDeterminismFailures() }.shouldBeEmpty()

            val linesPerSecond = outageLines / outageSeconds
            println(
                "server restart: $runs runs x $steps steps completed; $outageLines log lines in a %.1f s outage (%.1f/s), by logger: %s"
                    .format(outageSeconds, linesPerSecond, outageLoggers),
            )
            // generous: a few lines per poller and retry, not a line per failed RPC attempt in a tight loop
            linesPerSecond shouldBeLessThan 50.0
        } finally {
            counter.close()
            worker.shutdown()
            client.connection.close()
            server.close()
        }
    }
}) {
    companion object {
        /**
         * Kills (SIGKILL) the dev server processes of this JVM that serve [port]: the CLI and whatever launcher runs
         * it. Returns how many were killed, once they are gone.
         */
        fun killDevServer(port: Int): Int {
            val serving = ProcessHandle.current().descendants().filter { process ->
                val arguments = process.info().arguments().orElse(emptyArray()).toList()
                "start-dev" in arguments && arguments.windowed(2).any { it == listOf("--port", port.toString()) }
            }.toList()
            serving.forEach { it.destroyForcibly() }
            serving.forEach { it.onExit().join() }
            return serving.size
        }
    }
}
