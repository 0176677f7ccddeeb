package dev.temporalkt.client

import dev.temporalkt.converter.DataConverter

/**
 * Settings of a [Client].
 *
 * ```kotlin
 * val client = Client(connection, ClientOptions(namespace = "orders", interceptors = listOf(TracingInterceptor())))
 * ```
 *
 * @property namespace the namespace every call of the client targets; `null` uses the connection's namespace.
 * @property dataConverter converts arguments, results, memos, failures and details (with its codecs).
 * @property interceptors outbound interceptors; the first in the list is the outermost (sees calls first).
 * @property identity the identity recorded by the server for calls of this client; `null` uses the connection's.
 */
public data class ClientOptions(
    val namespace: String? = null,
    val dataConverter: DataConverter = DataConverter.default,
    val interceptors: List<ClientInterceptor> = emptyList(),
    val identity: String? = null,
) {
    init {
        require(namespace == null || namespace.isNotBlank()) { "ClientOptions.namespace must not be blank; use null for the connection's namespace" }
        require(identity == null || identity.isNotBlank()) { "ClientOptions.identity must not be blank; use null for the connection's identity" }
    }
}
