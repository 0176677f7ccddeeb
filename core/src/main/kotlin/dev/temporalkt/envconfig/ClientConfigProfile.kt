package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.CONFIG_SOURCE_ORIGIN
import dev.temporalkt.envconfig.internal.EnvVarNames
import java.nio.file.Path

/**
 * One client configuration profile: where and how to connect to Temporal.
 *
 * Load it with [load], which reads the profile from the TOML configuration file and lets `TEMPORAL_*` environment
 * variables override it. Settings, their TOML keys (under `[profile.NAME]`) and environment variables:
 *
 * | Property | TOML key | Environment variable |
 * | :-- | :-- | :-- |
 * | [address] | `address` | `TEMPORAL_ADDRESS` |
 * | [namespace] | `namespace` | `TEMPORAL_NAMESPACE` |
 * | [apiKey] | `api_key` | `TEMPORAL_API_KEY` |
 * | [tls] | `[profile.NAME.tls]` | `TEMPORAL_TLS`, `TEMPORAL_TLS_*` (see [ClientConfigTls]) |
 * | [codec] | `[profile.NAME.codec]` | `TEMPORAL_CODEC_ENDPOINT`, `TEMPORAL_CODEC_AUTH` |
 * | [grpcMeta] | `[profile.NAME.grpc_meta]` | `TEMPORAL_GRPC_META_*` |
 *
 * Precedence, lowest to highest: the file, the environment, then overrides in code ([mergedWith], the `with...`
 * functions or `copy`):
 *
 * ```kotlin
 * val profile = ClientConfigProfile.load(profile = "prod")
 *     .mergedWith(ClientConfigProfile(namespace = "test-namespace"))
 * ```
 *
 * gRPC metadata keys read from TOML or the environment are lower-cased with `_` replaced by `-`
 * (`TEMPORAL_GRPC_META_SOME_KEY=v` sets header `some-key`); use that form for keys you set in code so they replace
 * loaded ones. [toString] hides the API key, inline certificate data and header values.
 *
 * @property address host and port of the Temporal frontend, e.g. `localhost:7233`.
 * @property namespace the Temporal namespace to use.
 * @property apiKey API key sent as a bearer token; when set, TLS is on unless explicitly disabled (see [tlsEnabled]).
 * @property tls TLS settings; null when neither the file nor the environment mentions TLS.
 * @property codec remote codec settings, loaded but not applied by clients.
 * @property grpcMeta gRPC headers sent with every call.
 */
