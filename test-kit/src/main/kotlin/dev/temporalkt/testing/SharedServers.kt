package dev.temporalkt.testing

import dev.temporalkt.testing.internal.SharedInstance

/**
 * One [EmbeddedTestServer] and one [DevServer] per JVM, started on first use and stopped when the
 * JVM exits, shared by every test in the run. Starting a server per test class would dominate test
 * time on small CI machines; tests stay independent by using their own workflow ids and task queues.
 *
 * ```kotlin
 * class OrderWorkflowSpec : FunSpec({
 *     test("completes on the dev server") {
 *         val server = SharedServers.devServer()
 *         // ... connect to server.target, namespace server.namespace
 *     }
 * })
 * ```
 *
 * The shared instances ignore [AutoCloseable.close], so a test that closes one with `use {}` does
 * not break the tests after it. A test that terminates a workflow whose workflow task is still
 * pending must not do so on the shared embedded server: that stops its time skipping for the rest of
 * the run (see [EmbeddedTestServer]); it should start a private [EmbeddedTestServer] instead.
 *
 * ### Configuration (system properties)
 * - `temporal.cli.path` — the Temporal CLI to run (see [DevServer]).
 * - `temporal.testserver.mode` — `in-process` (default) or `child-jvm`, see [EmbeddedTestServer.Mode].
 * - `temporal.devserver=skip` — explicit opt-out for machines without the CLI: [devServer] throws
 *   [DevServerSkippedException], which JUnit 5 and Kotest report as a skipped test. Without it, a
 *   missing CLI makes [devServer] throw [DevServerUnavailableException], so tests fail loudly instead
 *   of skipping unnoticed. Continuous integration never sets it.
 */
public object SharedServers {
    /** The system property that opts out of the dev server when set to [SKIP]. */
    public const val DEV_SERVER_PROPERTY: String = "temporal.devserver"

    /** The value of [DEV_SERVER_PROPERTY] that skips tests needing the dev server. */
    public const val SKIP: String = "skip"

    /** The system property choosing [EmbeddedTestServer.Mode]: `in-process` or `child-jvm`. */
    public const val EMBEDDED_MODE_PROPERTY: String = "temporal.testserver.mode"

    private val embedded = SharedInstance(
        name = "embedded-test-server",
        start = { EmbeddedTestServer.start(embeddedMode(System.getProperty(EMBEDDED_MODE_PROPERTY))).also { it.shared = true } },
        stop = EmbeddedTestServer::shutdown,
    )

    private val devServer = SharedInstance(
        name = "dev-server",
        start = { DevServer.start().also { it.shared = true } },
        stop = DevServer::shutdown,
    )

    /**
     * The JVM's time-skipping test server, started on the first call.
     *
     * @throws IllegalArgumentException if `temporal.testserver.mode` has an unknown value.
     * @throws ServerStartException if the server could not start (this and every later call).
     */
    @JvmStatic
    public fun embedded(): EmbeddedTestServer = embedded.get()

    /**
     * The JVM's Temporal CLI dev server with [DevServerOptions.DEFAULT], started on the first call.
     *
     * @throws DevServerSkippedException if the run set `-Dtemporal.devserver=skip`.
     * @throws DevServerUnavailableException if the Temporal CLI cannot be found (this and every later call).
     * @throws ServerStartException if the server did not become ready (this and every later call).
     */
    @JvmStatic
    public fun devServer(): DevServer = devServer(System.getProperty(DEV_SERVER_PROPERTY))

    internal fun devServer(optOut: String?): DevServer {
        if (optOut.equals(SKIP, ignoreCase = true)) {
            throw DevServerSkippedException(
                "Skipped: this test needs the Temporal dev server and the run opted out with -D$DEV_SERVER_PROPERTY=$SKIP. " +
                    "Remove that property to run it (the Temporal CLI must then be installed).",
            )
        }
        return devServer.get()
    }

    internal fun embeddedMode(value: String?): EmbeddedTestServer.Mode = when (value?.trim()?.lowercase()) {
        null, "", "in-process" -> EmbeddedTestServer.Mode.IN_PROCESS
        "child-jvm" -> EmbeddedTestServer.Mode.CHILD_JVM
        else -> throw IllegalArgumentException(
            "-D$EMBEDDED_MODE_PROPERTY must be 'in-process' or 'child-jvm', was '$value'",
        )
    }
}
