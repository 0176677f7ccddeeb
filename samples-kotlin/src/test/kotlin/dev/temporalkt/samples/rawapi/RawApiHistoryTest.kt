package dev.temporalkt.samples.rawapi

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Runs the raw-API sample in a JVM of its own, as a user would: it terminates a workflow whose first workflow task is
 * pending, and starts a time-skipping environment of its own: run in this JVM next to the tests' shared
 * embedded server, such a run left the month-long timers of a later test waiting for good.
 */
class RawApiHistoryTest : FunSpec({
    test("the raw-API sample prints the history of the workflow it started and terminated") {
        val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.temporalkt.samples.rawapi.RawApiHistoryKt")
            .redirectErrorStream(true)
            .start()
        val output = process.inputStream.bufferedReader().readText()
        process.waitFor(2, TimeUnit.MINUTES) shouldBe true
        process.exitValue() shouldBe 0
        val events = output.lines().map { it.trim() }.filter { it.firstOrNull()?.isDigit() == true }
        events.map { it.split(Regex("\\s+"))[1] } shouldBe
            listOf("WORKFLOW_EXECUTION_STARTED", "WORKFLOW_TASK_SCHEDULED", "WORKFLOW_EXECUTION_TERMINATED")
    }
})
