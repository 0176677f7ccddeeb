package dev.temporalkt.benchmarks

import java.io.BufferedReader
import java.io.BufferedWriter
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * A separate process (a JVM running one of the `child` mains, or the Python worker), talking line by line over
 * stdin/stdout; stderr goes to a log file under `target/benchmark-logs` whose tail is shown when the child fails.
 */
class ChildProcess private constructor(private val process: Process, val log: Path, val description: String) : AutoCloseable {
    private val output: BufferedReader = process.inputReader()
    private val input: BufferedWriter = process.outputWriter()

    val pid: Long get() = process.pid()

    /**
     * Reads lines until one starts with [prefix] (other lines are echoed) and returns its `key=value` fields. A child
     * that does not answer within [timeoutMillis] is killed, so a hung worker fails the run instead of stalling it.
     */
    fun await(prefix: String, timeoutMillis: Long = 900_000): Map<String, String> {
        val watchdog = Thread {
            try {
                Thread.sleep(timeoutMillis)
                println("  [$description] no $prefix within $timeoutMillis ms, killing it")
                process.destroyForcibly()
            } catch (_: InterruptedException) {
            }
        }.apply { isDaemon = true; start() }
        try {
            while (true) {
                val line = output.readLine() ?: throw failure("exited (code ${exitCode()}) while waiting for $prefix")
                if (line.startsWith("$prefix ") || line == prefix) return fields(line)
                if (line.startsWith("ERROR")) throw failure(line)
                println("  [$description] $line")
            }
        } finally {
            watchdog.interrupt()
        }
    }

    fun command(command: String, answer: String = command): Map<String, String> {
        input.write(command)
        input.newLine()
        input.flush()
        return await(answer)
    }

    /** Resident set size of the child process in bytes (`VmRSS` of `/proc/<pid>/status`). */
    fun rssBytes(): Long = ProcStatus.rssBytes(pid)

    /**
     * Asks the worker for its figures (`STATS`). CPU time comes from the worker when it reports it (JVM workers:
     * process CPU time from the OS MX bean), else from `/proc/<pid>/stat` (user + system time of all threads).
     */
    fun stats(): WorkerStats {
        val fields = command("STATS")
        return WorkerStats(
            cpuNanos = fields["cpuNanos"]?.toLong() ?: ProcStatus.cpuNanos(pid),
            activities = fields.getValue("activities").toLong(),
            heapUsed = fields["heapUsed"]?.toLong(),
            jitNanos = fields["jitNanos"]?.toLong(),
        )
    }

    /** Number of lines of the log so far that contain [text], ignoring case. */
    fun logLinesContaining(text: String): Int =
        runCatching { Files.readAllLines(log).count { it.contains(text, ignoreCase = true) } }.getOrDefault(0)

    fun waitForExit(timeoutSeconds: Long = 60): Int {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) throw failure("did not exit within $timeoutSeconds s")
        return process.exitValue()
    }

    private fun exitCode(): String = if (process.waitFor(5, TimeUnit.SECONDS)) process.exitValue().toString() else "still running"

    fun failure(message: String): IllegalStateException {
        val tail = runCatching { Files.readAllLines(log).takeLast(40).joinToString("\n") }.getOrDefault("")
        return IllegalStateException("$description: $message\n--- last lines of $log ---\n$tail")
    }

    /** Kills the process at once (SIGKILL): no shutdown, no call to the server; waits until it is gone. */
    fun kill() {
        process.destroyForcibly()
        process.waitFor(30, TimeUnit.SECONDS)
    }

    override fun close() {
        if (process.isAlive) {
            runCatching { input.write("STOP\n"); input.flush() }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy()
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
            }
        }
    }

    companion object {
        private var sequence = 0

        /** Starts [mainClass] of this module on [jdk] with the worker classpath (or [classpath]). */
        fun startJvm(jdk: Jdk, mainClass: String, args: List<String>, jvmArgs: List<String>, description: String, classpath: String = WorkerClasspath.value): ChildProcess {
            val command = listOf(jdk.java.toString()) + jvmArgs +
                listOf("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath, mainClass) + args
            return start(command, description)
        }

        /** Starts [command] as it is. */
        fun start(command: List<String>, description: String): ChildProcess {
            val logs = Files.createDirectories(BenchmarkPaths.target.resolve("benchmark-logs"))
            val log = logs.resolve("${description.replace(Regex("[^A-Za-z0-9._-]"), "_")}-${ProcessHandle.current().pid()}-${++sequence}.log")
            val process = ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start()
            return ChildProcess(process, log, description)
        }

        fun fields(line: String): Map<String, String> =
            line.split(' ').drop(1).mapNotNull { part -> part.indexOf('=').takeIf { it > 0 }?.let { part.substring(0, it) to part.substring(it + 1) } }.toMap()
    }
}
