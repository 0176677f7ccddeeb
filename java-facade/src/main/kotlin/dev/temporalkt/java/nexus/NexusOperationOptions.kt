package dev.temporalkt.java.nexus

import dev.temporalkt.common.NexusOperationCancellationType
import java.time.Duration
import kotlin.time.toKotlinDuration
import dev.temporalkt.nexus.NexusOperationOptions as KotlinNexusOperationOptions

/**
 * How a Java workflow calls a Nexus operation (see [NexusServiceClient]).
 *
 * ```java
 * NexusOperationOptions options = NexusOperationOptions.newBuilder()
 *     .scheduleToCloseTimeout(Duration.ofMinutes(5))
 *     .summary("greet Ada")
 *     .build();
 * ```
 */
public class NexusOperationOptions private constructor(internal val kotlin: KotlinNexusOperationOptions) {
    /** Longest time from scheduling the operation to its result, retries of the start included; `null` for the server's limit. */
    public fun getScheduleToCloseTimeout(): Duration? = kotlin.scheduleToCloseTimeout?.let { Duration.ofNanos(it.inWholeNanoseconds) }

    /** Single-line description shown in the UI, or `null`. */
    public fun getSummary(): String? = kotlin.summary

    /** When an operation whose caller is cancelled is reported as cancelled. */
    public fun getCancellationType(): NexusOperationCancellationType = kotlin.cancellationType

    /** Nexus headers sent with the request. */
    public fun getHeaders(): Map<String, String> = kotlin.headers

    /** A builder starting from these options. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is NexusOperationOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = "NexusOperationOptions(${kotlin.toString().substringAfter('(')}"

    /** Builds [NexusOperationOptions]. */
    public class Builder internal constructor(from: KotlinNexusOperationOptions) {
        private var scheduleToCloseTimeout: Duration? = from.scheduleToCloseTimeout?.let { Duration.ofNanos(it.inWholeNanoseconds) }
        private var summary: String? = from.summary
        private var cancellationType: NexusOperationCancellationType = from.cancellationType
        private val headers = LinkedHashMap(from.headers)

        /** Sets the schedule-to-close timeout (positive), or `null` for the server's limit. */
        public fun scheduleToCloseTimeout(timeout: Duration?): Builder = apply { scheduleToCloseTimeout = timeout }

        /** Sets the summary shown in the UI. */
        public fun summary(summary: String?): Builder = apply { this.summary = summary }

        /** Sets the cancellation type (default: wait until the handler reports the cancellation completed). */
        public fun cancellationType(type: NexusOperationCancellationType): Builder = apply { cancellationType = type }

        /** Adds a Nexus header. */
        public fun header(name: String, value: String): Builder = apply { headers[name] = value }

        /**
         * The options.
         *
         * @throws IllegalArgumentException when the timeout is zero or negative.
         */
        public fun build(): NexusOperationOptions {
            val timeout = scheduleToCloseTimeout
            require(timeout == null || (!timeout.isNegative && !timeout.isZero)) {
                "NexusOperationOptions.scheduleToCloseTimeout must be positive, was $timeout"
            }
            return NexusOperationOptions(
                KotlinNexusOperationOptions(timeout?.toKotlinDuration(), summary, cancellationType, headers.toMap()),
            )
        }
    }

    /** Factories. */
    public companion object {
        /** A builder of options with the defaults. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinNexusOperationOptions())

        /** The default options: no timeout of its own, no summary, wait for cancellations to complete. */
        @JvmStatic
        public fun defaults(): NexusOperationOptions = NexusOperationOptions(KotlinNexusOperationOptions())
    }
}
