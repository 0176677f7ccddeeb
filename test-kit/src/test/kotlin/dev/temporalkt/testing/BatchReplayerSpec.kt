package dev.temporalkt.testing

import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.testing.examples.GreetingActivities
import dev.temporalkt.testing.examples.GreetingWorkflow
import dev.temporalkt.testing.kotest.TemporalSpecExtension
import dev.temporalkt.worker.internal.replay.NonDeterminismException
import dev.temporalkt.internal.InternalTemporalApi
import io.kotest.core.extensions.install
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeInstanceOf
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.writeText

/**
 * Batch replay of histories exported by the Temporal CLI from the dev server, one of them made non-deterministic by a
 * code change: one failure, the rest successes; fail-fast stops at the failure.
 */
@OptIn(InternalTemporalApi::class)
class BatchReplayerSpec : FunSpec({
    val temporal = install(TemporalSpecExtension()) {
        server(TestServer.LOCAL)
        workflows(GreetingWorkflow::class, ChangingWorkflow::class)
        activities(GreetingActivities())
        replayCheck(false) // the test changes the workflow code on purpose
    }
    val replayer = BatchReplayer(listOf(GreetingWorkflow::class, ChangingWorkflow::class))

    afterTest { ChangingCode.version = 1 }

    /** Runs three greetings and one changing workflow, exports their histories with the CLI, and changes the code. */
    suspend fun exportedHistories(changingId: String): Path {
        val dir = Files.createTempDirectory("histories")
        val ids = (1..3).map { "greeting-$it-${temporal.taskQueue}" } + changingId
        for (id in ids.dropLast(1)) {
            temporal.client.executeWorkflow(GreetingWorkflow::run, id, temporal.workflowOptions().copy(id = id)) shouldBe "Hello, $id!"
        }
        temporal.client.executeWorkflow(ChangingWorkflow::run, "ada", temporal.workflowOptions().copy(id = changingId)) shouldBe "done for ada"
        val server = SharedServers.devServer()
        for (id in ids) {
            val process = ProcessBuilder(
                server.executable.toString(), "workflow", "show", "--workflow-id", id, "--output", "json",
                "--address", server.target, "--namespace", server.namespace,
            ).redirectErrorStream(false).start()
            val json = process.inputStream.bufferedReader().readText()
            process.waitFor(60, TimeUnit.SECONDS) shouldBe true
            process.exitValue() shouldBe 0
            dir.resolve("$id.json").writeText(json)
        }
        ChangingCode.version = 2
        return dir
    }

    test("a directory of CLI-exported histories, one non-deterministic: one failure, the rest successes") {
        val changingId = "changing-${temporal.taskQueue}"
        val results = replayer.replayDirectory(exportedHistories(changingId))
        results.results.size shouldBe 4
        results.successes.size shouldBe 3
        val failure = results.failures.single()
        failure.workflowId shouldBe changingId
        failure.source shouldContain "$changingId.json"
        val error = failure.failure.shouldBeInstanceOf<NonDeterminismException>()
        error.eventDescription!! shouldContain "TimerStarted"
        error.commandDescription!! shouldContain "ScheduleActivity(seq 1, activity type 'composeGreeting'"
        results.allSucceeded shouldBe false
    }

    test("fail-fast stops at the first failure") {
        // sorted by file name, the changing workflow's history comes first
        val results = replayer.replayDirectory(exportedHistories("a-changing-${temporal.taskQueue}"), failFast = true)
        results.results.size shouldBe 1
        results.failures.size shouldBe 1
    }

    test("histories fetched with the client replay cleanly before the change") {
        temporal.client.executeWorkflow(GreetingWorkflow::run, "x", temporal.workflowOptions()) shouldBe "Hello, x!"
        temporal.client.executeWorkflow(ChangingWorkflow::run, "y", temporal.workflowOptions()) shouldBe "done for y"
        val results = replayer.replay(BatchReplayer.historiesOf(temporal.client, temporal.context.startedWorkflows))
        results.results.size shouldBe 2
        results.allSucceeded shouldBe true
        results.throwIfAnyFailed()
    }
})
