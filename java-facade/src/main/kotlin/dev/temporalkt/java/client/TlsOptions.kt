package dev.temporalkt.java.client

import java.io.IOException
import java.io.UncheckedIOException
import java.nio.file.Files
import java.nio.file.Path
import dev.temporalkt.client.TlsOptions as KotlinTlsOptions

/**
 * TLS settings of a connection: the server's CA, the name to verify, and a client certificate for mutual TLS.
 * Certificates and keys are PEM, given as bytes or read from files when the builder method is called. With no
 * server CA the JVM's trust store verifies the server (what Temporal Cloud needs).
 *
 * ```java
 * TlsOptions tls = TlsOptions.newBuilder()
 *     .serverRootCaCertFile(Path.of("ca.pem"))
 *     .clientCertFile(Path.of("client.pem"))
 *     .clientPrivateKeyFile(Path.of("client.key"))
 *     .build();
 * ```
 */
public class TlsOptions private constructor(builder: Builder) {
    /** Whether TLS is turned off explicitly, even with an API key. */
    public val isDisabled: Boolean = builder.disabled

    /** PEM of the CA certificate(s) that signed the server's certificate, or `null` for the JVM's trust store. */
    public val serverRootCaCert: ByteArray? = builder.serverRootCaCert?.clone()

    /** The server name to verify and send as SNI, or `null` for the target's host. */
    public val domain: String? = builder.domain

    /** PEM certificate chain presented to the server for mutual TLS, or `null`. */
    public val clientCert: ByteArray? = builder.clientCert?.clone()

    /** PEM private key (PKCS#8) of [clientCert], or `null`. */
    public val clientPrivateKey: ByteArray? = builder.clientPrivateKey?.clone()

    /** Whether the server's chain is verified without checking that its certificate names the server. */
    public val isHostVerificationDisabled: Boolean = builder.disableHostVerification

    internal val kotlin: KotlinTlsOptions = KotlinTlsOptions(
        disabled = isDisabled,
        serverRootCaCert = serverRootCaCert,
        domain = domain,
        clientCert = clientCert,
        clientPrivateKey = clientPrivateKey,
        disableHostVerification = isHostVerificationDisabled,
    )

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(this)

    override fun equals(other: Any?): Boolean = other is TlsOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [TlsOptions]. */
    public class Builder internal constructor(from: TlsOptions?) {
        internal var disabled: Boolean = from?.isDisabled ?: false
        internal var serverRootCaCert: ByteArray? = from?.serverRootCaCert
        internal var domain: String? = from?.domain
        internal var clientCert: ByteArray? = from?.clientCert
        internal var clientPrivateKey: ByteArray? = from?.clientPrivateKey
        internal var disableHostVerification: Boolean = from?.isHostVerificationDisabled ?: false

        /** Turns TLS off explicitly, even when an API key is configured. */
        public fun disabled(disabled: Boolean): Builder = apply { this.disabled = disabled }

        /** Sets the PEM of the CA certificate(s) that signed the server's certificate. */
        public fun serverRootCaCert(pem: ByteArray?): Builder = apply { serverRootCaCert = pem?.clone() }

        /** Reads the server CA's PEM from [file] now. */
        public fun serverRootCaCertFile(file: Path): Builder = apply { serverRootCaCert = read(file, "server CA certificate") }

        /** Sets the server name to verify and to send as SNI, when it differs from the target host. */
        public fun domain(domain: String?): Builder = apply { this.domain = domain }

        /** Sets the PEM certificate chain presented to the server (mutual TLS; give the private key too). */
        public fun clientCert(pem: ByteArray?): Builder = apply { clientCert = pem?.clone() }

        /** Reads the client certificate's PEM from [file] now. */
        public fun clientCertFile(file: Path): Builder = apply { clientCert = read(file, "client certificate") }

        /** Sets the PEM private key (PKCS#8) of the client certificate. */
        public fun clientPrivateKey(pem: ByteArray?): Builder = apply { clientPrivateKey = pem?.clone() }

        /** Reads the client private key's PEM from [file] now. */
        public fun clientPrivateKeyFile(file: Path): Builder = apply { clientPrivateKey = read(file, "client private key") }

        /**
         * Verifies the server's certificate chain but not that the certificate names the server; for servers reached
         * through an address their certificate does not list. Prefer [domain] where possible.
         */
        public fun disableHostVerification(disable: Boolean): Builder = apply { disableHostVerification = disable }

        /**
         * Creates the settings.
         *
         * @throws IllegalArgumentException when only one of client certificate and private key is given.
         */
        public fun build(): TlsOptions = TlsOptions(this)

        private fun read(file: Path, what: String): ByteArray = try {
            Files.readAllBytes(file)
        } catch (e: IOException) {
            throw UncheckedIOException("Cannot read the TLS $what from $file: ${e.message}", e)
        }
    }

    /** Factories. */
    public companion object {
        /** An empty builder: TLS on, verified with the JVM's trust store, no client certificate. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(null)

        /** TLS with the JVM's trust store and nothing else, e.g. for Temporal Cloud with an API key. */
        @JvmStatic
        public fun defaults(): TlsOptions = newBuilder().build()

        internal fun of(kotlin: KotlinTlsOptions): TlsOptions = newBuilder()
            .disabled(kotlin.disabled)
            .serverRootCaCert(kotlin.serverRootCaCert)
            .domain(kotlin.domain)
            .clientCert(kotlin.clientCert)
            .clientPrivateKey(kotlin.clientPrivateKey)
            .disableHostVerification(kotlin.disableHostVerification)
            .build()
    }
}
