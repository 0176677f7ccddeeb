package dev.temporalkt.java.workflow

import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.common.RetryPolicy
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.workflow.ActivityOptions as KotlinActivityOptions

/**
 * How a Java workflow schedules an activity ([Workflow.executeActivity]). At least one of the start-to-close and
 * schedule-to-close timeouts is required.
 *
 * ```java
 * ActivityOptions options = ActivityOptions.newBuilder()
 *     .startToCloseTimeout(Duration.ofSeconds(30))
 *     .retryPolicy(RetryPolicy.newBuilder().maximumAttempts(5).build())
 *     .cancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
 *     .build();
 * CompletableFuture<Receipt> receipt = Workflow.executeActivity(PaymentActivities::charge, order, options);
 * ```
 *
 * Options are immutable values: build them once (in a field or a constant) and reuse them.
 */
public class ActivityOptions private constructor(internal val kotlin: KotlinActivityOptions) {
    /** The longest time one attempt may run, or `null`. */
    public val startToCloseTimeout: Duration? get() = kotlin.startToCloseTimeout?.toJavaDuration()

    /** The longest time for the whole activity, retries included, or `null`. */
    public val scheduleToCloseTimeout: Duration? get() = kotlin.scheduleToCloseTimeout?.toJavaDuration()

    /** The longest time an attempt may wait in the task queue, or `null`. */
    public val scheduleToStartTimeout: Duration? get() = kotlin.scheduleToStartTimeout?.toJavaDuration()

    /** The longest time between heartbeats before an attempt counts as failed, or `null`. */
    public val heartbeatTimeout: Duration? get() = kotlin.heartbeatTimeout?.toJavaDuration()

    /** The task queue to schedule on, or `null` for the workflow's own. */
    public val taskQueue: String? get() = kotlin.taskQueue

    /** The retries, or `null` for the server's default policy. */
    public val retryPolicy: RetryPolicy? get() = kotlin.retryPolicy

    /** When a cancelled activity is reported to the workflow as cancelled. */
    public val cancellationType: ActivityCancellationType get() = kotlin.cancellationType

    /** The activity id, or `null` to number activities within the run. */
    public val activityId: String? get() = kotlin.activityId

    /** The single-line summary shown in the UI, or `null`. */
    public val summary: String? get() = kotlin.summary

    /** Whether the activity is never run eagerly. */
    public val isDisableEagerExecution: Boolean get() = kotlin.disableEagerExecution

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is ActivityOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [ActivityOptions]. */
    public class Builder internal constructor(private var options: KotlinActivityOptions) {
        /** Sets the longest time one attempt may run. */
        public fun startToCloseTimeout(timeout: Duration?): Builder = apply { options = options.copy(startToCloseTimeout = timeout?.toKotlinDuration()) }

        /** Sets the longest time for the whole activity, retries included. */
        public fun scheduleToCloseTimeout(timeout: Duration?): Builder =
            apply { options = options.copy(scheduleToCloseTimeout = timeout?.toKotlinDuration()) }

        /** Sets the longest time an attempt may wait in the task queue. */
        public fun scheduleToStartTimeout(timeout: Duration?): Builder =
            apply { options = options.copy(scheduleToStartTimeout = timeout?.toKotlinDuration()) }

        /**
         * Sets the longest time between heartbeats before an attempt counts as failed; an activity must heartbeat (and
         * have this timeout) to learn promptly that it was cancelled.
         */
        public fun heartbeatTimeout(timeout: Duration?): Builder = apply { options = options.copy(heartbeatTimeout = timeout?.toKotlinDuration()) }

        /** Sets the task queue to schedule on; `null` for the workflow's own. */
        public fun taskQueue(taskQueue: String?): Builder = apply { options = options.copy(taskQueue = taskQueue) }

        /** Sets the retries; `null` for the server's default policy. */
        public fun retryPolicy(policy: RetryPolicy?): Builder = apply { options = options.copy(retryPolicy = policy) }

        /**
         * Sets when a cancelled activity is reported as cancelled: `TRY_CANCEL` (default: at once, after asking the
         * activity to stop), `WAIT_CANCELLATION_COMPLETED` (once the activity has stopped), `ABANDON` (at once, without
         * asking it to stop).
         */
        public fun cancellationType(type: ActivityCancellationType): Builder = apply { options = options.copy(cancellationType = type) }

        /** Sets the activity id; `null` to number activities within the run. */
        public fun activityId(activityId: String?): Builder = apply { options = options.copy(activityId = activityId) }

        /** Sets a single-line summary shown in the UI and recorded in history. */
        public fun summary(summary: String?): Builder = apply { options = options.copy(summary = summary) }

        /** Never runs the activity eagerly on this worker (see the Kotlin `ActivityOptions.disableEagerExecution`). */
        public fun disableEagerExecution(disable: Boolean): Builder = apply { options = options.copy(disableEagerExecution = disable) }

        /**
         * Creates the options.
         *
         * @throws IllegalArgumentException when neither the start-to-close nor the schedule-to-close timeout is set.
         */
        public fun build(): ActivityOptions {
            require(options.startToCloseTimeout != null || options.scheduleToCloseTimeout != null) {
                "ActivityOptions need a startToCloseTimeout or a scheduleToCloseTimeout"
            }
            return ActivityOptions(options)
        }
    }

    /** Factories. */
    public companion object {
        /** A builder with no timeouts set (set at least one), `TRY_CANCEL` and the server's retry policy. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinActivityOptions())
    }
}
