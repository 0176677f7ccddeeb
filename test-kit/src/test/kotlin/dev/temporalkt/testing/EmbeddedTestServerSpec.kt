package dev.temporalkt.testing

import dev.temporalkt.api.workflowservice.v1.GetSystemInfoRequest
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeSameInstanceAs
import java.net.ConnectException
import java.net.InetSocketAddress
import java.net.Socket

class EmbeddedTestServerSpec : FunSpec({
    // The connectivity checks terminate a workflow with a pending task, which leaves the test server's
    // clock held for good; a private instance (in process: milliseconds to start) keeps the shared one clean.
    val privateServer = lazy { EmbeddedTestServer.start() }
    afterSpec { if (privateServer.isInitialized()) privateServer.value.close() }

    include(
        workflowServiceConnectivity(
            serverName = "embedded test server",
            // The Java SDK's test server reports its capabilities but no server version.
            checkSystemInfo = { info -> info.serverVersion shouldBe "" },
        ) {
            privateServer.value.target to privateServer.value.namespace
        },
    )

    test("embedded test server: the shared instance runs in this JVM on loopback and ignores close()") {
        val server = SharedServers.embedded()
        server.mode shouldBe EmbeddedTestServer.Mode.IN_PROCESS
        server.namespace shouldBe "default"
        server.target shouldBe "127.0.0.1:${server.port}"
        server.close()
        SharedServers.embedded() shouldBeSameInstanceAs server
        val info = withWorkflowService(server.target) { it.getSystemInfo(GetSystemInfoRequest.getDefaultInstance()) }
        info.capabilities.signalAndQueryHeader shouldBe true
    }

    test("embedded test server: its Java SDK, gRPC and protobuf classes stay out of the application's class loader") {
        val server = SharedServers.embedded()
        withWorkflowService(server.target) { it.getSystemInfo(GetSystemInfoRequest.getDefaultInstance()) }
        val application = EmbeddedTestServerSpec::class.java.classLoader
        shouldThrow<ClassNotFoundException> { Class.forName("io.temporal.internal.testservice.TestServicesStarter", false, application) }
        shouldThrow<ClassNotFoundException> { Class.forName("io.temporal.api.workflowservice.v1.WorkflowServiceGrpc", false, application) }
        // the application's protobuf is the SDK's own (4.x), not the 3.25 the server runs on
        val protobufJar = com.google.protobuf.Message::class.java.protectionDomain.codeSource.location.path
        protobufJar.substringAfterLast('/') shouldStartWith "protobuf-java-4."
    }

    test("embedded test server (child JVM): serves the workflow service and frees its port on close") {
        val server = EmbeddedTestServer.start(EmbeddedTestServer.Mode.CHILD_JVM)
        val port = server.port
        try {
            server.mode shouldBe EmbeddedTestServer.Mode.CHILD_JVM
            server.target shouldBe "127.0.0.1:$port"
            val info = withWorkflowService(server.target) { it.getSystemInfo(GetSystemInfoRequest.getDefaultInstance()) }
            info.capabilities.signalAndQueryHeader shouldBe true
        } finally {
            server.close()
        }
        shouldThrow<ConnectException> {
            Socket().use { it.connect(InetSocketAddress("127.0.0.1", port), 2_000) }
        }
    }

    test("embedded test server (in process): a private instance frees its port on close") {
        val server = EmbeddedTestServer.start()
        val port = server.port
        server.port shouldBe port
        server.close()
        server.close()
        shouldThrow<ConnectException> {
            Socket().use { it.connect(InetSocketAddress("127.0.0.1", port), 2_000) }
        }
    }

    test("embedded test server: an unknown -Dtemporal.testserver.mode is rejected with the accepted values") {
        val error = shouldThrow<IllegalArgumentException> { SharedServers.embeddedMode("forked") }
        error.message shouldBe "-Dtemporal.testserver.mode must be 'in-process' or 'child-jvm', was 'forked'"
        SharedServers.embeddedMode(null) shouldBe EmbeddedTestServer.Mode.IN_PROCESS
        SharedServers.embeddedMode("Child-JVM") shouldBe EmbeddedTestServer.Mode.CHILD_JVM
    }
})
