package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.CONFIG_SOURCE_ORIGIN
import dev.temporalkt.envconfig.internal.EnvVarNames
import dev.temporalkt.envconfig.internal.defaultConfigFile
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.CodingErrorAction
import java.nio.charset.StandardCharsets
import java.nio.file.AccessDeniedException
import java.nio.file.Files
import java.nio.file.InvalidPathException
import java.nio.file.NoSuchFileException
import java.nio.file.Path

/**
 * A parsed configuration document together with a description of where it came from, used in error messages.
 *
 * @property config the profiles found (empty when there was no file).
 * @property origin human-readable description of the source, e.g. `configuration file /home/me/.../temporal.toml`.
 * @property file the file that was (or would have been) read; null for TOML text or when no location is known.
 * @property exists false when [file] does not exist or no location could be determined.
 */
internal class LoadedConfig(
    val config: ClientConfig,
    val origin: String,
    val file: Path?,
    val exists: Boolean,
)

/**
 * Finds and parses the configuration document: [configSource] (TOML text) if given, else [configFile], else the file
 * named by `TEMPORAL_CONFIG_FILE` in [env], else the default per-user file. A file that does not exist gives an empty
 * configuration, as in the other Temporal SDKs; a file that exists but cannot be read is an error.
 */
internal fun loadConfigDocument(
    configFile: Path?,
    configSource: String?,
    strict: Boolean,
    env: Map<String, String>,
): LoadedConfig {
    if (configFile != null && configSource != null) {
        throw ClientConfigException(
            "Both configFile ($configFile) and configSource were given. Pass either a configuration file path or " +
                "TOML text, not both.",
        )
    }
    if (configSource != null) {
        val config = TomlConfigReader(CONFIG_SOURCE_ORIGIN, strict).read(configSource)
        return LoadedConfig(config, CONFIG_SOURCE_ORIGIN, file = null, exists = true)
    }
    val fromEnv = env[EnvVarNames.CONFIG_FILE]?.ifEmpty { null }
    val (file, origin) = when {
        configFile != null -> configFile to "configuration file $configFile"
        fromEnv != null -> envPath(fromEnv) to "configuration file $fromEnv (from ${EnvVarNames.CONFIG_FILE})"
        else -> {
            val default = defaultConfigFile(env)
            default to (
                if (default == null) {
                    "the default configuration file (its location is unknown because no home directory is set; " +
                        "set ${EnvVarNames.CONFIG_FILE})"
                } else {
                    "configuration file $default"
                }
                )
        }
    }
    if (file == null) return LoadedConfig(ClientConfig(emptyMap()), origin, null, false)
    val bytes = readConfigFile(file, origin) ?: return LoadedConfig(ClientConfig(emptyMap()), origin, file, false)
    return LoadedConfig(TomlConfigReader(origin, strict).read(decodeUtf8(bytes, origin)), origin, file, true)
}

private fun envPath(value: String): Path =
    try {
        Path.of(value)
    } catch (e: InvalidPathException) {
        throw ClientConfigException(
            "${EnvVarNames.CONFIG_FILE} is not a valid file path ('$value': ${e.reason}). Fix the variable.",
            e,
        )
    }

private fun readConfigFile(file: Path, origin: String): ByteArray? {
    if (Files.isDirectory(file)) {
        throw ClientConfigException("Cannot read $origin: it is a directory. Point to the temporal.toml file itself.")
    }
    return try {
        Files.readAllBytes(file)
    } catch (_: NoSuchFileException) {
        null
    } catch (e: AccessDeniedException) {
        throw ClientConfigException(
            "Cannot read $origin: permission denied. Make the file readable by this process or use another file.",
            e,
        )
    } catch (e: IOException) {
        throw ClientConfigException(
            "Cannot read $origin: ${e.message ?: e.javaClass.simpleName}. Check the file or use another one.",
            e,
        )
    }
}

private fun decodeUtf8(bytes: ByteArray, origin: String): String =
    try {
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString()
    } catch (e: CharacterCodingException) {
        throw ClientConfigException("Cannot read $origin: it is not valid UTF-8 text. Save it as UTF-8.", e)
    }
