package dev.temporalkt.client

import ch.qos.logback.classic.Level
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.logging.LogCapture
import dev.temporalkt.testing.tls.NginxTlsProxy
import dev.temporalkt.testing.tls.TestCertificates
import dev.temporalkt.worker.OutageActivities
import dev.temporalkt.worker.OutageWorkflow
import dev.temporalkt.worker.Worker
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import java.util.UUID

/**
 * The API key stays out of the logs even with every logger on TRACE, gRPC's HTTP/2 frame logger included (it prints
 * the headers of each request): a client and a worker with an API key run a workflow through a real nginx that
 * checks the key, in front of the shared dev server.
 */
class ApiKeyLogSpec : FunSpec({
    val certs = TestCertificates.create()
    val proxy = NginxTlsProxy.start(SharedServers.devServer().target, certs)
    afterSpec { proxy.close() }

    test("with all loggers on TRACE, no log line carries the API key, while the frame log shows the redacted header") {
        val levels = listOf("ROOT", "io.grpc", "io.netty", "io.grpc.netty.shaded").map { it to Level.TRACE }.toTypedArray()
        LogCapture.start(*levels).use { capture ->
            val options = ConnectionOptions(
                target = "localhost:${proxy.apiKeyPort}",
                tls = TlsOptions(serverRootCaCert = certs.bytes(certs.caCert)),
                apiKey = NginxTlsProxy.API_KEY,
            )
            val client = Client.connect(options)
            val taskQueue = "api-key-${UUID.randomUUID()}"
            val worker = Worker(client, taskQueue, listOf(OutageWorkflow::class), listOf(OutageActivities())).start()
            try {
                val handle = client.startWorkflow<String>("E2eOutage", "letter", options = WorkflowOptions(id = "api-key-${UUID.randomUUID()}", taskQueue = taskQueue))
                handle.signal("go")
                handle.result() shouldBe "stamped letter"
            } finally {
                worker.shutdown()
                client.connection.close()
            }
            val lines = capture.lines
            val headerFrames = lines.filter { "OUTBOUND HEADERS" in it.message }
            println("API key: ${lines.size} log lines at TRACE, ${headerFrames.size} outbound header frames")
            // the frame log was on and captured: without the redaction these lines would carry the key
            headerFrames.size shouldBeGreaterThan 3
            headerFrames.count { "authorization: <redacted>" in it.message } shouldBe headerFrames.size
            withClue("log lines with the API key") {
                lines.filter { NginxTlsProxy.API_KEY in it.text || it.mdc.values.any { v -> NginxTlsProxy.API_KEY in v } }.shouldBeEmpty()
            }
        }
    }
})
