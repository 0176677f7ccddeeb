package dev.temporalkt.client

import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.tls.NginxTlsProxy
import dev.temporalkt.testing.tls.TestCertificates
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/**
 * The messages of TLS set-ups that fail in ways the TLS handshake does not report, against a real nginx terminating
 * TLS in front of the dev server: a client certificate the proxy does not trust (refused with HTTP 400 after the
 * handshake) and a plain-text client on a TLS port.
 */
class TlsErrorMessagesSpec : FunSpec({
    val certs = TestCertificates.create()
    val proxy = NginxTlsProxy.start(SharedServers.devServer().target, certs)
    afterSpec { proxy.close() }

    fun options(port: Int, tls: TlsOptions?) =
        ConnectionOptions(target = "localhost:$port", tls = tls, retry = RpcRetryOptions(maximumAttempts = 1))

    test("a client certificate the proxy does not trust is named as the likely cause") {
        // the unrelated CA's self-signed certificate: well formed, but not signed by the CA the proxy trusts
        val untrusted = TlsOptions(
            serverRootCaCert = certs.bytes(certs.caCert),
            clientCert = certs.bytes(certs.otherCaCert),
            clientPrivateKey = certs.bytes(certs.dir.resolve("other-ca.key")),
        )
        val error = shouldThrow<ConnectionException> { Connection.connect(options(proxy.mtlsPort, untrusted)) }
        error.message shouldBe "Cannot connect to Temporal at localhost:${proxy.mtlsPort}: the server (or a TLS proxy in " +
            "front of it) refused the request with HTTP 400, which is how proxies answer a client certificate they do " +
            "not accept: check that TlsOptions.clientCert is signed by a CA the server trusts, has not expired, allows " +
            "client authentication, and that TlsOptions.clientPrivateKey is its key. [INTERNAL: HTTP status code 400]"
    }

    test("plain text sent to a TLS port is named as the likely cause") {
        val error = shouldThrow<ConnectionException> { Connection.connect(options(proxy.tlsPort, tls = null)) }
        error.message shouldBe "Cannot connect to Temporal at localhost:${proxy.tlsPort}: the server did not answer in " +
            "plain-text HTTP/2, most likely because localhost:${proxy.tlsPort} expects TLS: enable TLS " +
            "(ConnectionOptions.tls, e.g. TlsOptions() for a server with a publicly trusted certificate, or " +
            "TlsOptions(serverRootCaCert = ...) for a private CA). [INTERNAL: http2 exception (Http2Exception: First received frame was not SETTINGS. Hex dump " +
            "for first 5 bytes: 485454502f)]"
    }
})
