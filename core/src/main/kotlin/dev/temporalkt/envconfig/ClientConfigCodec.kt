package dev.temporalkt.envconfig

/**
 * Remote codec (data converter) settings of a [ClientConfigProfile], from `[profile.NAME.codec]` or the
 * `TEMPORAL_CODEC_ENDPOINT` and `TEMPORAL_CODEC_AUTH` variables. They are loaded so tools can use them, but a client
 * never applies them on its own: payload codecs are configured in code.
 *
 * @property endpoint URL of the remote codec server (TOML `endpoint`, `TEMPORAL_CODEC_ENDPOINT`).
 * @property auth value of the `Authorization` header sent to the codec server (TOML `auth`, `TEMPORAL_CODEC_AUTH`).
 */
public data class ClientConfigCodec @JvmOverloads constructor(
    public val endpoint: String? = null,
    public val auth: String? = null,
) {
    /** Returns these settings with every non-null property of [overrides] replacing the current one. */
    public fun mergedWith(overrides: ClientConfigCodec): ClientConfigCodec =
        ClientConfigCodec(endpoint = overrides.endpoint ?: endpoint, auth = overrides.auth ?: auth)

    /** Prints the endpoint; the auth value is hidden. */
    override fun toString(): String =
        "ClientConfigCodec(endpoint=$endpoint, auth=${if (auth == null) "null" else "<hidden>"})"
}
