package dev.temporalkt.testing.internal

import java.io.BufferedReader
import java.io.InputStreamReader
import java.nio.charset.StandardCharsets
import java.util.concurrent.TimeUnit

/**
 * A started server process whose merged stdout/stderr is drained by a daemon thread into an
 * [OutputTail] (an undrained pipe would eventually block the child). [onLine] sees every line first,
 * which lets a launcher react to a readiness marker.
 *
 * [terminate] stops the process and all its descendants: first politely (SIGTERM, so the server can
 * release its ports and files), then forcibly after [gracePeriodMillis].
 */
internal class ChildProcess private constructor(
    val process: Process,
    val tail: OutputTail,
    private val description: String,
) {
    val isAlive: Boolean get() = process.isAlive

    fun exitCodeOrNull(): Int? = if (process.isAlive) null else process.exitValue()

    fun terminate(gracePeriodMillis: Long = DEFAULT_GRACE_MILLIS) {
        val handle = process.toHandle()
        // Collect descendants before the root exits: afterwards they are re-parented and unreachable.
        val descendants = handle.descendants().toList()
        runCatching { process.outputStream.close() }
        handle.destroy()
        descendants.forEach { it.destroy() }
        val exited = process.waitFor(gracePeriodMillis, TimeUnit.MILLISECONDS)
        if (!exited) handle.destroyForcibly()
        descendants.forEach { child ->
            if (child.isAlive) {
                runCatching { child.onExit().get(gracePeriodMillis, TimeUnit.MILLISECONDS) }
                if (child.isAlive) child.destroyForcibly()
            }
        }
        if (!exited) process.waitFor(gracePeriodMillis, TimeUnit.MILLISECONDS)
    }

    override fun toString(): String = "$description (pid ${process.pid()})"

    companion object {
        private const val DEFAULT_GRACE_MILLIS = 10_000L

        fun start(command: List<String>, description: String, onLine: (String) -> Unit = {}): ChildProcess {
            val process = ProcessBuilder(command).redirectErrorStream(true).start()
            val tail = OutputTail()
            val child = ChildProcess(process, tail, description)
            val pump = Thread({
                try {
                    BufferedReader(InputStreamReader(process.inputStream, StandardCharsets.UTF_8)).use { reader ->
                        while (true) {
                            val line = reader.readLine() ?: break
                            tail.append(line)
                            onLine(line)
                        }
                    }
                } catch (_: java.io.IOException) {
                    // The stream closes when the process dies; nothing left to read.
                }
            }, "temporal-kt-output-${process.pid()}")
            pump.isDaemon = true
            pump.start()
            return child
        }
    }
}
