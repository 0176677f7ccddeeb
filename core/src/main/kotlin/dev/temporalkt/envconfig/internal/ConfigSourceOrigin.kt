package dev.temporalkt.envconfig.internal

/** How messages name a configuration given as TOML text (`configSource`) instead of a file. */
internal const val CONFIG_SOURCE_ORIGIN: String = "the TOML text given as configSource"
