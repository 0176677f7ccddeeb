package dev.temporalkt.client.internal

import java.net.Socket
import java.security.KeyStore
import java.security.cert.CertificateFactory
import java.security.cert.X509Certificate
import javax.net.ssl.SSLEngine
import javax.net.ssl.TrustManagerFactory
import javax.net.ssl.X509ExtendedTrustManager
import javax.net.ssl.X509TrustManager

/**
 * Verifies a server's certificate chain against the trusted CAs but skips the check that the certificate names the
 * host: the engine- and socket-aware methods, which the JDK uses for hostname (endpoint) verification, delegate to
 * the plain chain check. Used for `TlsOptions.disableHostVerification`.
 */
internal class ChainOnlyTrustManager private constructor(private val delegate: X509TrustManager) : X509ExtendedTrustManager() {
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) = delegate.checkServerTrusted(chain, authType)
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String, socket: Socket?) = delegate.checkServerTrusted(chain, authType)
    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String, engine: SSLEngine?) = delegate.checkServerTrusted(chain, authType)
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) = delegate.checkClientTrusted(chain, authType)
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String, socket: Socket?) = delegate.checkClientTrusted(chain, authType)
    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String, engine: SSLEngine?) = delegate.checkClientTrusted(chain, authType)
    override fun getAcceptedIssuers(): Array<X509Certificate> = delegate.acceptedIssuers

    companion object {
        /** Trusts the CAs in [caPem], or the JVM's default trust store when it is null. */
        fun create(caPem: ByteArray?): ChainOnlyTrustManager {
            val keyStore = caPem?.let { pem ->
                KeyStore.getInstance(KeyStore.getDefaultType()).apply {
                    load(null, null)
                    CertificateFactory.getInstance("X.509").generateCertificates(pem.inputStream())
                        .forEachIndexed { i, cert -> setCertificateEntry("ca-$i", cert) }
                }
            }
            val factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()).apply { init(keyStore) }
            val trustManager = factory.trustManagers.filterIsInstance<X509TrustManager>().first()
            return ChainOnlyTrustManager(trustManager)
        }
    }
}
