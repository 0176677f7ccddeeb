package dev.temporalkt.samples.quickstart

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * Runs the README's Kotlin quickstart in a JVM of its own, as a user would: it starts and closes a time-skipping
 * environment of its own: run in this JVM next to the tests' shared
 * embedded server, such a run left the month-long timers of a later test waiting for good.
 */
class QuickstartTest : FunSpec({
    test("the README's Kotlin quickstart prints the greeting after the skipped day") {
        val java = Path.of(System.getProperty("java.home"), "bin", "java").toString()
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.temporalkt.samples.quickstart.QuickstartKt")
            .redirectErrorStream(true)
            .start()
        val output = process.inputStream.bufferedReader().readText()
        process.waitFor(2, TimeUnit.MINUTES) shouldBe true
        output.trim() shouldBe "Hello, Temporal!"
        process.exitValue() shouldBe 0
    }
})
