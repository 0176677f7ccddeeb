package dev.temporalkt.reliability

import java.nio.file.Files
import java.nio.file.Path
import kotlin.time.Duration.Companion.seconds

/**
 * A [FaultWorkerMain] worker in a JVM of its own, started with the test JVM's `java` and class path. Its output goes
 * to `<dir>/<name>.out`.
 */
class WorkerProcess private constructor(val name: String, private val process: Process, val output: Path) : AutoCloseable {
    /** Whether the JVM is still running. */
    val isAlive: Boolean get() = process.isAlive

    /** Kills the JVM with SIGKILL (no shutdown hooks, no graceful worker shutdown) and waits until it is gone. */
    fun kill() {
        process.destroyForcibly()
        process.waitFor()
    }

    /** The last [lines] lines of the JVM's output. */
    fun outputTail(lines: Int = 40): String = Files.readAllLines(output).takeLast(lines).joinToString("\n")

    override fun close() {
        if (process.isAlive) kill()
    }

    companion object {
        /** Starts the worker JVM and returns once it polls; [maxHeap] is an `-Xmx` value such as `64m`. */
        suspend fun start(
            name: String,
            dir: Path,
            target: String,
            namespace: String,
            taskQueue: String,
            log: ExecutionLog,
            workMillis: Long,
            maxHeap: String? = null,
        ): WorkerProcess {
            val java = ProcessHandle.current().info().command()
                .orElseThrow { IllegalStateException("the test JVM's java executable is unknown; cannot start a worker JVM") }
            val command = buildList {
                add(java)
                maxHeap?.let { add("-Xmx$it") }
                addAll(listOf("-cp", System.getProperty("java.class.path"), FaultWorkerMain::class.java.name))
                addAll(listOf(target, namespace, taskQueue, log.file.toString(), workMillis.toString()))
            }
            val output = dir.resolve("$name.out")
            val process = ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start()
            val worker = WorkerProcess(name, process, output)
            try {
                awaitCondition("worker JVM $name is ready", 90.seconds) {
                    check(process.isAlive) { "worker JVM $name exited with ${process.exitValue()}:\n${worker.outputTail()}" }
                    Files.readString(output).contains(FaultWorkerMain.READY)
                }
            } catch (e: Throwable) {
                worker.close()
                throw e
            }
            return worker
        }
    }
}
