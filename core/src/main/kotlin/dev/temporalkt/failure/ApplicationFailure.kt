package dev.temporalkt.failure

import kotlin.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration

/**
 * An error raised by application code: the failure users throw on purpose, and the form every other
 * exception takes when it crosses the server.
 *
 * - [type] names the error for retry decisions and for the caller: a retry policy's
 *   `nonRetryableErrorTypes` is matched against it. Exceptions that are not [TemporalFailure]s are sent
 *   as application failures whose type is the exception's simple class name (for example
 *   `IllegalStateException`), as the Python and TypeScript SDKs do with their class names.
 * - [nonRetryable] stops retries regardless of the retry policy.
 * - [details] carries values to the caller; [nextRetryDelay] overrides the retry policy's next interval;
 *   [category] marks expected errors as [ApplicationErrorCategory.BENIGN].
 *
 * ```kotlin
 * // in an activity
 * throw ApplicationFailure.nonRetryable("card declined", "CardDeclined", Decline(code = "51"))
 *
 * // or with every option
 * throw ApplicationFailure(
 *     "inventory service busy",
 *     type = "Busy",
 *     nextRetryDelay = 30.seconds,
 *     category = ApplicationErrorCategory.BENIGN,
 * )
 * ```
 *
 * In a workflow, throwing an `ApplicationFailure` fails the workflow execution; other exceptions fail
 * only the workflow task, which is retried after a fix is deployed.
 */
public class ApplicationFailure(
    message: String,
    /** The error type name; empty when none was given. */
    public val type: String = "",
    /** Whether retries must stop regardless of the retry policy. */
    public val nonRetryable: Boolean = false,
    /** Values attached for the caller. */
    public val details: FailureDetails = FailureDetails.EMPTY,
    /** Overrides the retry policy's delay before the next attempt; `null` keeps the policy's interval. */
    public val nextRetryDelay: Duration? = null,
    /** How observability tooling should treat this error. */
    public val category: ApplicationErrorCategory = ApplicationErrorCategory.UNSPECIFIED,
    cause: Throwable? = null,
) : TemporalFailure(message, cause) {

    init {
        if (nextRetryDelay != null) {
            require(nextRetryDelay.isFinite() && !nextRetryDelay.isNegative()) {
                "ApplicationFailure.nextRetryDelay must be a finite, non-negative duration, was $nextRetryDelay"
            }
        }
    }

    /** [nextRetryDelay] as a `java.time.Duration`, for Java callers. */
    @get:JvmName("getNextRetryDelay")
    public val nextRetryDelayJava: java.time.Duration? get() = nextRetryDelay?.toJavaDuration()

    /** The detail at [index] decoded as [T]; shorthand for `details.get<T>(index)`. */
    @JvmSynthetic
    public inline fun <reified T> details(index: Int = 0): T = details.get(index)

    override fun toString(): String = buildString {
        append(this@ApplicationFailure.javaClass.name).append(": ").append(message)
        if (type.isNotEmpty()) append(" (type=").append(type)
        if (nonRetryable) append(if (type.isNotEmpty()) ", nonRetryable" else " (nonRetryable")
        if (type.isNotEmpty() || nonRetryable) append(')')
    }

    /**
     * Builds an [ApplicationFailure] step by step; mainly for Java callers.
     *
     * ```java
     * throw ApplicationFailure.newBuilder()
     *     .message("inventory service busy")
     *     .type("Busy")
     *     .nextRetryDelay(Duration.ofSeconds(30))
     *     .build();
     * ```
     */
    public class Builder internal constructor() {
        private var message: String = ""
        private var type: String = ""
        private var nonRetryable: Boolean = false
        private var details: FailureDetails = FailureDetails.EMPTY
        private var nextRetryDelay: Duration? = null
        private var category: ApplicationErrorCategory = ApplicationErrorCategory.UNSPECIFIED
        private var cause: Throwable? = null

        /** Sets the message. */
        public fun message(message: String): Builder = apply { this.message = message }

        /** Sets the error type name. */
        public fun type(type: String): Builder = apply { this.type = type }

        /** Sets whether retries must stop. */
        public fun nonRetryable(nonRetryable: Boolean): Builder = apply { this.nonRetryable = nonRetryable }

        /** Sets the details to the given values. */
        public fun details(vararg values: Any?): Builder = apply { this.details = FailureDetails.of(*values) }

        /** Sets the details. */
        public fun details(details: FailureDetails): Builder = apply { this.details = details }

        /** Sets the delay before the next attempt. */
        public fun nextRetryDelay(delay: java.time.Duration?): Builder =
            apply { this.nextRetryDelay = delay?.toKotlinDuration() }

        /** Sets the delay before the next attempt. */
        @JvmName("nextRetryDelayKotlin")
        public fun nextRetryDelay(delay: Duration?): Builder = apply { this.nextRetryDelay = delay }

        /** Sets the category. */
        public fun category(category: ApplicationErrorCategory): Builder = apply { this.category = category }

        /** Sets the cause. */
        public fun cause(cause: Throwable?): Builder = apply { this.cause = cause }

        /** Creates the failure. */
        public fun build(): ApplicationFailure =
            ApplicationFailure(message, type, nonRetryable, details, nextRetryDelay, category, cause)
    }

    /** Factories. */
    public companion object {
        /** A failure that the retry policy may retry, carrying [details]. */
        @JvmStatic
        public fun retryable(message: String, type: String, vararg details: Any?): ApplicationFailure =
            ApplicationFailure(message, type, nonRetryable = false, details = FailureDetails.of(*details))

        /** A failure that stops retries regardless of the retry policy, carrying [details]. */
        @JvmStatic
        public fun nonRetryable(message: String, type: String, vararg details: Any?): ApplicationFailure =
            ApplicationFailure(message, type, nonRetryable = true, details = FailureDetails.of(*details))

        /** A new [Builder]. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder()
    }
}
