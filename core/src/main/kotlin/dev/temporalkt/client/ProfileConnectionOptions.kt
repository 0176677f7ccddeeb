package dev.temporalkt.client

import dev.temporalkt.envconfig.ClientConfigException
import dev.temporalkt.envconfig.ClientConfigProfile

/**
 * The [ConnectionOptions] this profile describes: address, namespace, API key, TLS (files are read now) and gRPC
 * metadata. Settings the profile leaves unset keep the defaults of [base], so options that profiles do not cover
 * (identity, timeouts, retries) can be given there.
 *
 * ```kotlin
 * val connection = Connection.connect(ClientConfigProfile.load().toConnectionOptions())
 * ```
 *
 * [Client.connect] with a profile does this and connects a client in one call.
 *
 * @throws ClientConfigException when a TLS file cannot be read.
 */
public fun ClientConfigProfile.toConnectionOptions(base: ConnectionOptions = ConnectionOptions()): ConnectionOptions {
    val resolved = resolveTls()
    val tls = when {
        resolved != null -> TlsOptions(
            serverRootCaCert = resolved.serverCaCert,
            domain = resolved.serverName,
            clientCert = resolved.clientCert,
            clientPrivateKey = resolved.clientKey,
            disableHostVerification = resolved.disableHostVerification,
        )
        // an API key turns TLS on by default; a profile that disables TLS must keep it off
        this.tls?.disabled == true -> TlsOptions(disabled = true)
        else -> base.tls
    }
    return base.copy(
        target = address ?: base.target,
        namespace = namespace ?: base.namespace,
        apiKey = apiKey?.takeIf { it.isNotEmpty() } ?: base.apiKey,
        tls = tls,
        metadata = base.metadata + grpcMeta,
    )
}
