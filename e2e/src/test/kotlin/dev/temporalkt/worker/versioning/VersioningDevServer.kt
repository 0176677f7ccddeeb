package dev.temporalkt.worker.versioning

import dev.temporalkt.testing.DevServer
import dev.temporalkt.testing.DevServerOptions

/**
 * The dev server of the worker versioning tests (Kotlin and Java), one per test JVM, started on first use and stopped
 * when the JVM exits. It is their own: deployments and their routing are namespace-wide state that the other tests'
 * shared server should not carry.
 */
object VersioningDevServer {
    @JvmStatic
    val server: DevServer by lazy {
        DevServer.start(
            DevServerOptions {
                // on by default in the CLI's server (1.32); set so that an older CLI runs the tests too
                dynamicConfig("system.enableDeploymentVersions", "true")
                dynamicConfig("frontend.workerVersioningWorkflowAPIs", "true")
                // one partition per task queue: routing changes and pollers meet in one place
                dynamicConfig("matching.numTaskqueueReadPartitions", "1")
                dynamicConfig("matching.numTaskqueueWritePartitions", "1")
            },
        ).also { started -> Runtime.getRuntime().addShutdownHook(Thread { started.close() }) }
    }
}
