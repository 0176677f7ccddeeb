package dev.temporalkt.common

import dev.temporalkt.common.internal.toKotlinDuration
import dev.temporalkt.common.internal.toProtoDuration
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.api.common.v1.RetryPolicy as RetryPolicyProto

/**
 * How the server retries a failed activity or workflow: the delay before attempt *n + 1* is
 * `initialInterval * backoffCoefficient^(n - 1)`, capped at [maximumInterval], until [maximumAttempts]
 * attempts were made or the failure's type is in [nonRetryableErrorTypes].
 *
 * ```kotlin
 * val policy = RetryPolicy(
 *     initialInterval = 1.seconds,
 *     backoffCoefficient = 2.0,
 *     maximumInterval = 1.minutes,
 *     maximumAttempts = 5,
 *     nonRetryableErrorTypes = listOf("CardDeclined"),
 * )
 * ```
 *
 * Every value is checked when the policy is created, so a bad policy fails where it is written rather
 * than when the server rejects it.
 *
 * @property initialInterval Delay before the first retry; must be positive.
 * @property backoffCoefficient Factor applied to the delay after each retry; at least 1.0.
 * @property maximumInterval Largest delay between retries; `null` lets the server use 100 times
 *   [initialInterval]. When set, it must be at least [initialInterval].
 * @property maximumAttempts Total number of attempts, the first one included; 0 means unlimited.
 * @property nonRetryableErrorTypes Application failure types that are never retried (matched against
 *   `ApplicationFailure.type`).
 * @throws IllegalArgumentException when a value is out of range; the message names the property.
 */
public data class RetryPolicy(
    val initialInterval: Duration = 1.seconds,
    val backoffCoefficient: Double = 2.0,
    val maximumInterval: Duration? = null,
    val maximumAttempts: Int = 0,
    val nonRetryableErrorTypes: List<String> = emptyList(),
) {
    init {
        require(initialInterval.isPositive() && initialInterval.isFinite()) {
            "RetryPolicy.initialInterval must be a positive, finite duration, was $initialInterval"
        }
        require(backoffCoefficient.isFinite() && backoffCoefficient >= 1.0) {
            "RetryPolicy.backoffCoefficient must be at least 1.0 (1.0 retries at a constant interval), " +
                "was $backoffCoefficient"
        }
        if (maximumInterval != null) {
            require(maximumInterval.isFinite()) {
                "RetryPolicy.maximumInterval must be finite, was $maximumInterval; use null for the server default"
            }
            require(maximumInterval >= initialInterval) {
                "RetryPolicy.maximumInterval ($maximumInterval) must not be less than " +
                    "initialInterval ($initialInterval)"
            }
        }
        require(maximumAttempts >= 0) {
            "RetryPolicy.maximumAttempts must be 0 (unlimited) or positive, was $maximumAttempts"
        }
        nonRetryableErrorTypes.forEachIndexed { index, type ->
            require(type.isNotBlank()) {
                "RetryPolicy.nonRetryableErrorTypes[$index] is blank; list application failure type names"
            }
        }
    }

    /** [initialInterval] as a `java.time.Duration`, for Java callers. */
    @get:JvmName("getInitialInterval")
    public val initialIntervalJava: java.time.Duration get() = initialInterval.toJavaDuration()

    /** [maximumInterval] as a `java.time.Duration`, for Java callers. */
    @get:JvmName("getMaximumInterval")
    public val maximumIntervalJava: java.time.Duration? get() = maximumInterval?.toJavaDuration()

    /** The protobuf form sent to the server. */
    public fun toProto(): RetryPolicyProto = RetryPolicyProto.newBuilder().also { proto ->
        proto.initialInterval = initialInterval.toProtoDuration()
        proto.backoffCoefficient = backoffCoefficient
        maximumInterval?.let { proto.maximumInterval = it.toProtoDuration() }
        proto.maximumAttempts = maximumAttempts
        proto.addAllNonRetryableErrorTypes(nonRetryableErrorTypes)
    }.build()

    /**
     * Builds a [RetryPolicy] with `java.time.Duration`s; for Java callers.
     *
     * ```java
     * RetryPolicy policy = RetryPolicy.newBuilder()
     *     .initialInterval(Duration.ofSeconds(1))
     *     .maximumAttempts(5)
     *     .build();
     * ```
     */
    public class Builder internal constructor(from: RetryPolicy) {
        private var initialInterval: Duration = from.initialInterval
        private var backoffCoefficient: Double = from.backoffCoefficient
        private var maximumInterval: Duration? = from.maximumInterval
        private var maximumAttempts: Int = from.maximumAttempts
        private var nonRetryableErrorTypes: List<String> = from.nonRetryableErrorTypes

        /** Sets [RetryPolicy.initialInterval]. */
        public fun initialInterval(interval: java.time.Duration): Builder =
            apply { initialInterval = interval.toKotlinDuration() }

        /** Sets [RetryPolicy.backoffCoefficient]. */
        public fun backoffCoefficient(coefficient: Double): Builder = apply { backoffCoefficient = coefficient }

        /** Sets [RetryPolicy.maximumInterval]; `null` for the server default. */
        public fun maximumInterval(interval: java.time.Duration?): Builder =
            apply { maximumInterval = interval?.toKotlinDuration() }

        /** Sets [RetryPolicy.maximumAttempts]. */
        public fun maximumAttempts(attempts: Int): Builder = apply { maximumAttempts = attempts }

        /** Sets [RetryPolicy.nonRetryableErrorTypes]. */
        public fun nonRetryableErrorTypes(vararg types: String): Builder =
            apply { nonRetryableErrorTypes = types.toList() }

        /**
         * Creates the policy.
         *
         * @throws IllegalArgumentException when a value is out of range.
         */
        public fun build(): RetryPolicy = RetryPolicy(
            initialInterval,
            backoffCoefficient,
            maximumInterval,
            maximumAttempts,
            nonRetryableErrorTypes,
        )
    }

    /** A builder starting from this policy's values. */
    public fun toBuilder(): Builder = Builder(this)

    /** Defaults and conversions. */
    public companion object {
        /** The policy with every default: 1 s initial interval, coefficient 2, unlimited attempts. */
        @JvmField
        public val DEFAULT: RetryPolicy = RetryPolicy()

        /** A builder starting from [DEFAULT]. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(DEFAULT)

        /**
         * Reads a protobuf retry policy. Unset fields mean "server default" on the wire and are read as
         * such: a missing or zero initial interval as 1 s, a zero backoff coefficient as 2.0, a missing or
         * zero maximum interval as `null`.
         *
         * @throws IllegalArgumentException when a set value is out of range (for example a backoff
         *   coefficient below 1).
         */
        @JvmStatic
        public fun fromProto(proto: RetryPolicyProto): RetryPolicy {
            val initial = proto.initialInterval.toKotlinDuration()
            val maximum = proto.maximumInterval.toKotlinDuration()
            return RetryPolicy(
                initialInterval = if (proto.hasInitialInterval() && initial != Duration.ZERO) initial else DEFAULT.initialInterval,
                backoffCoefficient = if (proto.backoffCoefficient == 0.0) DEFAULT.backoffCoefficient else proto.backoffCoefficient,
                maximumInterval = if (proto.hasMaximumInterval() && maximum != Duration.ZERO) maximum else null,
                maximumAttempts = proto.maximumAttempts,
                nonRetryableErrorTypes = proto.nonRetryableErrorTypesList.toList(),
            )
        }
    }
}
