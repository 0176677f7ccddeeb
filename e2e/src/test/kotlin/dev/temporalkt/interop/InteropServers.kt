package dev.temporalkt.interop

import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.SharedServers
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.runBlocking

/** A server an interop spec runs on: its name for test names, and its address and namespace (started on first use). */
class InteropServer(val name: String, private val start: () -> Pair<String, String>) {
    private val started by lazy(start)

    /** "host:port" of the server. */
    val target: String get() = started.first

    /** The namespace the tests use. */
    val namespace: String get() = started.second
}

/**
 * The servers interop specs run on: a private embedded server whose time skipping stays locked (the cross-SDK
 * workflows use no timers, and the test plays the user's part between workflow tasks), and the shared dev server.
 */
fun FunSpec.interopServers(): List<InteropServer> {
    val embedded = lazy {
        EmbeddedTestServer.start().also { server ->
            runBlocking {
                Connection.connect(ConnectionOptions(target = server.target)).use {
                    it.testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
                }
            }
        }
    }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    return listOf(
        InteropServer("embedded test server") { embedded.value.let { it.target to it.namespace } },
        InteropServer("dev server") { SharedServers.devServer().let { it.target to it.namespace } },
    )
}
