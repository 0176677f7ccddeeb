package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.TlsItem
import org.tomlj.Toml
import org.tomlj.TomlArray
import org.tomlj.TomlParseResult
import org.tomlj.TomlPosition
import org.tomlj.TomlTable
import java.nio.file.InvalidPathException
import java.nio.file.Path
import java.time.temporal.TemporalAccessor

private val TOP_LEVEL_KEYS = listOf("profile")
private val PROFILE_KEYS = listOf("address", "namespace", "api_key", "tls", "codec", "grpc_meta")
private val TLS_KEYS = listOf("disabled", "server_name", "disable_host_verification") +
    TlsItem.entries.flatMap { listOf(it.tomlPathKey, it.tomlDataKey) }
private val CODEC_KEYS = listOf("endpoint", "auth")

/**
 * Reads the TOML form of client configuration with tomlj:
 *
 * ```toml
 * [profile.NAME]            # address, namespace, api_key
 * [profile.NAME.tls]        # disabled, server_name, disable_host_verification, client_cert_path/_data,
 *                           # client_key_path/_data, server_ca_cert_path/_data
 * [profile.NAME.codec]      # endpoint, auth
 * [profile.NAME.grpc_meta]  # header = "value"
 * ```
 *
 * [origin] names the source in error messages (for example "configuration file /home/me/.config/...").
 * Values of the wrong type always fail; unknown keys fail only when [strict] is true and are ignored otherwise.
 */
internal class TomlConfigReader(private val origin: String, private val strict: Boolean) {
    private class UnknownKey(val path: List<String>, val expected: List<String>)

    private lateinit var root: TomlParseResult
    private val unknownKeys = mutableListOf<UnknownKey>()

    fun read(text: String): ClientConfig {
        val result = Toml.parse(text)
        if (result.hasErrors()) {
            val errors = result.errors()
            val first = errors.first()
            val more = if (errors.size > 1) " (and ${errors.size - 1} more syntax error(s))" else ""
            throw ClientConfigException(
                "Invalid TOML in $origin at ${describe(first.position())}: ${first.message}$more. " +
                    "Fix the syntax of the configuration.",
                first,
            )
        }
        root = result
        val profiles = LinkedHashMap<String, ClientConfigProfile>()
        for ((key, value) in result.sortedEntries()) {
            if (key != "profile") {
                unknown(listOf(key), TOP_LEVEL_KEYS)
                continue
            }
            val profileTables = table(listOf(key), value)
            for ((name, profileValue) in profileTables.sortedEntries()) {
                val path = listOf(key, name)
                profiles[name] = readProfile(path, table(path, profileValue))
            }
        }
        if (strict && unknownKeys.isNotEmpty()) throw unknownKeysError()
        return ClientConfig(profiles)
    }

    private fun readProfile(base: List<String>, table: TomlTable): ClientConfigProfile {
        var profile = ClientConfigProfile()
        for ((key, value) in table.sortedEntries()) {
            val path = base + key
            profile = when (key) {
                "address" -> profile.copy(address = string(path, value))
                "namespace" -> profile.copy(namespace = string(path, value))
                "api_key" -> profile.copy(apiKey = string(path, value))
                "tls" -> profile.copy(tls = readTls(path, table(path, value)))
                "codec" -> profile.copy(codec = readCodec(path, table(path, value)))
                "grpc_meta" -> profile.copy(grpcMeta = readGrpcMeta(path, table(path, value)))
                else -> {
                    unknown(path, PROFILE_KEYS)
                    profile
                }
            }
        }
        return profile
    }

    private fun readTls(base: List<String>, table: TomlTable): ClientConfigTls {
        var tls = ClientConfigTls()
        val paths = HashMap<TlsItem, String>()
        val data = HashMap<TlsItem, String>()
        for ((key, value) in table.sortedEntries()) {
            val path = base + key
            when (key) {
                "disabled" -> tls = tls.copy(disabled = boolean(path, value))
                "server_name" -> tls = tls.copy(serverName = string(path, value))
                "disable_host_verification" -> tls = tls.copy(disableHostVerification = boolean(path, value))
                else -> {
                    val pathItem = TlsItem.entries.find { it.tomlPathKey == key }
                    val dataItem = TlsItem.entries.find { it.tomlDataKey == key }
                    when {
                        pathItem != null -> paths[pathItem] = string(path, value)
                        dataItem != null -> data[dataItem] = string(path, value)
                        else -> unknown(path, TLS_KEYS)
                    }
                }
            }
        }
        val sources = TlsItem.entries.associateWith { item ->
            // An empty string means "not set", as for the other SDKs.
            val filePath = paths[item]?.ifEmpty { null }
            val inline = data[item]?.ifEmpty { null }
            if (filePath != null && inline != null) {
                throw ClientConfigException(
                    "Invalid TLS settings in $origin: ${Toml.joinKeyPath(base)} sets both ${item.tomlPathKey} " +
                        "and ${item.tomlDataKey}. Give the ${item.displayName} either as a file path or as inline " +
                        "data, not both.",
                )
            }
            when {
                filePath != null -> ConfigSource.Path(toPath(base + item.tomlPathKey, filePath))
                inline != null -> ConfigSource.Data(inline)
                else -> null
            }
        }
        return tls.copy(
            clientCert = sources[TlsItem.CLIENT_CERT],
            clientKey = sources[TlsItem.CLIENT_KEY],
            serverCaCert = sources[TlsItem.SERVER_CA_CERT],
        )
    }

