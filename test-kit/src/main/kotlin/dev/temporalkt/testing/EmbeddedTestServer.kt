package dev.temporalkt.testing

import dev.temporalkt.testing.internal.ChildProcess
import dev.temporalkt.testing.internal.TestServerBundle
import org.slf4j.LoggerFactory
import java.io.File
import java.nio.file.Paths
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicBoolean
import java.util.function.IntSupplier

/**
 * The Temporal time-skipping test server (the one of the Temporal Java SDK, `io.temporal:temporal-test-server`),
 * listening for plaintext gRPC on a free loopback port. No installation and no network needed.
 *
 * It implements the workflow service (plus the test service that controls its clock) in memory.
 * Time skipping is on: whenever no workflow task or activity is outstanding, the server jumps its
 * clock to the next timer, so a workflow that sleeps for a day completes in milliseconds. It does
 * not implement everything the real server does (for example schedules, advanced visibility queries
 * and worker deployments); use [DevServer] for those.
 *
 * ```kotlin
 * EmbeddedTestServer.start().use { server ->
 *     val channel = ManagedChannelBuilder.forTarget(server.target).usePlaintext().build()
 *     // ... a client for server.namespace on that channel
 * }
 * ```
 *
 * Tests usually share one instance per JVM through [SharedServers.embedded] instead of starting
 * their own, or use [WorkflowEnvironment.startTimeSkipping]: a private instance with a client that
 * holds the clock while the test runs its own code and lets it skip while results are awaited.
 *
 * ### The clock is shared by everything on the server
 * The server skips time only while no workflow task, activity or update is outstanding anywhere on
 * it. A workflow that is terminated while its workflow task is pending (scheduled or polled but not
 * completed) keeps that hold for good: the test server never releases it, and time stops skipping
 * for every other workflow on the same server. Tests that terminate workflows before a worker has
 * completed their tasks (or that otherwise abandon workflow tasks) should use a private instance;
 * in process it starts in milliseconds once its classes are loaded:
 *
 * ```kotlin
 * EmbeddedTestServer.start().use { server -> /* terminate freely here */ }
 * ```
 *
 * ### Where the server runs
 * The server and the jars it runs on (the Temporal Java SDK, its own gRPC, protobuf, Guava and Jackson releases)
 * travel inside the `temporal-kt-test-server-bundle` jar as resources, not as Maven dependencies: none of them is on
 * the test classpath or in the dependency tree of a project that uses the test kit, so they cannot clash with the
 * versions the project and this SDK use. On first use they are unpacked to a cache directory (by default
 * `temporal-kt/test-server` under `java.io.tmpdir`; the system property `temporalkt.testServer.cacheDir` moves it).
 *
 * By default ([Mode.IN_PROCESS]) the server runs inside this JVM, in a class loader of its own whose parent is the
 * platform class loader: it sees the JDK and nothing of the application. Its classes load once per JVM (a few hundred
 * milliseconds); later servers start in milliseconds. [Mode.CHILD_JVM] runs it in a separate JVM on the unpacked jars
 * instead, for isolation of heap and threads too, at the cost of a JVM start-up (about a second); the child exits by
 * itself when this JVM dies.
 */
public class EmbeddedTestServer private constructor(
    /** The loopback port the server listens on. */
    public val port: Int,
    /** Where the server runs. */
    public val mode: Mode,
    private val stop: () -> Unit,
) : AutoCloseable {
    private val closed = AtomicBoolean(false)

    @Volatile
    internal var shared: Boolean = false

    /** The address to connect to, `127.0.0.1:<port>`. */
    public val target: String get() = "$HOST:$port"

    /** The namespace to use, always `default`. */
    public val namespace: String get() = DEFAULT_NAMESPACE

    /** Where the time-skipping test server runs. */
    public enum class Mode {
        /** In this JVM, in a class loader of its own: the fastest start; the server shares this JVM's heap. */
        IN_PROCESS,

        /** In a child JVM on the server's own jars: isolated heap and threads, slower to start. */
        CHILD_JVM,
    }

    /**
     * Stops the server and releases its port; idempotent. Does nothing for the instance returned by
     * [SharedServers.embedded], which stays up until the JVM exits.
     */
    override fun close() {
        if (!shared) shutdown()
    }

    internal fun shutdown() {
        if (closed.compareAndSet(false, true)) stop()
    }

    override fun toString(): String = "EmbeddedTestServer(target=$target, mode=$mode)"

    /** Starts servers. */
    public companion object {
        private const val HOST = "127.0.0.1"
        private const val DEFAULT_NAMESPACE = "default"
        private const val CHILD_START_TIMEOUT_SECONDS = 60L

        /**
         * Starts a time-skipping test server on a free loopback port, in this JVM unless [mode] says
         * otherwise.
         *
         * @throws ServerStartException if a child JVM exits or does not report its port within 60 s.
         */
        @JvmStatic
        @JvmOverloads
        public fun start(mode: Mode = Mode.IN_PROCESS): EmbeddedTestServer {
            val startedAt = System.nanoTime()
            val server = when (mode) {
                Mode.IN_PROCESS -> startInProcess()
                Mode.CHILD_JVM -> startChildJvm()
            }
            log.info("Time-skipping test server ({}) listening on {} after {} ms", mode, server.target, elapsedMillis(startedAt))
            return server
        }

        private val log = LoggerFactory.getLogger(EmbeddedTestServer::class.java)

        private fun elapsedMillis(startedAt: Long): Long = (System.nanoTime() - startedAt) / 1_000_000

        private fun startInProcess(): EmbeddedTestServer {
            val server = TestServerBundle.startInProcess()
            return EmbeddedTestServer((server as IntSupplier).asInt, Mode.IN_PROCESS, server::close)
        }

        private fun startChildJvm(): EmbeddedTestServer {
            val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
            val command = listOf(
                java,
                "-XX:+UseSerialGC",
                "-cp",
                TestServerBundle.classpath.joinToString(File.pathSeparator),
                TestServerBundle.LAUNCHER_CLASS,
            )
            val announced = CompletableFuture<Int>()
            val child = ChildProcess.start(command, "time-skipping test server JVM") { line ->
                if (line.startsWith(TestServerBundle.READY_PREFIX)) {
                    line.removePrefix(TestServerBundle.READY_PREFIX).trim().toIntOrNull()
                        ?.let(announced::complete)
                }
            }
            child.process.onExit().thenRun {
                announced.completeExceptionally(IllegalStateException("exited with code ${child.process.exitValue()}"))
            }
            val port = try {
                announced.get(CHILD_START_TIMEOUT_SECONDS, TimeUnit.SECONDS)
            } catch (e: Exception) {
                child.terminate()
                val reason = when (e) {
                    is TimeoutException -> "did not report its port within $CHILD_START_TIMEOUT_SECONDS s"
                    is ExecutionException -> e.cause?.message ?: e.toString()
                    else -> e.toString()
                }
                throw ServerStartException(
                    "The time-skipping test server JVM $reason. Command: ${command.take(3).joinToString(" ")} ... " +
                        "${command.last()}\nLast output:\n${child.tail.render()}",
                    e,
                )
            }
            return EmbeddedTestServer(port, Mode.CHILD_JVM) { child.terminate() }
        }
    }
}
