package dev.temporalkt.envconfig

import dev.temporalkt.client.Client
import dev.temporalkt.client.ClientOptions
import dev.temporalkt.client.ConnectionOptions

/**
 * Connects to the server [profile] describes (address, namespace, API key, TLS and gRPC metadata, see
 * [toConnectionOptions]) and returns a client over that connection. Settings the profile leaves unset keep the
 * defaults of [base]; [clientOptions] sets what profiles do not cover (data converter, interceptors).
 *
 * ```kotlin
 * // ~/.config/temporalio/temporal.toml (or the file TEMPORAL_CONFIG_FILE names):
 * //   [profile.default]
 * //   address = "localhost:7233"
 * //   namespace = "orders"
 * val client = Client.connect(ClientConfigProfile.load())
 * val staging = Client.connect(ClientConfigProfile.load(profile = "staging"), ClientOptions(interceptors = listOf(tracing)))
 * ```
 *
 * @throws ClientConfigException when a TLS file of the profile cannot be read.
 * @throws dev.temporalkt.client.ConnectionException when the server cannot be reached (unless [base] is lazy).
 */
public suspend fun Client.Companion.connect(
    profile: ClientConfigProfile,
    clientOptions: ClientOptions = ClientOptions(),
    base: ConnectionOptions = ConnectionOptions(),
): Client = connect(profile.toConnectionOptions(base), clientOptions)