    private fun readCodec(base: List<String>, table: TomlTable): ClientConfigCodec {
        var codec = ClientConfigCodec()
        for ((key, value) in table.sortedEntries()) {
            val path = base + key
            when (key) {
                "endpoint" -> codec = codec.copy(endpoint = string(path, value))
                "auth" -> codec = codec.copy(auth = string(path, value))
                else -> unknown(path, CODEC_KEYS)
            }
        }
        return codec
    }

    private fun readGrpcMeta(base: List<String>, table: TomlTable): Map<String, String> {
        val headers = LinkedHashMap<String, String>()
        val keyOfHeader = HashMap<String, String>()
        for ((key, value) in table.sortedEntries()) {
            val path = base + key
            val headerValue = string(path, value)
            val header = normalizeGrpcMetaKey(key)
            requireValidHeaderName(header, "key ${Toml.joinKeyPath(path)} in $origin")
            val previous = keyOfHeader.put(header, key)
            if (previous != null) {
                throw ClientConfigException(
                    "Invalid gRPC metadata in $origin: keys '$previous' and '$key' in ${Toml.joinKeyPath(base)} " +
                        "both name the header '$header' (keys are lower-cased and '_' becomes '-'). Keep only one.",
                )
            }
            headers[header] = headerValue
        }
        return headers
    }

    private fun string(path: List<String>, value: Any?): String =
        value as? String ?: throw typeError(path, "a string", value)

    private fun boolean(path: List<String>, value: Any?): Boolean =
        value as? Boolean ?: throw typeError(path, "a boolean (true or false)", value)

    private fun table(path: List<String>, value: Any?): TomlTable =
        value as? TomlTable ?: throw typeError(path, "a table", value)

    private fun toPath(path: List<String>, value: String): Path =
        try {
            Path.of(value)
        } catch (e: InvalidPathException) {
            throw ClientConfigException(
                "Invalid value in $origin: ${Toml.joinKeyPath(path)} is not a valid file path ('$value': " +
                    "${e.reason}). Fix the path.",
                e,
            )
        }

    private fun typeError(path: List<String>, expected: String, value: Any?): ClientConfigException =
        ClientConfigException(
            "Invalid value in $origin: ${Toml.joinKeyPath(path)} must be $expected, but it is " +
                "${typeName(value)}${positionSuffix(path)}. Change the value to $expected.",
        )

    private fun unknown(path: List<String>, expected: List<String>) {
        unknownKeys += UnknownKey(path, expected)
    }

    private fun unknownKeysError(): ClientConfigException {
        val listed = unknownKeys
            .sortedWith(compareBy({ positionOf(it.path)?.line() ?: 0 }, { Toml.joinKeyPath(it.path) }))
            .joinToString(", ") { key ->
                val position = positionOf(key.path)?.let { "${describe(it)}; " }.orEmpty()
                "${Toml.joinKeyPath(key.path)} (${position}expected one of ${key.expected.joinToString(", ")})"
            }
        return ClientConfigException(
            "Unknown key(s) in $origin: $listed. Correct or remove them, or load without strict mode to ignore " +
                "unknown keys.",
        )
    }

    private fun positionSuffix(path: List<String>): String =
        positionOf(path)?.let { " (${describe(it)})" }.orEmpty()

    private fun positionOf(path: List<String>): TomlPosition? {
        val position: TomlPosition? = root.inputPositionOf(path)
        return position
    }

    private fun describe(position: TomlPosition?): String =
        if (position == null) "an unknown position" else "line ${position.line()}, column ${position.column()}"

    private fun typeName(value: Any?): String = when (value) {
        null -> "missing"
        is String -> "a string"
        is Long -> "an integer"
        is Double -> "a float"
        is Boolean -> "a boolean"
        is TomlArray -> "an array"
        is TomlTable -> "a table"
        is TemporalAccessor -> "a date/time"
        else -> "a ${value.javaClass.simpleName}"
    }

    private fun TomlTable.sortedEntries(): List<Pair<String, Any?>> =
        entrySet().map { it.key to it.value }.sortedBy { it.first }
}
