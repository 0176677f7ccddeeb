package dev.temporalkt.java.client

import dev.temporalkt.envconfig.ClientConfigProfile
import dev.temporalkt.client.toConnectionOptions
import dev.temporalkt.metrics.MetricMeter
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.client.ConnectionOptions as KotlinConnectionOptions

/**
 * Everything needed to open a connection to a Temporal frontend: address, namespace, TLS (and mutual TLS), API key,
 * gRPC metadata, keep-alive, deadlines and RPC retries.
 *
 * ```java
 * // local dev server
 * ConnectionOptions local = ConnectionOptions.newBuilder().target("localhost:7233").build();
 * // Temporal Cloud with an API key: TLS switches on by itself
 * ConnectionOptions cloud = ConnectionOptions.newBuilder()
 *     .target("my-ns.a1b2c.tmprl.cloud:7233")
 *     .namespace("my-ns.a1b2c")
 *     .apiKey(System.getenv("TEMPORAL_API_KEY"))
 *     .build();
 * ```
 */
public class ConnectionOptions private constructor(internal val kotlin: KotlinConnectionOptions) {
    /** `host:port` of the frontend. */
    public val target: String get() = kotlin.target

    /** The namespace calls made through the connection address. */
    public val namespace: String get() = kotlin.namespace

    /** Who is calling, recorded by the server in history events. */
    public val identity: String get() = kotlin.identity

    /**
     * The TLS settings, or `null` for plain text (TLS with the JVM's trust store is still used when an API key is
     * set; see [isTlsEnabled]).
     */
    public val tls: TlsOptions? get() = kotlin.tls?.let(TlsOptions::of)

    /** The API key sent as `authorization: Bearer <key>`, or `null`. */
    public val apiKey: String? get() = kotlin.apiKey

    /** Extra gRPC headers sent on every call. */
    public val metadata: Map<String, String> get() = kotlin.metadata

    /** The keep-alive settings, or `null` when pings are off. */
    public val keepAlive: KeepAliveOptions? get() = kotlin.keepAlive?.let(KeepAliveOptions::of)

    /** Deadline of each attempt of a call that is not a long poll, when the caller sets none. */
    public val rpcTimeout: Duration get() = kotlin.rpcTimeout.toJavaDuration()

    /** Deadline of each attempt of a long poll. */
    public val longPollTimeout: Duration get() = kotlin.longPollTimeout.toJavaDuration()

    /** How transient RPC failures are retried. */
    public val rpcRetry: RpcRetryOptions get() = RpcRetryOptions.of(kotlin.retry)

    /** Whether connecting skips the initial `GetSystemInfo` check (the first real call connects). */
    public val isLazy: Boolean get() = kotlin.lazy

    /** Where the connection (and workers without a meter of their own) record the SDK's metrics. */
    public val metricMeter: MetricMeter get() = kotlin.metricMeter

    /** Whether the SDK's latency metrics are recorded in seconds instead of milliseconds. */
    public val isMetricDurationsInSeconds: Boolean get() = kotlin.metricDurationsInSeconds

    /** Whether calls go over TLS: TLS settings not disabled, or an API key without TLS disabled. */
    public val isTlsEnabled: Boolean get() = kotlin.tlsEnabled

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is ConnectionOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [ConnectionOptions]; unset values keep the defaults (`localhost:7233`, namespace `default`). */
    public class Builder internal constructor(from: KotlinConnectionOptions) {
        private var target = from.target
        private var namespace = from.namespace
        private var identity = from.identity
        private var tls = from.tls
        private var apiKey = from.apiKey
        private val metadata = LinkedHashMap(from.metadata)
        private var keepAlive = from.keepAlive
        private var rpcTimeout = from.rpcTimeout
        private var longPollTimeout = from.longPollTimeout
        private var retry = from.retry
        private var lazy = from.lazy
        private var metricMeter = from.metricMeter
        private var metricDurationsInSeconds = from.metricDurationsInSeconds

        /** Sets `host:port` of the frontend. */
        public fun target(target: String): Builder = apply { this.target = target }

        /** Sets the namespace. */
        public fun namespace(namespace: String): Builder = apply { this.namespace = namespace }

        /** Sets who is calling (default `pid@hostname`). */
        public fun identity(identity: String): Builder = apply { this.identity = identity }

