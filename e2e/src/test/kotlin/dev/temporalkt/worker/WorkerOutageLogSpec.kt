package dev.temporalkt.worker

import ch.qos.logback.classic.Level
import dev.temporalkt.activity.Activity
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.testing.DevServer
import dev.temporalkt.testing.DevServerOptions
import dev.temporalkt.testing.logging.LogCapture
import dev.temporalkt.testing.net.SwitchableTcpForwarder
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Signal
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.toList
import java.nio.file.Files
import java.util.UUID
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

class OutageActivities {
    @Activity
    suspend fun stamp(text: String): String = "stamped $text"
}

@Workflow(name = "E2eOutage")
class OutageWorkflow {
    private var go = false

    /** Waits for [go], then runs an activity: work that can only finish once the server is back. */
    @WorkflowRun
    suspend fun run(text: String): String {
        Workflow.waitCondition { go }
        return Workflow.executeActivity(OutageActivities::stamp, text, options = ActivityOptions(startToCloseTimeout = 10.seconds))
    }

    @Signal
    fun go() {
        go = true
    }
}

/** The SDK's log lines (the test kit's own excluded) at INFO and above: what a default logging setup prints. */
private fun LogCapture.sdkLines(): List<LogCapture.Line> = lines.filter {
    it.logger.startsWith("dev.temporalkt.") && !it.logger.startsWith("dev.temporalkt.testing") && it.level.isGreaterOrEqual(Level.INFO)
}

/** Waits until [condition] holds, checking every 20 ms; fails saying [what] did not happen [within] that time. */
private suspend fun until(what: String, within: Duration = 60.seconds, condition: suspend () -> Boolean) {
    val met = kotlinx.coroutines.withTimeoutOrNull(within) {
        while (!condition()) delay(20.milliseconds)
        true
    }
    check(met == true) { "not within $within: $what" }
}

/**
 * What a worker logs when its server goes away and comes back, and while the server recycles connections. Each test
 * runs its own dev server (stopping the shared one would break the other specs), behind a forwarder so the worker
 * keeps one address across a restart; the server keeps its state in a database file across the restart.
 */
