package dev.temporalkt.testing.interop

import java.nio.file.Path
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread

/**
 * A `node` script of the installed TypeScript project, its output (stdout and stderr merged) collected line by line.
 * [awaitLine] waits for a line; [close] stops the process (SIGTERM, then a forced kill).
 */
class NodeProcess(directory: Path, script: String, arguments: List<String>) : AutoCloseable {
    private val lines = CopyOnWriteArrayList<String>()
    private val ended = CountDownLatch(1)
    private val newLine = Object()
    private val command = listOf("node", script) + arguments
    private val process: Process = ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .start()

    init {
        thread(isDaemon = true, name = "node ${script.substringAfterLast('/')}") {
            process.inputStream.bufferedReader().useLines { output ->
                output.forEach { line ->
                    lines += line
                    synchronized(newLine) { newLine.notifyAll() }
                }
            }
            ended.countDown()
            synchronized(newLine) { newLine.notifyAll() }
        }
    }

    /** Everything the process printed so far. */
    val output: String get() = lines.joinToString("\n")

    /** The first output line matching [predicate]; fails with the output if the process ends or [timeoutSeconds] pass first. */
    fun awaitLine(timeoutSeconds: Long, predicate: (String) -> Boolean): String {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds)
        synchronized(newLine) {
            while (true) {
                lines.firstOrNull(predicate)?.let { return it }
                check(ended.count > 0) { "`${command.joinToString(" ")}` ended (exit code ${exitCode()}) without the expected line:\n$output" }
                val left = deadline - System.nanoTime()
                check(left > 0) { "`${command.joinToString(" ")}` printed no expected line within $timeoutSeconds s:\n$output" }
                TimeUnit.NANOSECONDS.timedWait(newLine, left)
            }
        }
    }

    /** Waits up to [timeoutSeconds] for the process to end and its output to be read; returns the exit code. */
    fun awaitExit(timeoutSeconds: Long): Int {
        check(process.waitFor(timeoutSeconds, TimeUnit.SECONDS) && ended.await(timeoutSeconds, TimeUnit.SECONDS)) {
            "`${command.joinToString(" ")}` did not end within $timeoutSeconds s:\n$output"
        }
        return process.exitValue()
    }

    private fun exitCode(): String = if (process.isAlive) "still running" else process.exitValue().toString()

    override fun close() {
        if (!process.isAlive) return
        process.destroy()
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            process.waitFor(15, TimeUnit.SECONDS)
        }
    }
}