        /** Sets the TLS settings; `null` means plain text unless an API key is set. */
        public fun tls(tls: TlsOptions?): Builder = apply { this.tls = tls?.kotlin }

        /** Sets the API key; TLS switches on with it unless [tls] disables it. */
        public fun apiKey(apiKey: String?): Builder = apply { this.apiKey = apiKey }

        /** Replaces the extra gRPC headers sent on every call. */
        public fun metadata(metadata: Map<String, String>): Builder = apply {
            this.metadata.clear()
            this.metadata.putAll(metadata)
        }

        /** Adds the gRPC header [name] with [value] to those sent on every call. */
        public fun addMetadata(name: String, value: String): Builder = apply { metadata[name] = value }

        /** Sets the keep-alive settings; `null` turns keep-alive pings off. */
        public fun keepAlive(keepAlive: KeepAliveOptions?): Builder = apply { this.keepAlive = keepAlive?.kotlin }

        /** Sets the deadline of each attempt of a call that is not a long poll (default 10 s). */
        public fun rpcTimeout(timeout: Duration): Builder = apply { rpcTimeout = timeout.toKotlinDuration() }

        /** Sets the deadline of each attempt of a long poll (default 70 s). */
        public fun longPollTimeout(timeout: Duration): Builder = apply { longPollTimeout = timeout.toKotlinDuration() }

        /** Sets how transient RPC failures are retried. */
        public fun rpcRetry(retry: RpcRetryOptions): Builder = apply { this.retry = retry.kotlin }

        /**
         * With `true`, connecting does not check the connection with `GetSystemInfo` (the first real call connects);
         * with `false` (the default) a wrong address, certificate or API key fails the connect future at once.
         */
        public fun lazy(lazy: Boolean): Builder = apply { this.lazy = lazy }

        /**
         * Sets where the connection records its RPC metrics (`temporal_request`, `temporal_long_request`, ...: see
         * [dev.temporalkt.metrics.SdkMetricNames]); workers without a meter of their own record their metrics there
         * too. Default [MetricMeter.NOOP]: nothing is recorded.
         *
         * ```java
         * ConnectionOptions.newBuilder().metricMeter(new MicrometerMetricMeter(registry)).build();
         * ```
         */
        public fun metricMeter(meter: MetricMeter): Builder = apply { metricMeter = meter }

        /** With `true`, latencies are recorded in seconds (unit `s`) instead of milliseconds (`ms`). */
        public fun metricDurationsInSeconds(inSeconds: Boolean): Builder = apply { metricDurationsInSeconds = inSeconds }

        /**
         * Creates the settings.
         *
         * @throws IllegalArgumentException when the target is not `host:port`, the namespace is blank or a timeout
         *   is not positive.
         */
        public fun build(): ConnectionOptions = ConnectionOptions(
            KotlinConnectionOptions(
                target, namespace, identity, tls, apiKey, LinkedHashMap(metadata), keepAlive, rpcTimeout,
                longPollTimeout, retry, lazy, metricMeter, metricDurationsInSeconds,
            ),
        )
    }

    /** Factories. */
    public companion object {
        /** A builder with the default settings. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinConnectionOptions())

        /**
         * The settings an environment configuration profile describes (address, namespace, API key, TLS, whose files
         * are read now, and gRPC metadata); what the profile leaves unset keeps the defaults.
         *
         * ```java
         * ConnectionOptions options = ConnectionOptions.fromProfile(ClientConfigProfile.load());
         * ```
         *
         * @throws dev.temporalkt.envconfig.ClientConfigException when a TLS file of the profile cannot be read.
         */
        @JvmStatic
        public fun fromProfile(profile: ClientConfigProfile): ConnectionOptions =
            ConnectionOptions(profile.toConnectionOptions(KotlinConnectionOptions()))

        /**
         * The settings [profile] describes on top of [base]: what the profile leaves unset (identity, timeouts,
         * retries, keep-alive...) keeps the values of [base].
         */
        @JvmStatic
        public fun fromProfile(profile: ClientConfigProfile, base: ConnectionOptions): ConnectionOptions =
            ConnectionOptions(profile.toConnectionOptions(base.kotlin))

        internal fun of(kotlin: KotlinConnectionOptions): ConnectionOptions = ConnectionOptions(kotlin)
    }
}