public data class ClientConfigProfile @JvmOverloads constructor(
    public val address: String? = null,
    public val namespace: String? = null,
    public val apiKey: String? = null,
    public val tls: ClientConfigTls? = null,
    public val codec: ClientConfigCodec? = null,
    public val grpcMeta: Map<String, String> = emptyMap(),
) {
    /**
     * Whether the connection uses TLS, following the rule of the other Temporal SDKs:
     * 1. [tls] with `disabled = true` (TOML `disabled = true`, or `TEMPORAL_TLS=false`): no TLS, even with an API key;
     * 2. otherwise any [tls] section (even an empty one, or only `TEMPORAL_TLS=true`): TLS;
     * 3. otherwise an [apiKey] that is not empty: TLS;
     * 4. otherwise: no TLS.
     */
    public val tlsEnabled: Boolean
        get() = when {
            tls?.disabled == true -> false
            tls != null -> true
            else -> !apiKey.isNullOrEmpty()
        }

    /**
     * The TLS material to connect with, or null when [tlsEnabled] is false. Certificate and key files are read now
     * (not when the profile was loaded), so a profile can be loaded and adjusted before the files are needed.
     *
     * @throws ClientConfigException if a file cannot be read or only one of client certificate and key is set.
     */
    public fun resolveTls(): ResolvedTls? =
        if (!tlsEnabled) null else (tls ?: ClientConfigTls()).resolve()

    /**
     * Returns this profile with every non-null setting of [overrides] replacing the current one; [tls] and [codec]
     * are merged property by property, [grpcMeta] entries of [overrides] are added or replace existing ones.
     *
     * ```kotlin
     * val local = loaded.mergedWith(ClientConfigProfile(address = "localhost:7233", namespace = "test"))
     * ```
     */
    public fun mergedWith(overrides: ClientConfigProfile): ClientConfigProfile =
        ClientConfigProfile(
            address = overrides.address ?: address,
            namespace = overrides.namespace ?: namespace,
            apiKey = overrides.apiKey ?: apiKey,
            tls = mergeNullable(tls, overrides.tls, ClientConfigTls::mergedWith),
            codec = mergeNullable(codec, overrides.codec, ClientConfigCodec::mergedWith),
            grpcMeta = grpcMeta + overrides.grpcMeta,
        )

    /** Returns a copy with [address] replaced. */
    public fun withAddress(address: String?): ClientConfigProfile = copy(address = address)

    /** Returns a copy with [namespace] replaced. */
    public fun withNamespace(namespace: String?): ClientConfigProfile = copy(namespace = namespace)

    /** Returns a copy with [apiKey] replaced. */
    public fun withApiKey(apiKey: String?): ClientConfigProfile = copy(apiKey = apiKey)

    /** Returns a copy with [tls] replaced. */
    public fun withTls(tls: ClientConfigTls?): ClientConfigProfile = copy(tls = tls)

    /** Returns a copy with [codec] replaced. */
    public fun withCodec(codec: ClientConfigCodec?): ClientConfigProfile = copy(codec = codec)

    /** Returns a copy with [grpcMeta] replaced. */
    public fun withGrpcMeta(grpcMeta: Map<String, String>): ClientConfigProfile = copy(grpcMeta = grpcMeta)

    /** Prints the settings with the API key and header values hidden. */
    override fun toString(): String =
        "ClientConfigProfile(address=$address, namespace=$namespace, " +
            "apiKey=${if (apiKey == null) "null" else "<hidden>"}, tls=$tls, codec=$codec, " +
            "grpcMeta=${grpcMeta.keys.joinToString(", ", "{", "}") { "$it=<hidden>" }})"

    /** Loading entry points. */
    public companion object {
        /** The profile used when none is requested: `default`. */
        public const val DEFAULT_PROFILE: String = "default"

        /**
         * Loads one profile from the configuration file and applies environment variable overrides.
         *
         * **Which file.** [configSource] (TOML text) if given, else [configFile], else the file named by
         * `TEMPORAL_CONFIG_FILE`, else the default per-user file (see [ClientConfig.defaultConfigFile]:
         * `~/.config/temporalio/temporal.toml` on Linux). A file that does not exist is not an error: it counts
         * as a file without profiles.
         *
         * **Which profile.** [profile] if given, else `TEMPORAL_PROFILE`, else `default`. If a profile was requested
         * (by parameter or variable) and is not in the file, loading fails with a [ClientConfigException] naming the
         * profile and the file. If nothing was requested and the file has no `default` profile, the result is an
         * empty profile that only the environment fills in.
         *
         * **Environment.** Every `TEMPORAL_*` variable that is set overrides the file: `TEMPORAL_ADDRESS`,
         * `TEMPORAL_NAMESPACE`, `TEMPORAL_API_KEY`, `TEMPORAL_TLS`, `TEMPORAL_TLS_CLIENT_CERT_PATH`/`_DATA`,
         * `TEMPORAL_TLS_CLIENT_KEY_PATH`/`_DATA`, `TEMPORAL_TLS_SERVER_CA_CERT_PATH`/`_DATA`,
         * `TEMPORAL_TLS_SERVER_NAME`, `TEMPORAL_TLS_DISABLE_HOST_VERIFICATION`, `TEMPORAL_CODEC_ENDPOINT`,
         * `TEMPORAL_CODEC_AUTH` and `TEMPORAL_GRPC_META_<NAME>`. Booleans accept `true`/`1`/`false`/`0` in any
         * case. A variable set to the empty string removes the setting. A certificate or key may not be given both
         * as a path and as data, whether in one source or across file and environment.
         *
         * ```kotlin
         * val profile = ClientConfigProfile.load()                                   // "default", real environment
         * val prod = ClientConfigProfile.load(profile = "prod")
         * val inTest = ClientConfigProfile.load(configSource = toml, env = mapOf("TEMPORAL_NAMESPACE" to "ns"))
         * ```
         *
         * @param profile name of the profile to load; null (or empty) uses `TEMPORAL_PROFILE` or `default`.
         *   Ignored when [disableFile] is true.
         * @param configFile the TOML file to read instead of `TEMPORAL_CONFIG_FILE` or the default file.
         * @param configSource TOML text to read instead of any file; cannot be combined with [configFile].
         * @param disableFile true to skip the file entirely and build the profile from the environment only.
         * @param disableEnv true to ignore environment values; `TEMPORAL_CONFIG_FILE` and `TEMPORAL_PROFILE` are still
         *   used to find the file and profile (pass an [env] without them to avoid that).
         * @param strict true to fail on keys the configuration format does not know (typos), false to ignore them.
         * @param env the environment to read; defaults to the process environment. Tests pass a map here.
         * @throws ClientConfigException if the configuration is missing, unreadable or invalid (see its KDoc).
         */
        @JvmStatic
        @JvmOverloads
        public fun load(
            profile: String? = null,
            configFile: Path? = null,
            configSource: String? = null,
            disableFile: Boolean = false,
            disableEnv: Boolean = false,
            strict: Boolean = false,
            env: Map<String, String> = System.getenv(),
        ): ClientConfigProfile {
            if (disableFile && disableEnv) {
                throw ClientConfigException(
                    "Nothing to load: both disableFile and disableEnv are true. Enable the file, the environment, " +
                        "or both.",
                )
            }
            val fromFile = if (disableFile) {
                ClientConfigProfile()
            } else {
                selectProfile(loadConfigDocument(configFile, configSource, strict, env), profile, env)
            }
            return if (disableEnv) fromFile else applyEnvOverrides(fromFile, env)
        }

        private fun selectProfile(
            loaded: LoadedConfig,
            requested: String?,
            env: Map<String, String>,
        ): ClientConfigProfile {
            val (name, requestedBy) = requested?.ifEmpty { null }?.let { it to "the profile parameter" }
                ?: env[EnvVarNames.PROFILE]?.ifEmpty { null }?.let { it to EnvVarNames.PROFILE }
                ?: (DEFAULT_PROFILE to null)
            loaded.config.profiles[name]?.let { return it }
            if (requestedBy == null) return ClientConfigProfile()
            throw ClientConfigException(profileNotFoundMessage(name, requestedBy, loaded))
        }

        private fun profileNotFoundMessage(name: String, requestedBy: String, loaded: LoadedConfig): String {
            val where = when {
                loaded.origin == CONFIG_SOURCE_ORIGIN -> {
                    "Profile '$name' (requested by $requestedBy) not found in $CONFIG_SOURCE_ORIGIN"
                }
                loaded.file == null -> {
                    "Profile '$name' (requested by $requestedBy) not found: there is no file to read it from, " +
                        "${loaded.origin}"
                }
                !loaded.exists -> {
                    "Profile '$name' (requested by $requestedBy) not found: ${loaded.origin} does not exist"
                }
                else -> "Profile '$name' (requested by $requestedBy) not found in ${loaded.origin}"
            }
            val available = loaded.config.profiles.keys.sorted()
            val known = if (available.isEmpty()) {
                "It defines no profiles."
            } else {
                "Its profiles are: ${available.joinToString(", ")}."
            }
            val knownPart = if (loaded.exists) " $known" else ""
            return "$where.$knownPart Add a [profile.$name] table to the configuration, or request an existing profile."
        }

        private fun <T : Any> mergeNullable(base: T?, overrides: T?, merge: (T, T) -> T): T? = when {
            overrides == null -> base
            base == null -> overrides
            else -> merge(base, overrides)
        }
    }
}
