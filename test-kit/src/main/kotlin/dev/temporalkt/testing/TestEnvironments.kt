package dev.temporalkt.testing

import dev.temporalkt.testing.internal.SharedInstance
import kotlinx.coroutines.runBlocking

/**
 * The environments the test extensions hand out: a fresh one per test class, or one per server kind for the JVM.
 * A per-class environment is also closed by a JVM shutdown hook, so an interrupted run leaves no server behind.
 */
internal object TestEnvironments {
    private val shared = TestServer.entries.associateWith { server ->
        SharedInstance(
            name = "test-environment-${server.name.lowercase()}",
            start = { runBlocking { start(server) } },
            stop = WorkflowEnvironment::close,
        )
    }

    /** An environment for [options]; closing the lease closes it unless it is shared by the JVM. */
    fun acquire(options: WorkflowTestOptions): Lease = when (options.scope) {
        EnvironmentScope.PER_JVM -> Lease(shared.getValue(options.server).get(), owned = false)
        EnvironmentScope.PER_CLASS -> Lease(runBlocking { start(options.server) }, owned = true)
    }

    private suspend fun start(server: TestServer): WorkflowEnvironment = when (server) {
        TestServer.TIME_SKIPPING -> WorkflowEnvironment.startTimeSkipping(
            mode = SharedServers.embeddedMode(System.getProperty(SharedServers.EMBEDDED_MODE_PROPERTY)),
        )
        TestServer.LOCAL -> WorkflowEnvironment.overDevServer(SharedServers.devServer())
    }

    /** One user of an environment. */
    class Lease(val environment: WorkflowEnvironment, private val owned: Boolean) : AutoCloseable {
        private val hook = if (owned) Thread(environment::close, "temporal-kt-close-test-environment") else null

        init {
            hook?.let(Runtime.getRuntime()::addShutdownHook)
        }

        override fun close() {
            if (!owned) return
            try {
                Runtime.getRuntime().removeShutdownHook(hook)
            } catch (_: IllegalStateException) {
                // the JVM is shutting down: the hook closes the environment
            }
            environment.close()
        }
    }
}
