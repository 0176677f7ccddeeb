package dev.temporalkt.java.workflow

import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.common.RetryPolicy
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.workflow.LocalActivityOptions as KotlinLocalActivityOptions

/**
 * How a Java workflow runs a local activity ([Workflow.executeLocalActivity]): an activity executed by this worker's
 * process right away, with its result recorded in history as a marker. At least one of the start-to-close and
 * schedule-to-close timeouts is required.
 *
 * ```java
 * LocalActivityOptions options = LocalActivityOptions.newBuilder().startToCloseTimeout(Duration.ofSeconds(2)).build();
 * CompletableFuture<Double> rate = Workflow.executeLocalActivity(RateActivities::currentRate, "EUR", options);
 * ```
 */
public class LocalActivityOptions private constructor(internal val kotlin: KotlinLocalActivityOptions) {
    /** The longest time one attempt may run, or `null`. */
    public val startToCloseTimeout: Duration? get() = kotlin.startToCloseTimeout?.toJavaDuration()

    /** The longest time for the whole local activity, retries included, or `null`. */
    public val scheduleToCloseTimeout: Duration? get() = kotlin.scheduleToCloseTimeout?.toJavaDuration()

    /** The longest time an attempt may wait for a free slot in the worker, or `null`. */
    public val scheduleToStartTimeout: Duration? get() = kotlin.scheduleToStartTimeout?.toJavaDuration()

    /** The retries, or `null` for the default policy. */
    public val retryPolicy: RetryPolicy? get() = kotlin.retryPolicy

    /** Retries waiting longer than this go through a durable timer; `null` for the default (1 minute). */
    public val localRetryThreshold: Duration? get() = kotlin.localRetryThreshold?.toJavaDuration()

    /** When a cancelled local activity is reported as cancelled. */
    public val cancellationType: ActivityCancellationType get() = kotlin.cancellationType

    /** The activity id, or `null` to number activities within the run. */
    public val activityId: String? get() = kotlin.activityId

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is LocalActivityOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [LocalActivityOptions]. */
    public class Builder internal constructor(private var options: KotlinLocalActivityOptions) {
        /** Sets the longest time one attempt may run. */
        public fun startToCloseTimeout(timeout: Duration?): Builder = apply { options = options.copy(startToCloseTimeout = timeout?.toKotlinDuration()) }

        /** Sets the longest time for the whole local activity, retries included. */
        public fun scheduleToCloseTimeout(timeout: Duration?): Builder =
            apply { options = options.copy(scheduleToCloseTimeout = timeout?.toKotlinDuration()) }

        /** Sets the longest time an attempt may wait for a free slot in the worker. */
        public fun scheduleToStartTimeout(timeout: Duration?): Builder =
            apply { options = options.copy(scheduleToStartTimeout = timeout?.toKotlinDuration()) }

        /** Sets the retries; `null` for the default policy. */
        public fun retryPolicy(policy: RetryPolicy?): Builder = apply { options = options.copy(retryPolicy = policy) }

        /** Sets the backoff above which a retry waits on a durable timer; `null` for the default (1 minute). */
        public fun localRetryThreshold(threshold: Duration?): Builder =
            apply { options = options.copy(localRetryThreshold = threshold?.toKotlinDuration()) }

        /** Sets when a cancelled local activity is reported as cancelled. */
        public fun cancellationType(type: ActivityCancellationType): Builder = apply { options = options.copy(cancellationType = type) }

        /** Sets the activity id; `null` to number activities within the run. */
        public fun activityId(activityId: String?): Builder = apply { options = options.copy(activityId = activityId) }

        /**
         * Creates the options.
         *
         * @throws IllegalArgumentException when neither the start-to-close nor the schedule-to-close timeout is set.
         */
        public fun build(): LocalActivityOptions {
            require(options.startToCloseTimeout != null || options.scheduleToCloseTimeout != null) {
                "LocalActivityOptions need a startToCloseTimeout or a scheduleToCloseTimeout"
            }
            return LocalActivityOptions(options)
        }
    }

    /** Factories. */
    public companion object {
        /** A builder with no timeouts set (set at least one). */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinLocalActivityOptions())
    }
}
