package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.TlsItem

/**
 * TLS settings of a [ClientConfigProfile], as written in `[profile.NAME.tls]` or in the `TEMPORAL_TLS*` variables.
 *
 * | Property | TOML key | Environment variable |
 * | :-- | :-- | :-- |
 * | [disabled] | `disabled` | `TEMPORAL_TLS` (inverted: `TEMPORAL_TLS=true` means `disabled = false`) |
 * | [clientCert] | `client_cert_path` / `client_cert_data` | `TEMPORAL_TLS_CLIENT_CERT_PATH` / `_DATA` |
 * | [clientKey] | `client_key_path` / `client_key_data` | `TEMPORAL_TLS_CLIENT_KEY_PATH` / `_DATA` |
 * | [serverCaCert] | `server_ca_cert_path` / `server_ca_cert_data` | `TEMPORAL_TLS_SERVER_CA_CERT_PATH` / `_DATA` |
 * | [serverName] | `server_name` | `TEMPORAL_TLS_SERVER_NAME` |
 * | [disableHostVerification] | `disable_host_verification` | `TEMPORAL_TLS_DISABLE_HOST_VERIFICATION` |
 *
 * The presence of this object already enables TLS unless [disabled] is true; see [ClientConfigProfile.tlsEnabled].
 *
 * ```kotlin
 * val tls = ClientConfigTls(
 *     clientCert = ConfigSource.Path(Path.of("/etc/temporal/client.pem")),
 *     clientKey = ConfigSource.Path(Path.of("/etc/temporal/client.key")),
 * )
 * ```
 *
 * @property disabled true turns TLS off, false turns it on explicitly, null leaves the decision to the rule in
 *   [ClientConfigProfile.tlsEnabled].
 * @property clientCert client certificate (PEM) for mutual TLS; needs [clientKey] too.
 * @property clientKey client private key (PEM) for mutual TLS; needs [clientCert] too.
 * @property serverCaCert CA certificate (PEM) used to verify the server instead of the system trust store.
 * @property serverName overrides the server name used for SNI and certificate verification.
 * @property disableHostVerification true skips verifying the server's host name; null means false. Use with care.
 */
public data class ClientConfigTls @JvmOverloads constructor(
    public val disabled: Boolean? = null,
    public val clientCert: ConfigSource? = null,
    public val clientKey: ConfigSource? = null,
    public val serverCaCert: ConfigSource? = null,
    public val serverName: String? = null,
    public val disableHostVerification: Boolean? = null,
) {
    /**
     * Returns these settings with every non-null property of [overrides] replacing the current one.
     *
     * ```kotlin
     * val merged = fileTls.mergedWith(ClientConfigTls(serverName = "my.server"))
     * ```
     */
    public fun mergedWith(overrides: ClientConfigTls): ClientConfigTls =
        ClientConfigTls(
            disabled = overrides.disabled ?: disabled,
            clientCert = overrides.clientCert ?: clientCert,
            clientKey = overrides.clientKey ?: clientKey,
            serverCaCert = overrides.serverCaCert ?: serverCaCert,
            serverName = overrides.serverName ?: serverName,
            disableHostVerification = overrides.disableHostVerification ?: disableHostVerification,
        )

    /**
     * Loads the certificate and key bytes: inline data is used as is, files are read now. This does not look at
     * [disabled]; use [ClientConfigProfile.resolveTls] to also apply the enablement rule.
     *
     * @throws ClientConfigException if only one of [clientCert] and [clientKey] is set, or a file cannot be read
     *   (the message names the file and the settings that point to it).
     */
    public fun resolve(): ResolvedTls {
        if ((clientCert == null) != (clientKey == null)) {
            val (present, missing) = if (clientCert != null) {
                TlsItem.CLIENT_CERT to TlsItem.CLIENT_KEY
            } else {
                TlsItem.CLIENT_KEY to TlsItem.CLIENT_CERT
            }
            throw ClientConfigException(
                "A ${present.displayName} is configured without a ${missing.displayName}; mutual TLS needs both. " +
                    "Set ${missing.tomlPathKey} or ${missing.tomlDataKey} (${missing.envPathVar} or " +
                    "${missing.envDataVar}), or remove the ${present.displayName}.",
            )
        }
        return ResolvedTls(
            clientCert = readTlsMaterial(TlsItem.CLIENT_CERT, clientCert),
            clientKey = readTlsMaterial(TlsItem.CLIENT_KEY, clientKey),
            serverCaCert = readTlsMaterial(TlsItem.SERVER_CA_CERT, serverCaCert),
            serverName = serverName,
            disableHostVerification = disableHostVerification ?: false,
        )
    }
}
