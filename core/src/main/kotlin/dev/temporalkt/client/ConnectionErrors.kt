package dev.temporalkt.client

import io.grpc.Status
import javax.net.ssl.SSLException

/** Turns the status of a failed connection check into a message that says what to fix. */
internal object ConnectionErrors {
    fun describe(options: ConnectionOptions, status: Status): String {
        val target = options.target
        val detail = buildString {
            append(status.code)
            status.description?.let { append(": ").append(it.lineSequence().first()) }
            rootCause(status.cause)?.let { append(" (").append(it.javaClass.simpleName).append(": ").append(it.message).append(')') }
        }
        val tlsFailure = generateSequence(status.cause) { it.cause }.firstOrNull { it is SSLException }
        val advice = when {
            tlsFailure != null && options.tls?.clientCert == null && tlsFailure.message.orEmpty().contains("certificate_required") ->
                "the server requires a client certificate (mutual TLS): set TlsOptions.clientCert and clientPrivateKey"
            tlsFailure != null ->
                "the TLS handshake failed: check that TlsOptions.serverRootCaCert is the CA that signed the server's " +
                    "certificate and that TlsOptions.domain matches a name in it; the client certificate, if any, " +
                    "must be signed by a CA the server trusts"
            status.code == Status.Code.UNAUTHENTICATED || status.description?.startsWith("HTTP status code 401") == true ->
                "the server rejected the credentials: check the API key (ConnectionOptions.apiKey)"
            status.code == Status.Code.PERMISSION_DENIED || status.description?.startsWith("HTTP status code 403") == true ->
                "the credentials are not allowed to use this server or namespace"
            status.description?.startsWith("HTTP status code 400") == true && options.tls?.clientCert != null ->
                "the server (or a TLS proxy in front of it) refused the request with HTTP 400, which is how proxies " +
                    "answer a client certificate they do not accept: check that TlsOptions.clientCert is signed by a CA " +
                    "the server trusts, has not expired, allows client authentication, and that " +
                    "TlsOptions.clientPrivateKey is its key"
            !options.tlsEnabled && notHttp2(status) ->
                "the server did not answer in plain-text HTTP/2, most likely because $target expects TLS: enable TLS " +
                    "(ConnectionOptions.tls, e.g. TlsOptions() for a server with a publicly trusted certificate, or " +
                    "TlsOptions(serverRootCaCert = ...) for a private CA)"
            status.description?.startsWith("HTTP status code 400") == true && options.tls?.clientCert == null ->
                "the server (or a TLS proxy in front of it) refused the request with HTTP 400, which is how proxies " +
                    "that require a client certificate (mutual TLS) answer when none is sent: set TlsOptions.clientCert " +
                    "and clientPrivateKey"
            status.code == Status.Code.UNAVAILABLE && !options.tlsEnabled && status.description.orEmpty().contains("first record does not look like a TLS handshake").not() ->
                "nothing answered gRPC at $target: check the address and that the server is running " +
                    "(and whether it needs TLS: ConnectionOptions.tls)"
            status.code == Status.Code.UNAVAILABLE ->
                "the server at $target is not reachable: check the address, the port and the TLS settings"
            else -> "the server answered with an error"
        }
        return "Cannot connect to Temporal at $target: $advice. [$detail]"
    }

    private fun rootCause(t: Throwable?): Throwable? = generateSequence(t) { it.cause }.lastOrNull()

    /**
     * Whether the peer answered the HTTP/2 connection preface with something else than HTTP/2 frames: a TLS alert
     * or record (a TLS port), or an HTTP/1 response. Netty reports it as a first frame that is not SETTINGS.
     */
    private fun notHttp2(status: Status): Boolean {
        val texts = sequenceOf(status.description) + generateSequence(status.cause) { it.cause }.map { it.message }
        return texts.filterNotNull().any { it.contains("First received frame was not SETTINGS", ignoreCase = true) }
    }
}
