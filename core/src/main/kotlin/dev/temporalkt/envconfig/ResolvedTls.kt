package dev.temporalkt.envconfig

/**
 * TLS material ready for a connection: the certificate and key bytes (files already read) plus the server name and
 * host-verification settings. Obtained from [ClientConfigProfile.resolveTls] (null there means plaintext) or
 * [ClientConfigTls.resolve].
 *
 * Byte arrays are copied on every access. [toString] prints sizes only, never key material.
 *
 * ```kotlin
 * val tls = ClientConfigProfile.load().resolveTls()
 * if (tls != null) {
 *     val caPem: ByteArray? = tls.serverCaCert  // null: use the system trust store
 * }
 * ```
 *
 * @property serverName overrides the server name used for SNI and certificate verification; null uses the host of
 *   the address.
 * @property disableHostVerification true if the server's host name must not be verified.
 */
public class ResolvedTls internal constructor(
    clientCert: ByteArray?,
    clientKey: ByteArray?,
    serverCaCert: ByteArray?,
    public val serverName: String?,
    public val disableHostVerification: Boolean,
) {
    private val clientCertBytes = clientCert?.copyOf()
    private val clientKeyBytes = clientKey?.copyOf()
    private val serverCaCertBytes = serverCaCert?.copyOf()

    /** PEM client certificate for mutual TLS, or null without mutual TLS (then [clientKey] is null too). */
    public val clientCert: ByteArray? get() = clientCertBytes?.copyOf()

    /** PEM client private key for mutual TLS, or null without mutual TLS (then [clientCert] is null too). */
    public val clientKey: ByteArray? get() = clientKeyBytes?.copyOf()

    /** PEM CA certificate to verify the server with, or null to use the system trust store. */
    public val serverCaCert: ByteArray? get() = serverCaCertBytes?.copyOf()

    override fun toString(): String =
        "ResolvedTls(clientCert=${clientCertBytes.describe()}, clientKey=${clientKeyBytes.describe()}, " +
            "serverCaCert=${serverCaCertBytes.describe()}, serverName=$serverName, " +
            "disableHostVerification=$disableHostVerification)"

    private fun ByteArray?.describe(): String = if (this == null) "null" else "<$size bytes>"
}
