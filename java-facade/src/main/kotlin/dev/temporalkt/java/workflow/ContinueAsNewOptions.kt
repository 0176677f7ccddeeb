package dev.temporalkt.java.workflow

import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributes
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.workflow.ContinueAsNewOptions as KotlinContinueAsNewOptions

/**
 * Settings of the run started by [Workflow.continueAsNew]. What is not set keeps the current run's value, except the
 * timeouts, which fall back to the server's defaults.
 *
 * ```java
 * Workflow.continueAsNew(ContinueAsNewOptions.newBuilder().runTimeout(Duration.ofHours(1)).build(), cursor);
 * ```
 */
public class ContinueAsNewOptions private constructor(
    internal val kotlin: KotlinContinueAsNewOptions,
    /** The memo of the new run, not yet converted; `null` keeps the current run's. */
    public val memo: Map<String, Any?>?,
) {
    /** The task queue of the new run, or `null` for the current one. */
    public val taskQueue: String? get() = kotlin.taskQueue

    /** The longest time for the new run, or `null`. */
    public val runTimeout: Duration? get() = kotlin.runTimeout?.toJavaDuration()

    /** The longest time for one workflow task of the new run, or `null`. */
    public val taskTimeout: Duration? get() = kotlin.taskTimeout?.toJavaDuration()

    /** The search attributes of the new run, or `null` for the current run's. */
    public val searchAttributes: SearchAttributes? get() = kotlin.searchAttributes

    /** The retry policy of the new run, or `null` for the current run's. */
    public val retryPolicy: RetryPolicy? get() = kotlin.retryPolicy

    /** The worker deployment version the new run starts on, or `null` for the current run's. */
    public val initialVersioningBehavior: dev.temporalkt.common.ContinueAsNewVersioningBehavior? get() = kotlin.initialVersioningBehavior

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin, memo)

    override fun equals(other: Any?): Boolean = other is ContinueAsNewOptions && other.kotlin == kotlin && other.memo == memo

    override fun hashCode(): Int = kotlin.hashCode() * 31 + memo.hashCode()

    override fun toString(): String = "$kotlin, memo=$memo"

    /** Builds [ContinueAsNewOptions]. */
    public class Builder internal constructor(private var options: KotlinContinueAsNewOptions, private var memo: Map<String, Any?>?) {
        /** Sets the task queue of the new run. */
        public fun taskQueue(taskQueue: String?): Builder = apply { options = options.copy(taskQueue = taskQueue) }

        /** Limits the new run. */
        public fun runTimeout(timeout: Duration?): Builder = apply { options = options.copy(runTimeout = timeout?.toKotlinDuration()) }

        /** Limits one workflow task of the new run. */
        public fun taskTimeout(timeout: Duration?): Builder = apply { options = options.copy(taskTimeout = timeout?.toKotlinDuration()) }

        /** Sets the memo of the new run, converted when it starts; `null` keeps the current run's. */
        public fun memo(memo: Map<String, *>?): Builder = apply { this.memo = memo?.let { LinkedHashMap(it) } }

        /** Sets the search attributes of the new run; `null` keeps the current run's. */
        public fun searchAttributes(attributes: SearchAttributes?): Builder = apply { options = options.copy(searchAttributes = attributes) }

        /** Sets the retry policy of the new run; `null` keeps the current run's. */
        public fun retryPolicy(policy: RetryPolicy?): Builder = apply { options = options.copy(retryPolicy = policy) }

        /**
         * Chooses the worker deployment version the new run starts on: `AUTO_UPGRADE` moves a pinned workflow to the
         * deployment's current version; `null` keeps the current run's version.
         */
        public fun initialVersioningBehavior(behavior: dev.temporalkt.common.ContinueAsNewVersioningBehavior?): Builder =
            apply { options = options.copy(initialVersioningBehavior = behavior) }

        /** Creates the options. */
        public fun build(): ContinueAsNewOptions = ContinueAsNewOptions(options, memo)
    }

    /** Factories. */
    public companion object {
        /** A builder that keeps everything of the current run. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinContinueAsNewOptions(), null)

        /** The default options: everything of the current run. */
        @JvmStatic
        public fun defaults(): ContinueAsNewOptions = newBuilder().build()
    }
}
