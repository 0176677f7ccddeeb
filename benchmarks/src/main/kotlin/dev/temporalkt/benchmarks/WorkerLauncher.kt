package dev.temporalkt.benchmarks

import dev.temporalkt.testing.DevServer

/** Starts worker processes of a [Variant] against one dev server, all with the same JVM flags. */
class WorkerLauncher(private val server: DevServer, private val extraJvmArgs: List<String>) {
    /** Starts a worker polling [taskQueue] and waits until it polls; returns it with the JDK version it reported. */
    fun start(variant: Variant, taskQueue: String, workflows: Int, label: String): Pair<ChildJvm, String> {
        val child = ChildJvm.start(
            variant.jdk, "dev.temporalkt.benchmarks.child.WorkerMain",
            listOf(
                variant.sdk.arg, server.target, server.namespace, taskQueue,
                variant.cacheSize(workflows).toString(), variant.virtualThreads.toString(),
            ),
            WORKER_JVM_ARGS + extraJvmArgs, "$label-${variant.name}",
        )
        val ready = try {
            child.await("READY", 120_000)
        } catch (e: Exception) {
            child.close()
            throw e
        }
        return child to ready.getValue("jdk")
    }

    companion object {
        /** Same heap ceiling for every worker; nothing else tuned. */
        val WORKER_JVM_ARGS = listOf("-Xmx4g")
    }
}
