package dev.temporalkt.envconfig.internal

/**
 * The three TLS items that can be given either as a file path or as inline data, with the names of the settings that
 * carry them in TOML and in the environment. Error messages use these names so the user knows what to change.
 */
internal enum class TlsItem(
    val displayName: String,
    val tomlPathKey: String,
    val tomlDataKey: String,
    val envPathVar: String,
    val envDataVar: String,
) {
    CLIENT_CERT(
        displayName = "client certificate",
        tomlPathKey = "client_cert_path",
        tomlDataKey = "client_cert_data",
        envPathVar = "TEMPORAL_TLS_CLIENT_CERT_PATH",
        envDataVar = "TEMPORAL_TLS_CLIENT_CERT_DATA",
    ),
    CLIENT_KEY(
        displayName = "client key",
        tomlPathKey = "client_key_path",
        tomlDataKey = "client_key_data",
        envPathVar = "TEMPORAL_TLS_CLIENT_KEY_PATH",
        envDataVar = "TEMPORAL_TLS_CLIENT_KEY_DATA",
    ),
    SERVER_CA_CERT(
        displayName = "server CA certificate",
        tomlPathKey = "server_ca_cert_path",
        tomlDataKey = "server_ca_cert_data",
        envPathVar = "TEMPORAL_TLS_SERVER_CA_CERT_PATH",
        envDataVar = "TEMPORAL_TLS_SERVER_CA_CERT_DATA",
    ),
}
