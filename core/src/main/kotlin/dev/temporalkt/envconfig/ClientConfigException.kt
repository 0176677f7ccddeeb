package dev.temporalkt.envconfig

/**
 * Thrown when client environment configuration cannot be loaded or resolved.
 *
 * The message always says what was wrong and where it came from (the configuration file, the TOML text, or the
 * environment variable) and what to change. Typical causes:
 * - a profile that was asked for by name is not in the configuration file,
 * - the configuration file exists but cannot be read, or is not valid TOML,
 * - a setting has the wrong type (for example `address = 7233`),
 * - a certificate or key is given both as a path and as data,
 * - an unknown key was found while loading in strict mode,
 * - a certificate or key file named by a path cannot be read when TLS material is resolved.
 *
 * ```kotlin
 * try {
 *     ClientConfigProfile.load(profile = "prod")
 * } catch (e: ClientConfigException) {
 *     log.error(e.message)
 * }
 * ```
 */
public class ClientConfigException(message: String, cause: Throwable? = null) : RuntimeException(message, cause)
