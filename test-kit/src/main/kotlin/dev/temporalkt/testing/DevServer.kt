package dev.temporalkt.testing

import dev.temporalkt.testing.internal.ChildProcess
import dev.temporalkt.testing.internal.FreePorts
import dev.temporalkt.testing.internal.ReadinessProbe
import org.slf4j.LoggerFactory
import java.nio.file.Path
import java.util.concurrent.atomic.AtomicBoolean

/**
 * A real Temporal server for tests and local runs: the Temporal CLI's development server
 * (`temporal server start-dev`), launched as a child process on free loopback ports (or the gRPC port of
 * [DevServerOptions.port]), headless,
 * in memory by default.
 *
 * Unlike [EmbeddedTestServer] it is the actual server (SQLite persistence, visibility queries,
 * schedules, updates, Nexus, worker deployments) and time is real.
 *
 * ```kotlin
 * DevServer.start().use { server ->
 *     val channel = ManagedChannelBuilder.forTarget(server.target).usePlaintext().build()
 *     // ... a client for server.namespace on that channel
 * }
 * ```
 *
 * [start] returns once the server answers `GetSystemInfo` and knows the namespace. The CLI comes
 * from [DevServerOptions.executable], else the `temporal.cli.path` system property, else the
 * `TEMPORAL_CLI_PATH` environment variable, else `temporal` on the `PATH`; without one, [start]
 * throws [DevServerUnavailableException] explaining how to install it.
 *
 * Tests usually share one instance per JVM through [SharedServers.devServer].
 */
public class DevServer private constructor(
    /** The CLI executable that runs the server. */
    public val executable: Path,
    /** The namespace created for clients (see [DevServerOptions.namespace]). */
    public val namespace: String,
    /** The loopback port of the gRPC frontend. */
    public val port: Int,
    /** The loopback port of the HTTP API (used, for example, by Nexus callbacks). */
    public val httpPort: Int,
    /** The loopback port serving Prometheus metrics at `/metrics`. */
    public val metricsPort: Int,
    private val process: ChildProcess,
) : AutoCloseable {
    private val closed = AtomicBoolean(false)

    @Volatile
    internal var shared: Boolean = false

    /** The address to connect to, `127.0.0.1:<port>`. */
    public val target: String get() = "$HOST:$port"

    /** Whether the server process is still running. */
    public val isRunning: Boolean get() = process.isAlive

    /**
     * Stops the server (SIGTERM, then a forced kill after 10 s) including any processes it started,
     * and waits for it to exit; idempotent. Does nothing for the instance returned by
     * [SharedServers.devServer], which stays up until the JVM exits.
     */
    override fun close() {
        if (!shared) shutdown()
    }

    internal fun shutdown() {
        if (closed.compareAndSet(false, true)) process.terminate()
    }

    override fun toString(): String = "DevServer(target=$target, namespace=$namespace, executable=$executable)"

    /** Starts dev servers. */
    public companion object {
        private const val HOST = "127.0.0.1"
        private const val BIND_ATTEMPTS = 3
        private val log = LoggerFactory.getLogger(DevServer::class.java)

        /**
         * Launches the dev server and waits until it is ready.
         *
         * @throws DevServerUnavailableException if the CLI cannot be found or is not executable.
         * @throws ServerStartException if the server exits or does not answer within
         *   [DevServerOptions.startTimeout]; the message includes its last output lines.
         */
        @JvmStatic
        @JvmOverloads
        public fun start(options: DevServerOptions = DevServerOptions.DEFAULT): DevServer {
            val executable = TemporalCliLocator.locate(options.executable)
            val startedAt = System.nanoTime()
            val deadlineNanos = System.nanoTime() + options.startTimeout.inWholeNanoseconds
            var attempt = 1
            while (true) {
                val (freePort, httpPort, metricsPort) = FreePorts.loopback(3)
                val port = options.port ?: freePort
                val command = command(executable, options, port, httpPort, metricsPort)
                val process = try {
                    ChildProcess.start(command, "Temporal dev server")
                } catch (e: java.io.IOException) {
                    throw DevServerUnavailableException(
                        "The Temporal CLI at '$executable' could not be started: ${e.message}. " +
                            DevServerUnavailableException.HOW_TO_PROVIDE,
                    ).apply { initCause(e) }
                }
                val outcome = try {
                    ReadinessProbe.await(HOST, port, options.namespace, deadlineNanos, process::exitCodeOrNull)
                } catch (e: Throwable) {
                    process.terminate()
                    throw e
                }
                when (outcome) {
                    ReadinessProbe.Outcome.Ready -> {
                        log.info(
                            "Temporal dev server ({}) ready on {}:{} after {} ms",
                            executable, HOST, port, (System.nanoTime() - startedAt) / 1_000_000,
                        )
                        return DevServer(executable, options.namespace, port, httpPort, metricsPort, process)
                    }
                    is ReadinessProbe.Outcome.Exited -> {
                        process.terminate()
                        // another free port may work; a fixed one will not
                        if (options.port == null && attempt < BIND_ATTEMPTS && process.tail.contains("address already in use")) {
                            attempt++
                            continue
                        }
                        throw ServerStartException(
                            "The Temporal dev server exited with code ${outcome.exitCode} before becoming ready.\n" +
                                "Command: ${command.joinToString(" ")}\nLast output:\n${process.tail.render()}",
                        )
                    }
                    is ReadinessProbe.Outcome.TimedOut -> {
                        process.terminate()
                        throw ServerStartException(
                            "The Temporal dev server did not become ready within ${options.startTimeout} " +
                                "(last probe: ${outcome.lastError}).\n" +
                                "Command: ${command.joinToString(" ")}\nLast output:\n${process.tail.render()}",
                        )
                    }
                }
            }
        }

        internal fun command(
            executable: Path,
            options: DevServerOptions,
            port: Int,
            httpPort: Int,
            metricsPort: Int,
        ): List<String> = buildList {
            add(executable.toString())
            addAll(listOf("server", "start-dev", "--headless"))
            addAll(listOf("--ip", HOST, "--port", port.toString()))
            addAll(listOf("--http-port", httpPort.toString(), "--metrics-port", metricsPort.toString()))
            addAll(listOf("--log-level", options.logLevel))
            if (options.namespace != "default") addAll(listOf("--namespace", options.namespace))
            options.databaseFile?.let { addAll(listOf("--db-filename", it.toString())) }
            options.searchAttributes.forEach { (name, type) ->
                addAll(listOf("--search-attribute", "$name=${DevServerOptions.CLI_TYPE_NAMES.getValue(type)}"))
            }
            options.dynamicConfig.forEach { (key, value) -> addAll(listOf("--dynamic-config-value", "$key=$value")) }
            addAll(options.extraArgs)
        }
    }
}