class WorkerOutageLogSpec : FunSpec({
    test("a server outage under a running worker: a few lines without stack traces, recovery logged once per poller, the work completes") {
        val db = Files.createTempDirectory("temporalkt-outage").resolve("temporal.db")
        val first = DevServer.start(DevServerOptions { databaseFile(db) })
        var second: DevServer? = null
        val forwarder = SwitchableTcpForwarder(first.target)
        val client = Client.connect(ConnectionOptions(target = forwarder.target))
        val taskQueue = "outage-${UUID.randomUUID()}"
        val worker = Worker(client, taskQueue, listOf(OutageWorkflow::class), listOf(OutageActivities())).start()
        try {
            val handle = client.startWorkflow<String>("E2eOutage", "parcel", options = WorkflowOptions(id = "outage-${UUID.randomUUID()}", taskQueue = taskQueue))
            until("the first workflow task completed") {
                handle.fetchHistoryEvents().toList().any { it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED }
            }
            // DEBUG on the poller only to see the failed polls (each one of them is a DEBUG line); counted are INFO+
            LogCapture.start("dev.temporalkt.worker.internal.poll.TaskPoller" to Level.DEBUG).use { capture ->
                first.close()
                // both the old per-failure WARN and the DEBUG line now say "failed (n in a row)". A poll fails only
                // once the connection's own RPC retries give up, so 15 failed polls take about half a minute.
                val failedPolls = { capture.lines.count { it.logger.endsWith("TaskPoller") && "failed (" in it.message } }
                until("15 polls failed", within = 120.seconds) { failedPolls() >= 15 }
                second = DevServer.start(DevServerOptions { databaseFile(db) })
                forwarder.upstream = second!!.target
                // the client's channel may still be in its reconnect back-off from the outage: wait until it gets through
                until("the client reaches the restarted server", within = 120.seconds) { runCatching { handle.describe() }.isSuccess }
                handle.signal("go")
                handle.result() shouldBe "stamped parcel"

                val lines = capture.sdkLines()
                val printed = lines.sumOf { it.printedLines }
                // each failed poll used to be a WARN with its stack trace: what these failures printed that way
                val asBefore = capture.lines.filter { it.logger.endsWith("TaskPoller") && "failed (" in it.message }.sumOf { it.printedLines }
                println(
                    "outage: ${failedPolls()} failed polls; SDK lines at INFO+: ${lines.size} events, $printed printed lines " +
                        "(one WARN with a stack trace per failed poll would have printed $asBefore)",
                )
                withClue(lines.joinToString("\n")) {
                    printed shouldBeLessThanOrEqual 16
                    lines.filter { it.stackTrace != null }.shouldBeEmpty()
                    val failing = lines.filter { it.level == Level.WARN && " is failing: " in it.message }
                    val recovered = lines.filter { it.level == Level.INFO && " works again after " in it.message }
                    failing.size shouldBeGreaterThan 0
                    // one WARN per poller when polls start failing, once each; one INFO when a poll returns again (a
                    // poller whose long poll is still waiting has not seen the server back yet: the activity came
                    // eagerly with the workflow task completion, so the activity poller may still be waiting)
                    val failingPollers = failing.map { it.message.substringBefore(" is failing") }
                    val recoveredPollers = recovered.map { it.message.substringBefore(" works again") }
                    failingPollers.distinct() shouldBe failingPollers
                    recoveredPollers.distinct() shouldBe recoveredPollers
                    (recoveredPollers - failingPollers.toSet()) shouldBe emptyList()
                    recoveredPollers.size shouldBeGreaterThan 0
                    failing.first().message shouldContainAll listOf("UNAVAILABLE", "retrying with back-off")
                }
            }
        } finally {
            worker.shutdown()
            client.connection.close()
            forwarder.close()
            second?.close()
            first.close()
        }
    }

    test("connection recycling (maximum connection age) cuts long polls without WARN lines") {
        val server = DevServer.start(
            DevServerOptions {
                dynamicConfig("frontend.keepAliveMaxConnectionAge", "\"2s\"")
                dynamicConfig("frontend.keepAliveMaxConnectionAgeGrace", "\"1s\"")
            },
        )
        try {
            val client = Client.connect(ConnectionOptions(target = server.target))
            val taskQueue = "recycling-${UUID.randomUUID()}"
            LogCapture.start("dev.temporalkt.worker.internal.poll.TaskPoller" to Level.DEBUG).use { capture ->
                val worker = Worker(client, taskQueue, listOf(OutageWorkflow::class), listOf(OutageActivities())).start()
                try {
                    val recycled = { capture.lines.count { it.logger.endsWith("TaskPoller") && "GOAWAY" in it.text } }
                    until("5 polls cut by connection recycling") { recycled() >= 5 }
                    val handle = client.startWorkflow<String>("E2eOutage", "box", options = WorkflowOptions(id = "recycling-${UUID.randomUUID()}", taskQueue = taskQueue))
                    handle.signal("go")
                    handle.result() shouldBe "stamped box"
                    val lines = capture.sdkLines()
                    println("recycling: ${recycled()} polls cut; SDK lines at INFO+: ${lines.size} events, ${lines.sumOf { it.printedLines }} printed lines")
                    withClue(lines.joinToString("\n")) {
                        lines.filter { it.level.isGreaterOrEqual(Level.WARN) }.shouldBeEmpty()
                    }
                } finally {
                    worker.shutdown()
                    client.connection.close()
                }
            }
        } finally {
            server.close()
        }
    }
})

private infix fun String.shouldContainAll(parts: List<String>) {
    for (part in parts) withClue("'$this' should contain '$part'") { (part in this) shouldBe true }
}
