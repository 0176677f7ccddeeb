package dev.temporalkt.client

import dev.temporalkt.metrics.MetricMeter
import java.net.InetAddress
import java.net.UnknownHostException
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Everything needed to open a [Connection] to a Temporal frontend.
 *
 * ```kotlin
 * // local dev server
 * val local = ConnectionOptions(target = "localhost:7233")
 * // Temporal Cloud with an API key: TLS switches on by itself
 * val cloud = ConnectionOptions(
 *     target = "my-ns.a1b2c.tmprl.cloud:7233",
 *     namespace = "my-ns.a1b2c",
 *     apiKey = System.getenv("TEMPORAL_API_KEY"),
 * )
 * ```
 *
 * @property target `host:port` of the frontend.
 * @property namespace the namespace calls made through this connection address.
 * @property identity who is calling, recorded by the server in history events; defaults to `pid@hostname`.
 * @property tls TLS settings. `null` means plain text, unless [apiKey] is set, in which case TLS with the JVM's
 *   trust store is used. `TlsOptions(disabled = true)` forces plain text even with an API key.
 * @property apiKey sent as `authorization: Bearer <key>` on every call.
 * @property metadata extra gRPC headers sent on every call (header names are lower-cased).
 * @property keepAlive HTTP/2 keep-alive; `null` disables pings.
 * @property rpcTimeout deadline of each attempt of a call that is not a long poll, when the caller sets none.
 * @property longPollTimeout deadline of each attempt of a long poll (task polls, history waits, update polls).
 * @property retry retry policy for transient failures.
 * @property lazy when false (the default) [Connection.connect] calls `GetSystemInfo` so that a wrong address,
 *   certificate or API key fails at once; when true the first real call connects.
 * @property metricMeter where the connection records its RPC metrics (`temporal_request`, `temporal_request_failure`,
 *   `temporal_request_latency` and the `temporal_long_request` ones for long polls; see
 *   [dev.temporalkt.metrics.SdkMetricNames]); workers whose own `metricMeter` is left at [MetricMeter.NOOP] record
 *   their metrics here too. [MetricMeter.NOOP] (the default) records nothing.
 * @property metricDurationsInSeconds record the latencies of [metricMeter] in seconds (unit `s`) instead of
 *   milliseconds (unit `ms`).
 */
public data class ConnectionOptions @JvmOverloads constructor(
    val target: String = "localhost:7233",
    val namespace: String = "default",
    val identity: String = defaultIdentity(),
    val tls: TlsOptions? = null,
    val apiKey: String? = null,
    val metadata: Map<String, String> = emptyMap(),
    val keepAlive: KeepAliveOptions? = KeepAliveOptions(),
    val rpcTimeout: Duration = 10.seconds,
    val longPollTimeout: Duration = 70.seconds,
    val retry: RpcRetryOptions = RpcRetryOptions(),
    val lazy: Boolean = false,
    val metricMeter: MetricMeter = MetricMeter.NOOP,
    val metricDurationsInSeconds: Boolean = false,
) {
    init {
        require(target.isNotBlank() && ':' in target) { "Connection target must be host:port, got '$target'" }
        require(namespace.isNotBlank()) { "Connection namespace must not be blank" }
        require(rpcTimeout.isPositive() && longPollTimeout.isPositive()) { "Connection timeouts must be positive" }
    }

    /** Whether calls go over TLS: explicit [tls] settings not disabled, or an [apiKey] without `tls.disabled`. */
    public val tlsEnabled: Boolean
        get() = if (tls != null) !tls.disabled else apiKey != null

    override fun toString(): String =
        "ConnectionOptions(target=$target, namespace=$namespace, identity=$identity, tls=$tls, " +
            "apiKey=${if (apiKey == null) "none" else "<redacted>"}, metadata=${metadata.keys}, keepAlive=$keepAlive, " +
            "rpcTimeout=$rpcTimeout, longPollTimeout=$longPollTimeout, retry=$retry, lazy=$lazy, metricMeter=$metricMeter, " +
            "metricDurationsInSeconds=$metricDurationsInSeconds)"
}

/**
 * `pid@hostname`, as the JVM's runtime bean names the process, without starting the JVM's management beans (about
 * 30 ms of the calling thread in a process's start-up).
 */
private fun defaultIdentity(): String {
    val host = try {
        InetAddress.getLocalHost().hostName
    } catch (e: UnknownHostException) {
        "localhost"
    }
    return "${ProcessHandle.current().pid()}@$host"
}
