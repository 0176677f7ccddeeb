package dev.temporalkt.testing

import dev.temporalkt.testing.internal.ChildProcess
import dev.temporalkt.testing.internal.EmbeddedTestServerMain
import dev.temporalkt.testing.internal.LoopbackTestServer
import org.slf4j.LoggerFactory
import java.nio.file.Paths
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The Temporal time-skipping test server from `io.temporal:temporal-test-server`, listening for
 * plaintext gRPC on a free loopback port. No installation and no network needed.
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
 * By default ([Mode.IN_PROCESS]) the server runs inside this JVM. It was compiled against older
 * protobuf and gRPC releases (3.25 and 1.76) than the ones this SDK runs on (4.x and 1.85), but it
 * only uses APIs the newer runtimes keep: in process it serves starts, polls, task completions,
 * timers, histories, terminations and the test service without errors or warnings. It starts in a
 * few hundred milliseconds in a fresh JVM and in milliseconds after that. [Mode.CHILD_JVM] runs it
 * in a separate JVM on this JVM's classpath instead, for isolation (its own heap and threads) at the
 * cost of a JVM start-up (one to two seconds); the child exits by itself when this JVM dies.
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
        /** In this JVM: the fastest start; the server's threads share this JVM's heap. */
        IN_PROCESS,

        /** In a child JVM on this JVM's classpath: isolated, slower to start. */
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
            val server = LoopbackTestServer.start()
            return EmbeddedTestServer(server.port, Mode.IN_PROCESS, server::close)
        }

        private fun startChildJvm(): EmbeddedTestServer {
            val java = Paths.get(System.getProperty("java.home"), "bin", "java").toString()
            val command = listOf(
                java,
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedTestServerMain::class.java.name,
            )
            val announced = CompletableFuture<Int>()
            val child = ChildProcess.start(command, "time-skipping test server JVM") { line ->
                if (line.startsWith(EmbeddedTestServerMain.READY_PREFIX)) {
                    line.removePrefix(EmbeddedTestServerMain.READY_PREFIX).trim().toIntOrNull()
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
