package dev.temporalkt.testing.interop

/**
 * A TypeScript SDK worker (`@temporalio/worker`) running the interop project's workflows (`src/workflows.js`) and
 * activities (`src/activities.js`) on [taskQueue], in its own `node` process.
 *
 * ```kotlin
 * TypeScriptWorker.start(server.target, "default", "interop").use { worker ->
 *     client.executeWorkflow<String>("collectGreetings", input, options = WorkflowOptions(id, worker.taskQueue))
 * }
 * ```
 */
class TypeScriptWorker private constructor(
    /** The task queue the worker polls. */
    val taskQueue: String,
    private val process: NodeProcess,
) : AutoCloseable {
    /** What the worker printed so far, for failure messages. */
    val output: String get() = process.output

    /** Stops the worker process. */
    override fun close() = process.close()

    companion object {
        /** The line the worker prints once it polls. */
        const val READY_PREFIX: String = "interop worker ready: "

        /**
         * Installs the TypeScript project if needed, starts a worker against the server at [target] and waits until
         * it polls [taskQueue] (bundling the workflow code takes a few seconds).
         */
        fun start(target: String, namespace: String, taskQueue: String): TypeScriptWorker {
            val directory = TypeScriptProject.directory()
            val process = NodeProcess(directory, "src/worker.js", listOf(target, namespace, taskQueue))
            try {
                process.awaitLine(120) { it.startsWith(READY_PREFIX) }
            } catch (e: Throwable) {
                process.close()
                throw e
            }
            return TypeScriptWorker(taskQueue, process)
        }
    }
}
