package dev.temporalkt.envconfig

import java.util.Locale

private val VALID_HEADER_NAME = Regex("[0-9a-z._-]+")

/**
 * Turns a gRPC metadata key from TOML or from the part of an environment variable name after `TEMPORAL_GRPC_META_`
 * into a header name: lower case, underscores replaced by hyphens (`SOME_KEY` becomes `some-key`).
 */
internal fun normalizeGrpcMetaKey(key: String): String = key.lowercase(Locale.ROOT).replace('_', '-')

/**
 * Checks that a normalized header name is one gRPC accepts; [origin] says where it came from for the error message.
 */
internal fun requireValidHeaderName(name: String, origin: String) {
    if (!VALID_HEADER_NAME.matches(name)) {
        throw ClientConfigException(
            "Invalid gRPC header name '$name' from $origin: header names may only contain letters, digits, " +
                "'-', '_' and '.'. Rename the header.",
        )
    }
}
