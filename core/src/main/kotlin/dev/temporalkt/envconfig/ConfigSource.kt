package dev.temporalkt.envconfig

import java.nio.charset.StandardCharsets

/**
 * Where a TLS certificate or key comes from: a file on disk ([Path]) or the content itself ([Data]).
 *
 * In the TOML file the two forms are the `_path` and `_data` keys (for example `client_cert_path` and
 * `client_cert_data`); in the environment they are the `_PATH` and `_DATA` variables (for example
 * `TEMPORAL_TLS_CLIENT_CERT_PATH` and `TEMPORAL_TLS_CLIENT_CERT_DATA`). Only one of the two may be given for the same
 * item. Files are not read while configuration is loaded, only when [ClientConfigProfile.resolveTls] is called.
 *
 * ```kotlin
 * val fromFile = ConfigSource.Path(java.nio.file.Path.of("/etc/temporal/client.pem"))
 * val inline = ConfigSource.Data("-----BEGIN CERTIFICATE-----\n...")
 * ```
 */
public sealed interface ConfigSource {
    /**
     * Content read from the file at [path] when TLS material is resolved. Relative paths are resolved against the
     * working directory of the process.
     *
     * @property path the file holding the PEM content.
     */
    public data class Path(public val path: java.nio.file.Path) : ConfigSource {
        override fun toString(): String = "Path($path)"
    }

    /**
     * Content given directly, usually PEM text. The bytes are copied on the way in and out, so a [Data] instance
     * never changes. [toString] does not print the content, which may be a private key.
     */
    public class Data(bytes: ByteArray) : ConfigSource {
        private val content: ByteArray = bytes.copyOf()

        /** Creates the source from text, encoded as UTF-8. */
        public constructor(text: String) : this(text.toByteArray(StandardCharsets.UTF_8))

        /** A copy of the content. */
        public val bytes: ByteArray get() = content.copyOf()

        /** The content decoded as UTF-8 text. */
        public fun text(): String = String(content, StandardCharsets.UTF_8)

        override fun equals(other: Any?): Boolean = other is Data && content.contentEquals(other.content)

        override fun hashCode(): Int = content.contentHashCode()

        override fun toString(): String = "Data(${content.size} bytes)"
    }

    /** Factory functions, mainly for Java callers. */
    public companion object {
        /** A source read from the file at [path]. */
        @JvmStatic
        public fun path(path: java.nio.file.Path): ConfigSource = Path(path)

        /** A source holding [bytes] directly. */
        @JvmStatic
        public fun data(bytes: ByteArray): ConfigSource = Data(bytes)

        /** A source holding [text] directly, encoded as UTF-8. */
        @JvmStatic
        public fun data(text: String): ConfigSource = Data(text)
    }
}
