package dev.temporalkt.classcache

import dev.temporalkt.classcache.internal.ClasspathCheck
import dev.temporalkt.classcache.internal.JdkRelease
import dev.temporalkt.classcache.internal.TrainingArguments
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.TimeUnit
import kotlin.system.exitProcess

/**
 * The one command that writes an ahead-of-time class cache for a worker: it starts the worker's own `java` command
 * with the recording flags of [ClassCacheFlags] (a training run), runs a workload against it (any shell command, for
 * example `temporal workflow execute …`), then stops the worker with `SIGTERM`; the JVM writes the cache as it exits.
 * Later starts of the worker with [ClassCacheFlags.use] map the recorded classes instead of loading them from jars.
 *
 * ```bash
 * java -cp "$CP" dev.temporalkt.classcache.TrainClassCache --output worker.jsa \
 *   --workload 'temporal workflow execute --task-queue orders --type Order --input "\"training\""' \
 *   -- -Xmx1g -cp "$CP" com.example.WorkerMain
 * # then: java -XX:SharedArchiveFile=worker.jsa -Xmx1g -cp "$CP" com.example.WorkerMain   (JDK 25: -XX:AOTCache=worker.jsa)
 * ```
 *
 * The worker's classpath must be jars only (a class directory is refused with a message). The cache is valid only
 * for the JDK build that wrote it and the same classpath; `docs/class-data-sharing.md` says what a mismatch does.
 * Stopping the worker needs `SIGTERM`, so [TrainClassCache] with `--workload` or `--run-for` works on Linux and macOS;
 * on Windows let the worker exit by itself (neither option).
 */
public object TrainClassCache {
    /** The command line this command understands. */
    public const val USAGE: String =
        "usage: TrainClassCache --output FILE [--java PATH] [--workload 'SHELL COMMAND' | --run-for SECONDS] [--timeout SECONDS] [--worker-log FILE] " +
            "-- <the worker's java arguments: JVM flags, -cp JARS, main class, program arguments>\n" +
            "  --output      where to write the class cache (replaced if it exists)\n" +
            "  --java        the java executable of the worker (default: the one running this command); the cache is for that JDK\n" +
            "  --workload    a shell command run once the worker is started, e.g. temporal workflow execute ...; when it exits with 0 the worker is stopped\n" +
            "  --run-for     instead of --workload: stop the worker after this many seconds\n" +
            "                (neither: wait until the worker exits by itself)\n" +
            "  --timeout     longest wait for the workload or the worker, in seconds (default 600)\n" +
            "  --worker-log  write the worker's and the workload's output to this file instead of this console"

    /** Runs the command; exits with 0 when the cache was written, 2 on a wrong command line, 1 when training failed. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val code = try {
            train(args.toList(), System.out)
            0
        } catch (e: IllegalArgumentException) {
            System.err.println("TrainClassCache: ${e.message}")
            System.err.println(USAGE)
            2
        } catch (e: IllegalStateException) {
            System.err.println("TrainClassCache: ${e.message}")
            1
        }
        exitProcess(code)
    }

    /**
     * Does what [main] does without exiting the JVM: returns the flags that use the written cache and prints progress
     * to [out].
     *
     * @throws IllegalArgumentException on a wrong command line (see [USAGE]), a `--java` that is no JDK 17+, or a class
     *   directory on the worker's classpath.
     * @throws IllegalStateException when the worker or the workload failed, or the JVM wrote no cache.
     */
    @JvmStatic
    public fun train(args: List<String>, out: PrintStream): ClassCacheFlags {
        val options = TrainingArguments.parse(args)
        ClasspathCheck.requireJars(options.workerCommand)
        val java = options.java ?: JdkRelease.currentJava()
        val flags = ClassCacheFlags.forJdk(JdkRelease.featureOf(java), options.output)
        val cache = flags.cacheFile
        if (JdkRelease.isWindows() && (options.workload != null || options.runFor != null)) {
            throw IllegalArgumentException("on Windows the worker cannot be stopped so that it writes the cache; drop --workload/--run-for and let the worker exit by itself")
        }
        cache.parent?.let { Files.createDirectories(it) }
        Files.deleteIfExists(cache)

        out.println("Training run on JDK ${flags.jdkFeature}: $java ${(flags.record + options.workerCommand).joinToString(" ")}")
        val worker = start(listOf(java.toString()) + flags.record + options.workerCommand, options.workerLog)
        try {
            when {
                options.workload != null -> runWorkload(options.workload, worker, options.timeout, options.workerLog, out)
                options.runFor != null -> worker.waitFor(options.runFor.toMillis(), TimeUnit.MILLISECONDS)
                else -> if (!worker.waitFor(options.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw IllegalStateException("the worker did not exit by itself within ${options.timeout.seconds} s (give --workload or --run-for to stop it)")
                }
            }
            if (worker.isAlive) {
                out.println("Stopping the worker (SIGTERM); the JVM writes the class cache as it exits")
                worker.destroy()
                if (!worker.waitFor(options.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw IllegalStateException("the worker did not exit within ${options.timeout.seconds} s of SIGTERM")
                }
            } else if (worker.exitValue() != 0) {
                throw IllegalStateException("the worker exited with code ${worker.exitValue()}; its output says why")
            }
        } catch (e: Exception) {
            worker.destroyForcibly()
            worker.waitFor(30, TimeUnit.SECONDS)
            Files.deleteIfExists(cache)
            throw e
        }
        check(Files.isRegularFile(cache) && Files.size(cache) > 0) {
            "the JVM wrote no class cache to $cache; the worker's output says why (look for [cds] or [aot] warnings)"
        }
        out.println("Class cache for JDK ${flags.jdkFeature} written to $cache (${Files.size(cache) / (1024 * 1024)} MB)")
        out.println("Start the worker on the same JDK with the same classpath, adding: ${flags.use.joinToString(" ")}")
        return flags
    }

    private fun start(command: List<String>, log: Path?): Process {
        val builder = ProcessBuilder(command)
        if (log == null) {
            // output to this console; stdin stays a pipe that is never written, so a worker reading it waits
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT)
        } else {
            log.parent?.let { Files.createDirectories(it) }
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        }
        return builder.start()
    }

    private fun runWorkload(workload: String, worker: Process, timeout: Duration, log: Path?, out: PrintStream) {
        out.println("Workload: $workload")
        val shell = if (JdkRelease.isWindows()) listOf("cmd", "/c", workload) else listOf("/bin/sh", "-c", workload)
        val process = start(shell, log)
        val deadline = System.nanoTime() + timeout.toNanos()
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (!worker.isAlive) failEarly(worker, "while the workload ran")
                if (System.nanoTime() > deadline) throw IllegalStateException("the workload did not finish within ${timeout.seconds} s")
            }
        } finally {
            if (process.isAlive) process.destroyForcibly()
        }
        check(process.exitValue() == 0) { "the workload exited with code ${process.exitValue()}; no class cache written" }
        if (!worker.isAlive) failEarly(worker, "while the workload ran")
    }

    private fun failEarly(worker: Process, `when`: String): Nothing =
        throw IllegalStateException("the worker exited (code ${worker.exitValue()}) $`when`; its output says why; no class cache written")
}
