package dev.temporalkt.java.client

import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.client.KeepAliveOptions as KotlinKeepAliveOptions

/**
 * HTTP/2 keep-alive pings of a connection, which detect dead connections behind load balancers.
 *
 * ```java
 * KeepAliveOptions keepAlive = KeepAliveOptions.newBuilder().interval(Duration.ofSeconds(20)).build();
 * ```
 */
public class KeepAliveOptions private constructor(internal val kotlin: KotlinKeepAliveOptions) {
    /** Time between pings while the connection is idle. */
    public val interval: Duration get() = kotlin.interval.toJavaDuration()

    /** How long to wait for a ping's acknowledgement before closing the connection. */
    public val timeout: Duration get() = kotlin.timeout.toJavaDuration()

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is KeepAliveOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = "KeepAliveOptions(interval=$interval, timeout=$timeout)"

    /** Builds [KeepAliveOptions]; unset values keep the defaults (30 s interval, 15 s timeout). */
    public class Builder internal constructor(private var kotlin: KotlinKeepAliveOptions) {
        /** Sets the time between pings while the connection is idle. */
        public fun interval(interval: Duration): Builder = apply { kotlin = kotlin.copy(interval = interval.toKotlinDuration()) }

        /** Sets how long to wait for a ping's acknowledgement. */
        public fun timeout(timeout: Duration): Builder = apply { kotlin = kotlin.copy(timeout = timeout.toKotlinDuration()) }

        /** Creates the settings. */
        public fun build(): KeepAliveOptions = KeepAliveOptions(kotlin)
    }

    /** Factories. */
    public companion object {
        /** A builder with the default settings. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinKeepAliveOptions())

        /** The default settings. */
        @JvmStatic
        public fun defaults(): KeepAliveOptions = KeepAliveOptions(KotlinKeepAliveOptions())

        internal fun of(kotlin: KotlinKeepAliveOptions): KeepAliveOptions = KeepAliveOptions(kotlin)
    }
}
