package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.CONFIG_SOURCE_ORIGIN
import java.nio.file.Path
import dev.temporalkt.envconfig.internal.defaultConfigFile as platformDefaultConfigFile

/**
 * All profiles of a client configuration file, keyed by profile name, exactly as written in the file: no environment
 * variable overrides are applied. To get one profile with the environment applied, use [ClientConfigProfile.load].
 *
 * The file format (TOML):
 *
 * ```toml
 * [profile.default]
 * address = "localhost:7233"
 * namespace = "default"
 *
 * [profile.default.grpc_meta]
 * my-custom-header = "development-value"
 *
 * [profile.prod]
 * address = "your-namespace.a1b2c.tmprl.cloud:7233"
 * namespace = "your-namespace"
 * api_key = "your-api-key-here"
 *
 * [profile.prod.tls]
 * client_cert_path = "/etc/temporal/certs/client.pem"
 * client_key_path = "/etc/temporal/certs/client.key"
 * ```
 *
 * ```kotlin
 * val names = ClientConfig.load().profiles.keys
 * ```
 *
 * @property profiles the profiles by name.
 */
public data class ClientConfig(public val profiles: Map<String, ClientConfigProfile>) {
    /** Loading and parsing entry points. */
    public companion object {
        /**
         * Loads all profiles. The file is [configSource] (TOML text) if given, else [configFile], else the file named
         * by `TEMPORAL_CONFIG_FILE` in [env], else [defaultConfigFile]. A file that does not exist gives a
         * configuration without profiles; other read errors, invalid TOML, wrongly typed values and (with [strict])
         * unknown keys throw [ClientConfigException].
         *
         * @param configFile the TOML file to read.
         * @param configSource TOML text to read instead of a file; cannot be combined with [configFile].
         * @param disableFile true to return an empty configuration without reading anything.
         * @param strict true to fail on keys the configuration format does not know.
         * @param env the environment used to locate the file (`TEMPORAL_CONFIG_FILE`, `HOME`, `XDG_CONFIG_HOME`,
         *   `APPDATA`); defaults to the process environment.
         */
        @JvmStatic
        @JvmOverloads
        public fun load(
            configFile: Path? = null,
            configSource: String? = null,
            disableFile: Boolean = false,
            strict: Boolean = false,
            env: Map<String, String> = System.getenv(),
        ): ClientConfig =
            if (disableFile) {
                ClientConfig(emptyMap())
            } else {
                loadConfigDocument(configFile, configSource, strict, env).config
            }

        /**
         * Parses TOML [text] in the configuration format.
         *
         * @throws ClientConfigException for invalid TOML, wrongly typed values or (with [strict]) unknown keys.
         */
        @JvmStatic
        @JvmOverloads
        public fun parse(text: String, strict: Boolean = false): ClientConfig =
            TomlConfigReader(CONFIG_SOURCE_ORIGIN, strict).read(text)

        /**
         * The default configuration file, `temporalio/temporal.toml` in the user configuration directory:
         * - Linux and other Unix systems: `$XDG_CONFIG_HOME/temporalio/temporal.toml` when `XDG_CONFIG_HOME` is an
         *   absolute path, else `$HOME/.config/temporalio/temporal.toml`;
         * - macOS: `$HOME/Library/Application Support/temporalio/temporal.toml`;
         * - Windows: `%APPDATA%\temporalio\temporal.toml`.
         *
         * Variables are read from [env]; the JVM's `user.home` is used when `HOME` is not set. Returns null when no
         * home directory is known.
         */
        @JvmStatic
        @JvmOverloads
        public fun defaultConfigFile(env: Map<String, String> = System.getenv()): Path? = platformDefaultConfigFile(env)
    }
}
