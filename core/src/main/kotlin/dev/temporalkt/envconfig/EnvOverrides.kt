package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.EnvVarNames
import dev.temporalkt.envconfig.internal.TlsItem
import java.nio.file.InvalidPathException
import java.nio.file.Path
import java.util.Locale

private val TLS_VARS: List<String> = listOf(
    EnvVarNames.TLS,
    EnvVarNames.TLS_SERVER_NAME,
    EnvVarNames.TLS_DISABLE_HOST_VERIFICATION,
) + TlsItem.entries.flatMap { listOf(it.envPathVar, it.envDataVar) }

private val CODEC_VARS: List<String> = listOf(EnvVarNames.CODEC_ENDPOINT, EnvVarNames.CODEC_AUTH)

/**
 * Applies the `TEMPORAL_*` variables of [env] on top of [profile]; a variable that is set always wins over the file.
 *
 * A variable set to a non-empty value sets the setting; a variable set to the empty string removes the setting (for
 * `TEMPORAL_GRPC_META_*`, the header). Unset variables change nothing. A TLS (or codec) section is created when one
 * of its variables has a non-empty value.
 */
internal fun applyEnvOverrides(profile: ClientConfigProfile, env: Map<String, String>): ClientConfigProfile {
    var result = profile
    env[EnvVarNames.ADDRESS]?.let { result = result.copy(address = it.ifEmpty { null }) }
    env[EnvVarNames.NAMESPACE]?.let { result = result.copy(namespace = it.ifEmpty { null }) }
    env[EnvVarNames.API_KEY]?.let { result = result.copy(apiKey = it.ifEmpty { null }) }
    return result.copy(
        tls = applyTls(result.tls, env),
        codec = applyCodec(result.codec, env),
        grpcMeta = applyGrpcMeta(result.grpcMeta, env),
    )
}

private fun applyTls(current: ClientConfigTls?, env: Map<String, String>): ClientConfigTls? {
    if (current == null && TLS_VARS.none { !env[it].isNullOrEmpty() }) return null
    var tls = current ?: ClientConfigTls()
    env[EnvVarNames.TLS]?.let { raw -> tls = tls.copy(disabled = parseEnvBoolean(EnvVarNames.TLS, raw)?.not()) }
    env[EnvVarNames.TLS_SERVER_NAME]?.let { tls = tls.copy(serverName = it.ifEmpty { null }) }
    env[EnvVarNames.TLS_DISABLE_HOST_VERIFICATION]?.let { raw ->
        tls = tls.copy(disableHostVerification = parseEnvBoolean(EnvVarNames.TLS_DISABLE_HOST_VERIFICATION, raw))
    }
    return tls.copy(
        clientCert = applySource(TlsItem.CLIENT_CERT, tls.clientCert, env),
        clientKey = applySource(TlsItem.CLIENT_KEY, tls.clientKey, env),
        serverCaCert = applySource(TlsItem.SERVER_CA_CERT, tls.serverCaCert, env),
    )
}

private fun applySource(item: TlsItem, current: ConfigSource?, env: Map<String, String>): ConfigSource? {
    val rawPath = env[item.envPathVar]
    val rawData = env[item.envDataVar]
    if (rawPath == null && rawData == null) return current
    val path = rawPath?.ifEmpty { null }
    val data = rawData?.ifEmpty { null }
    if (path != null && data != null) {
        throw ClientConfigException(
            "Both ${item.envPathVar} and ${item.envDataVar} are set. Give the ${item.displayName} either as a file " +
                "path or as inline data, not both: unset one of them.",
        )
    }
    return when {
        path != null -> {
            if (current is ConfigSource.Data) {
                throw crossSourceConflict(item, item.envPathVar, item.tomlDataKey, "inline data")
            }
            ConfigSource.Path(envPath(item.envPathVar, path))
        }
        data != null -> {
            if (current is ConfigSource.Path) {
                throw crossSourceConflict(item, item.envDataVar, item.tomlPathKey, "a file path")
            }
            ConfigSource.Data(data)
        }
        // Only empty values: the variable removes the item.
        else -> null
    }
}

private fun crossSourceConflict(item: TlsItem, envVar: String, tomlKey: String, form: String) =
    ClientConfigException(
        "$envVar is set, but the configuration file already gives the ${item.displayName} as $form ($tomlKey). " +
            "Give the ${item.displayName} only one way: unset $envVar or remove $tomlKey from the profile.",
    )

private fun applyCodec(current: ClientConfigCodec?, env: Map<String, String>): ClientConfigCodec? {
    if (current == null && CODEC_VARS.none { !env[it].isNullOrEmpty() }) return null
    var codec = current ?: ClientConfigCodec()
    env[EnvVarNames.CODEC_ENDPOINT]?.let { codec = codec.copy(endpoint = it.ifEmpty { null }) }
    env[EnvVarNames.CODEC_AUTH]?.let { codec = codec.copy(auth = it.ifEmpty { null }) }
    return codec
}

private fun applyGrpcMeta(current: Map<String, String>, env: Map<String, String>): Map<String, String> {
    val variables = env.entries.filter { it.key.startsWith(EnvVarNames.GRPC_META_PREFIX) }.sortedBy { it.key }
    if (variables.isEmpty()) return current
    val headers = LinkedHashMap(current)
    val variableOfHeader = HashMap<String, String>()
    for ((name, value) in variables) {
        val suffix = name.removePrefix(EnvVarNames.GRPC_META_PREFIX)
        if (suffix.isEmpty()) {
            throw ClientConfigException(
                "Environment variable $name has no header name after the prefix. Name it like " +
                    "${EnvVarNames.GRPC_META_PREFIX}MY_HEADER to set the gRPC header 'my-header'.",
            )
        }
        val header = normalizeGrpcMetaKey(suffix)
        requireValidHeaderName(header, "environment variable $name")
        val previous = variableOfHeader.put(header, name)
        if (previous != null) {
            throw ClientConfigException(
                "Environment variables $previous and $name both set the gRPC header '$header'. Keep only one.",
            )
        }
        if (value.isEmpty()) headers.remove(header) else headers[header] = value
    }
    return headers
}

/**
 * Parses a boolean environment value: `true`/`1` and `false`/`0`, ignoring case. The empty string gives null
 * (the setting is removed); anything else is an error naming the variable.
 */
internal fun parseEnvBoolean(name: String, raw: String): Boolean? =
    when (raw.lowercase(Locale.ROOT)) {
        "" -> null
        "true", "1" -> true
        "false", "0" -> false
        else -> throw ClientConfigException(
            "Invalid value '$raw' for $name: use true, false, 1 or 0 (any letter case), or leave it empty to " +
                "remove the setting.",
        )
    }

private fun envPath(name: String, value: String): Path =
    try {
        Path.of(value)
    } catch (e: InvalidPathException) {
        throw ClientConfigException("$name is not a valid file path ('$value': ${e.reason}). Fix the variable.", e)
    }
