package dev.temporalkt.client

import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.tls.NginxTlsProxy
import dev.temporalkt.testing.tls.TestCertificates
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotBeEmpty
import io.grpc.Status
import io.grpc.StatusException

/**
 * TLS, mutual TLS and API keys against a real nginx terminating TLS in front of the dev server.
 */
class ConnectionTlsSpec : FunSpec({
    val certs = TestCertificates.create()
    val proxy = NginxTlsProxy.start(SharedServers.devServer().target, certs)
    afterSpec { proxy.close() }

    fun tlsOptions(port: Int, tls: TlsOptions?, apiKey: String? = null) = ConnectionOptions(
        target = "localhost:$port",
        tls = tls,
        apiKey = apiKey,
        retry = RpcRetryOptions(maximumAttempts = 3),
    )

    val trusted = TlsOptions(serverRootCaCert = certs.bytes(certs.caCert))

    test("dev server through TLS proxy: server TLS with the test CA reaches the server") {
        Connection.connect(tlsOptions(proxy.tlsPort, trusted)).use { connection ->
            connection.options.tlsEnabled shouldBe true
            connection.systemInfo().serverVersion.shouldNotBeEmpty()
            connection.workflowService.describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("default").build(),
            ).namespaceInfo.name shouldBe "default"
        }
    }

    test("dev server through TLS proxy: server name override verifies the certificate's name") {
        val options = ConnectionOptions(target = "127.0.0.1:${proxy.tlsPort}", tls = trusted.copy(domain = "localhost"))
        Connection.connect(options).use { it.systemInfo().serverVersion.shouldNotBeEmpty() }
    }

    test("dev server through TLS proxy: a server name the certificate does not list fails unless host verification is off") {
        val wrongName = trusted.copy(domain = "not-in-the-certificate.example")
        val error = shouldThrow<ConnectionException> { Connection.connect(tlsOptions(proxy.tlsPort, wrongName)) }
        error.message shouldContain "TlsOptions.domain"
        Connection.connect(tlsOptions(proxy.tlsPort, wrongName.copy(disableHostVerification = true))).use {
            it.systemInfo().serverVersion.shouldNotBeEmpty()
        }
    }

    test("dev server through TLS proxy: a wrong CA fails with a TLS handshake message") {
        val error = shouldThrow<ConnectionException> {
            Connection.connect(tlsOptions(proxy.tlsPort, TlsOptions(serverRootCaCert = certs.bytes(certs.otherCaCert))))
        }
        error.message shouldContain "Cannot connect to Temporal at localhost:${proxy.tlsPort}"
        error.message shouldContain "TLS handshake failed"
        error.message shouldContain "serverRootCaCert"
    }

    test("dev server through TLS proxy: mutual TLS with the client certificate reaches the server") {
        val mtls = trusted.copy(clientCert = certs.bytes(certs.clientCert), clientPrivateKey = certs.bytes(certs.clientKey))
        Connection.connect(tlsOptions(proxy.mtlsPort, mtls)).use { it.systemInfo().serverVersion.shouldNotBeEmpty() }
    }

    test("dev server through TLS proxy: mutual TLS without a client certificate is refused with a clear message") {
        val error = shouldThrow<ConnectionException> { Connection.connect(tlsOptions(proxy.mtlsPort, trusted)) }
        error.message shouldContain "client certificate"
        error.message shouldContain "TlsOptions.clientCert"
    }

    test("dev server through TLS proxy: a good API key is sent as a bearer token over TLS") {
        Connection.connect(tlsOptions(proxy.apiKeyPort, trusted, apiKey = NginxTlsProxy.API_KEY)).use { connection ->
            connection.systemInfo().serverVersion.shouldNotBeEmpty()
        }
    }

    test("dev server through TLS proxy: a bad API key fails with a message about the API key") {
        val error = shouldThrow<ConnectionException> {
            Connection.connect(tlsOptions(proxy.apiKeyPort, trusted, apiKey = "wrong-key"))
        }
        error.message shouldContain "check the API key"
        (error.cause as StatusException).status.code shouldBe Status.Code.UNAUTHENTICATED
    }

    test("dev server through TLS proxy: a rotated API key applies to the next call") {
        Connection.connect(tlsOptions(proxy.apiKeyPort, trusted, apiKey = NginxTlsProxy.API_KEY)).use { connection ->
            connection.apiKey = "revoked-key"
            val error = shouldThrow<StatusException> {
                connection.workflowService.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build())
            }
            error.status.code shouldBe Status.Code.UNAUTHENTICATED
            connection.apiKey = NginxTlsProxy.API_KEY
            connection.workflowService.describeNamespace(
                DescribeNamespaceRequest.newBuilder().setNamespace("default").build(),
            ).namespaceInfo.name shouldBe "default"
        }
    }

    test("an API key switches TLS on unless TLS is disabled explicitly") {
        ConnectionOptions(apiKey = "k").tlsEnabled shouldBe true
        ConnectionOptions(apiKey = "k", tls = TlsOptions(disabled = true)).tlsEnabled shouldBe false
        ConnectionOptions().tlsEnabled shouldBe false
        ConnectionOptions(tls = TlsOptions()).tlsEnabled shouldBe true
    }
})
