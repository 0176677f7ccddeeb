package dev.temporalkt.envconfig.internal

/** Names of the environment variables read by environment configuration. */
internal object EnvVarNames {
    const val CONFIG_FILE: String = "TEMPORAL_CONFIG_FILE"
    const val PROFILE: String = "TEMPORAL_PROFILE"
    const val ADDRESS: String = "TEMPORAL_ADDRESS"
    const val NAMESPACE: String = "TEMPORAL_NAMESPACE"
    const val API_KEY: String = "TEMPORAL_API_KEY"
    const val TLS: String = "TEMPORAL_TLS"
    const val TLS_SERVER_NAME: String = "TEMPORAL_TLS_SERVER_NAME"
    const val TLS_DISABLE_HOST_VERIFICATION: String = "TEMPORAL_TLS_DISABLE_HOST_VERIFICATION"
    const val CODEC_ENDPOINT: String = "TEMPORAL_CODEC_ENDPOINT"
    const val CODEC_AUTH: String = "TEMPORAL_CODEC_AUTH"
    const val GRPC_META_PREFIX: String = "TEMPORAL_GRPC_META_"
}
