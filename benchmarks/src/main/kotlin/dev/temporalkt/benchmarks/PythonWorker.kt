package dev.temporalkt.benchmarks

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit

/**
 * The Temporal Python SDK worker (`src/main/python/bench_worker.py`), run by the interpreter named by
 * `-Dbenchmarks.python` (default `python3` on the PATH), which must have the pinned `temporalio` of
 * `src/main/python/requirements.txt` installed.
 */
object PythonWorker {
    val interpreter: String = System.getProperty("benchmarks.python") ?: "python3"

    val script: Path get() = BenchmarkPaths.module.resolve("src/main/python/bench_worker.py").toAbsolutePath()

    /** `Python-<version>+temporalio-<version>`, or `null` when the interpreter or the SDK is missing. */
    val version: String? by lazy {
        runCatching {
            val process = ProcessBuilder(
                interpreter, "-c",
                "import sys, importlib.metadata as m; print('Python-%d.%d.%d+temporalio-%s' % (sys.version_info[:3] + (m.version('temporalio'),)))",
            ).redirectErrorStream(true).start()
            val out = process.inputReader().readText().trim()
            if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) out.lines().last() else null
        }.getOrNull()
    }

    /** Why the Python worker cannot run here, or `null` when it can. */
    val unavailableReason: String?
        get() = when {
            !Files.exists(script) -> "no Python worker script at $script"
            version == null -> "'$interpreter' cannot import temporalio (pip install -r ${script.parent.resolve("requirements.txt")})"
            else -> null
        }

    /** The command starting a worker with the arguments of `bench_worker.py`. */
    fun command(target: String, namespace: String, taskQueue: String, cacheSize: Int): List<String> =
        listOf(interpreter, "-u", script.toString(), target, namespace, taskQueue, cacheSize.toString())
}
