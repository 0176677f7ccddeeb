package dev.temporalkt.client

/**
 * TLS settings of a [Connection].
 *
 * Certificates and keys are PEM bytes. With no [serverRootCaCert] the JVM's default trust store verifies the
 * server (what Temporal Cloud needs). Giving both [clientCert] and [clientPrivateKey] enables mutual TLS; giving
 * only one of them is an error.
 *
 * ```kotlin
 * val tls = TlsOptions(
 *     serverRootCaCert = Path("ca.pem").readBytes(),
 *     clientCert = Path("client.pem").readBytes(),
 *     clientPrivateKey = Path("client.key").readBytes(),
 * )
 * ```
 *
 * @property disabled turns TLS off explicitly, even when an API key is configured.
 * @property serverRootCaCert PEM of the CA certificate(s) that signed the server's certificate.
 * @property domain the server name to verify and to send as SNI, when it differs from the target host.
 * @property clientCert PEM certificate chain presented to the server for mutual TLS.
 * @property clientPrivateKey PEM private key (PKCS#8) of [clientCert].
 * @property disableHostVerification verify the server's certificate chain but not that it names the server; for
 *   servers reached through an address their certificate does not list. Prefer [domain] where possible.
 */
public data class TlsOptions @JvmOverloads constructor(
    val disabled: Boolean = false,
    val serverRootCaCert: ByteArray? = null,
    val domain: String? = null,
    val clientCert: ByteArray? = null,
    val clientPrivateKey: ByteArray? = null,
    val disableHostVerification: Boolean = false,
) {
    init {
        require((clientCert == null) == (clientPrivateKey == null)) {
            "TLS client certificate and client private key must be given together for mutual TLS; " +
                "got only the ${if (clientCert != null) "certificate" else "private key"}"
        }
    }

    override fun equals(other: Any?): Boolean = other is TlsOptions &&
        disabled == other.disabled && domain == other.domain && disableHostVerification == other.disableHostVerification &&
        serverRootCaCert.contentEqualsNullable(other.serverRootCaCert) &&
        clientCert.contentEqualsNullable(other.clientCert) &&
        clientPrivateKey.contentEqualsNullable(other.clientPrivateKey)

    override fun hashCode(): Int =
        listOf(disabled, domain, disableHostVerification, serverRootCaCert?.contentHashCode(), clientCert?.contentHashCode(), clientPrivateKey?.contentHashCode())
            .hashCode()

    override fun toString(): String =
        "TlsOptions(disabled=$disabled, serverRootCaCert=${serverRootCaCert.describe()}, domain=$domain, " +
            "clientCert=${clientCert.describe()}, clientPrivateKey=${if (clientPrivateKey == null) "none" else "<redacted>"}, " +
            "disableHostVerification=$disableHostVerification)"
}

private fun ByteArray?.contentEqualsNullable(other: ByteArray?): Boolean =
    if (this == null) other == null else other != null && contentEquals(other)

private fun ByteArray?.describe(): String = if (this == null) "none" else "$size bytes"
