package dev.temporalkt.samples

import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.testing.WorkflowEnvironment
import kotlinx.coroutines.runBlocking
import java.util.UUID

/**
 * The one time-skipping environment (embedded test server and client) that every sample test of the JVM shares;
 * closed when the JVM exits.
 */
object SampleTestServer {
    val environment: WorkflowEnvironment by lazy {
        runBlocking { WorkflowEnvironment.startTimeSkipping() }.also { Runtime.getRuntime().addShutdownHook(Thread(it::close)) }
    }

    /** The environment's client: waits for results skip time. */
    val client: Client get() = environment.client

    /** Another client on the same server with [options], which leaves the clock alone (for samples without timers). */
    fun clientWith(options: ClientOptions = ClientOptions()): Client = Client(environment.client.connection, options)

    /** A name no other test uses, for workflow ids and task queues. */
    fun unique(prefix: String): String = "$prefix-${UUID.randomUUID().toString().take(8)}"
}
