package dev.temporalkt.benchmarks

import dev.temporalkt.testing.DevServer

/**
 * Starts worker processes of a [Variant] against one dev server, all with the same JVM flags; a variant with
 * [Variant.classCache] also gets the flags of its class cache, which [classCaches] records before its first launch.
 */
class WorkerLauncher(private val server: DevServer, private val extraJvmArgs: List<String>) {
    val classCaches: ClassCaches = ClassCaches(server, WORKER_JVM_ARGS + BenchmarkTracing.workerJvmArgs() + extraJvmArgs)

    /** Starts a worker polling [taskQueue] and waits until it polls; returns it with the runtime version it reported. */
    fun start(variant: Variant, taskQueue: String, workflows: Int, label: String): Pair<ChildProcess, String> {
        val child = launch(variant, taskQueue, workflows, label)
        val ready = try {
            child.await("READY", 120_000)
        } catch (e: Exception) {
            child.close()
            throw e
        }
        return child to runtimeOf(ready)
    }

    /**
     * Launches a worker process polling [taskQueue] without waiting for it; it prints `READY …` (see [runtimeOf]) once
     * it polls. [workflows] is the cache size for variants that raise it.
     */
    fun launch(variant: Variant, taskQueue: String, workflows: Int, label: String): ChildProcess = when (variant.sdk) {
        Sdk.PYTHON -> ChildProcess.start(
            PythonWorker.command(server.target, server.namespace, taskQueue, variant.cacheSize(workflows)),
            "$label-${variant.name}",
        )
        else -> ChildProcess.startJvm(
            variant.requireJdk(), ClassCaches.WORKER_MAIN, workerArgs(variant, taskQueue, workflows),
            WORKER_JVM_ARGS + BenchmarkTracing.workerJvmArgs() + extraJvmArgs + (if (variant.classCache) classCaches.useFlags(variant) else emptyList()),
            "$label-${variant.name}",
            if (variant.classCache) ClassCaches.jarClasspath else WorkerClasspath.value,
        )
    }

    private fun workerArgs(variant: Variant, taskQueue: String, workflows: Int): List<String> = listOf(
        variant.sdk.arg, server.target, server.namespace, taskQueue,
        variant.cacheSize(workflows).toString(), variant.virtualThreads.toString(),
    )

    companion object {
        /** Same heap ceiling for every JVM worker; nothing else tuned. */
        val WORKER_JVM_ARGS = listOf("-Xmx4g")

        /** The runtime a `READY` line names: `jdk=` (JVM workers) or `runtime=` (Python worker). */
        fun runtimeOf(ready: Map<String, String>): String = ready["runtime"] ?: ready.getValue("jdk")
    }
}
