package dev.temporalkt.java.client

import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.client.RpcRetryOptions as KotlinRpcRetryOptions

/**
 * How a connection retries RPCs that failed with a transient status (`UNAVAILABLE`, `ABORTED`,
 * `RESOURCE_EXHAUSTED`, `INTERNAL` for read-only calls, `DEADLINE_EXCEEDED` for calls that are not long polls),
 * with exponential backoff and jitter. The n-th retry waits
 * `min(initialInterval × backoffCoefficient^(n-1), maximumInterval)` randomised by ±jitter; retrying stops after
 * `maximumAttempts` attempts or once `maximumElapsed` has passed.
 *
 * ```java
 * RpcRetryOptions retry = RpcRetryOptions.newBuilder().maximumAttempts(3).build();
 * ```
 */
public class RpcRetryOptions private constructor(internal val kotlin: KotlinRpcRetryOptions) {
    /** The pause before the first retry. */
    public val initialInterval: Duration get() = kotlin.initialInterval.toJavaDuration()

    /** The pause before the first retry of a `RESOURCE_EXHAUSTED` failure (the server is throttling). */
    public val resourceExhaustedInitialInterval: Duration get() = kotlin.resourceExhaustedInitialInterval.toJavaDuration()

    /** The factor each pause grows by. */
    public val backoffCoefficient: Double get() = kotlin.backoffCoefficient

    /** The longest pause. */
    public val maximumInterval: Duration get() = kotlin.maximumInterval.toJavaDuration()

    /** The randomisation of each pause, between 0.0 and 1.0. */
    public val jitter: Double get() = kotlin.jitter

    /** Attempts in all, the first included (1 = no retries). */
    public val maximumAttempts: Int get() = kotlin.maximumAttempts

    /** How long after the first attempt retrying stops. */
    public val maximumElapsed: Duration get() = kotlin.maximumElapsed.toJavaDuration()

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is RpcRetryOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [RpcRetryOptions]; unset values keep the defaults. */
    public class Builder internal constructor(from: KotlinRpcRetryOptions) {
        private var initialInterval = from.initialInterval
        private var resourceExhaustedInitialInterval = from.resourceExhaustedInitialInterval
        private var backoffCoefficient = from.backoffCoefficient
        private var maximumInterval = from.maximumInterval
        private var jitter = from.jitter
        private var maximumAttempts = from.maximumAttempts
        private var maximumElapsed = from.maximumElapsed

        /** Sets the pause before the first retry (default 100 ms). */
        public fun initialInterval(interval: Duration): Builder = apply { initialInterval = interval.toKotlinDuration() }

        /** Sets the pause before the first retry of a `RESOURCE_EXHAUSTED` failure (default 1 s). */
        public fun resourceExhaustedInitialInterval(interval: Duration): Builder =
            apply { resourceExhaustedInitialInterval = interval.toKotlinDuration() }

        /** Sets the factor each pause grows by (default 1.7). */
        public fun backoffCoefficient(coefficient: Double): Builder = apply { backoffCoefficient = coefficient }

        /** Sets the longest pause (default 5 s). */
        public fun maximumInterval(interval: Duration): Builder = apply { maximumInterval = interval.toKotlinDuration() }

        /** Sets the randomisation of each pause, between 0.0 and 1.0 (default 0.2). */
        public fun jitter(jitter: Double): Builder = apply { this.jitter = jitter }

        /** Sets the attempts in all, the first included (default 10; 1 = no retries). */
        public fun maximumAttempts(attempts: Int): Builder = apply { maximumAttempts = attempts }

        /** Sets how long after the first attempt retrying stops (default 30 s). */
        public fun maximumElapsed(elapsed: Duration): Builder = apply { maximumElapsed = elapsed.toKotlinDuration() }

        /**
         * Creates the settings.
         *
         * @throws IllegalArgumentException when a value is out of range.
         */
        public fun build(): RpcRetryOptions = RpcRetryOptions(
            KotlinRpcRetryOptions(
                initialInterval, resourceExhaustedInitialInterval, backoffCoefficient, maximumInterval, jitter,
                maximumAttempts, maximumElapsed,
            ),
        )
    }

    /** Factories. */
    public companion object {
        /** A builder with the default settings. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinRpcRetryOptions())

        /** The default settings. */
        @JvmStatic
        public fun defaults(): RpcRetryOptions = RpcRetryOptions(KotlinRpcRetryOptions())

        /** Retries switched off: every RPC is attempted once. */
        @JvmStatic
        public fun none(): RpcRetryOptions = RpcRetryOptions(KotlinRpcRetryOptions.NONE)

        internal fun of(kotlin: KotlinRpcRetryOptions): RpcRetryOptions = RpcRetryOptions(kotlin)
    }
}
