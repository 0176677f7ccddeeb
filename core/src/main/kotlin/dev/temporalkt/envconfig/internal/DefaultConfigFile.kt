package dev.temporalkt.envconfig.internal

import java.nio.file.InvalidPathException
import java.nio.file.Path
import java.util.Locale

/** Directory under the user configuration directory that holds the configuration file. */
internal const val CONFIG_DIR_NAME: String = "temporalio"

/** Name of the configuration file inside [CONFIG_DIR_NAME]. */
internal const val CONFIG_FILE_NAME: String = "temporal.toml"

/**
 * The default configuration file: `temporalio/temporal.toml` in the user configuration directory of the platform,
 * or null when no home directory is known.
 *
 * - Linux and other Unix systems: `$XDG_CONFIG_HOME` when it is set to an absolute path, else `$HOME/.config`.
 * - macOS: `$HOME/Library/Application Support`.
 * - Windows: `%APPDATA%`, else `<user home>\AppData\Roaming`.
 *
 * `HOME`, `XDG_CONFIG_HOME`, `APPDATA` and `USERPROFILE` are read from [env]; the JVM's `user.home` ([userHome]) is
 * the fallback for the home directory.
 */
internal fun defaultConfigFile(
    env: Map<String, String>,
    osName: String = System.getProperty("os.name").orEmpty(),
    userHome: String? = System.getProperty("user.home"),
): Path? {
    val os = osName.lowercase(Locale.ROOT)
    val configDir: Path? = when {
        os.startsWith("windows") -> {
            env.nonEmpty("APPDATA")?.let(::pathOrNull)
                ?: (env.nonEmpty("USERPROFILE") ?: userHome?.ifEmpty { null })
                    ?.let(::pathOrNull)?.resolve("AppData")?.resolve("Roaming")
        }
        os.startsWith("mac") || os.contains("darwin") ->
            home(env, userHome)?.resolve("Library")?.resolve("Application Support")
        else -> env.nonEmpty("XDG_CONFIG_HOME")?.let(::pathOrNull)?.takeIf { it.isAbsolute }
            ?: home(env, userHome)?.resolve(".config")
    }
    return configDir?.resolve(CONFIG_DIR_NAME)?.resolve(CONFIG_FILE_NAME)
}

private fun home(env: Map<String, String>, userHome: String?): Path? =
    (env.nonEmpty("HOME") ?: userHome?.ifEmpty { null })?.let(::pathOrNull)

private fun Map<String, String>.nonEmpty(name: String): String? = this[name]?.ifEmpty { null }

private fun pathOrNull(value: String): Path? =
    try {
        Path.of(value)
    } catch (_: InvalidPathException) {
        null
    }
