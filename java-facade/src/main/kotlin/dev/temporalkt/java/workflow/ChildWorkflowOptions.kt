package dev.temporalkt.java.workflow

import dev.temporalkt.common.ChildWorkflowCancellationType
import dev.temporalkt.common.ParentClosePolicy
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.workflow.WorkflowIdReusePolicy
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.workflow.ChildWorkflowOptions as KotlinChildWorkflowOptions

/**
 * How a Java workflow starts a child workflow ([Workflow.startChildWorkflow], [Workflow.executeChildWorkflow]).
 *
 * ```java
 * ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
 *     .workflowId("invoice-" + order.id())
 *     .parentClosePolicy(ParentClosePolicy.ABANDON)
 *     .build();
 * CompletableFuture<Invoice> invoice = Workflow.executeChildWorkflow(InvoiceWorkflow::run, order, options);
 * ```
 *
 * Memo values are converted with the worker's data converter (Jackson for Java types) when the child is started.
 */
public class ChildWorkflowOptions private constructor(
    internal val kotlin: KotlinChildWorkflowOptions,
    /** The memo of the child, not yet converted; empty for none. */
    public val memo: Map<String, Any?>,
) {
    /** The child's workflow id, or `null` for a random id drawn from [Workflow.randomUUID]. */
    public val workflowId: String? get() = kotlin.workflowId

    /** The child's task queue, or `null` for the parent's. */
    public val taskQueue: String? get() = kotlin.taskQueue

    /** The longest time for the child's whole execution, or `null`. */
    public val executionTimeout: Duration? get() = kotlin.executionTimeout?.toJavaDuration()

    /** The longest time for one run of the child, or `null`. */
    public val runTimeout: Duration? get() = kotlin.runTimeout?.toJavaDuration()

    /** The longest time for one workflow task of the child, or `null`. */
    public val taskTimeout: Duration? get() = kotlin.taskTimeout?.toJavaDuration()

    /** What happens to the child when this workflow closes. */
    public val parentClosePolicy: ParentClosePolicy get() = kotlin.parentClosePolicy

    /** Whether the workflow id may reuse the id of a closed run. */
    public val idReusePolicy: WorkflowIdReusePolicy get() = kotlin.idReusePolicy

    /** The child's retries, or `null` for none. */
    public val retryPolicy: RetryPolicy? get() = kotlin.retryPolicy

    /** The child's cron schedule, or `null` for none. */
    public val cronSchedule: String? get() = kotlin.cronSchedule

    /** When a cancelled child is reported to this workflow as cancelled. */
    public val cancellationType: ChildWorkflowCancellationType get() = kotlin.cancellationType

    /** The child's search attributes, or `null`. */
    public val searchAttributes: SearchAttributes? get() = kotlin.searchAttributes

    /** The single-line summary shown in the UI, or `null`. */
    public val summary: String? get() = kotlin.summary

    /** A builder holding these settings. */
    public fun toBuilder(): Builder = Builder(kotlin, memo)

    override fun equals(other: Any?): Boolean = other is ChildWorkflowOptions && other.kotlin == kotlin && other.memo == memo

    override fun hashCode(): Int = kotlin.hashCode() * 31 + memo.hashCode()

    override fun toString(): String = "$kotlin, memo=$memo"

    /** Builds [ChildWorkflowOptions]. */
    public class Builder internal constructor(private var options: KotlinChildWorkflowOptions, memo: Map<String, Any?>) {
        private val memo = LinkedHashMap(memo)

        /** Sets the child's workflow id; `null` for a random id drawn from [Workflow.randomUUID]. */
        public fun workflowId(workflowId: String?): Builder = apply { options = options.copy(workflowId = workflowId) }

        /** Sets the child's task queue; `null` for the parent's. */
        public fun taskQueue(taskQueue: String?): Builder = apply { options = options.copy(taskQueue = taskQueue) }

        /** Limits the child's whole execution. */
        public fun executionTimeout(timeout: Duration?): Builder = apply { options = options.copy(executionTimeout = timeout?.toKotlinDuration()) }

        /** Limits one run of the child. */
        public fun runTimeout(timeout: Duration?): Builder = apply { options = options.copy(runTimeout = timeout?.toKotlinDuration()) }

        /** Limits one workflow task of the child. */
        public fun taskTimeout(timeout: Duration?): Builder = apply { options = options.copy(taskTimeout = timeout?.toKotlinDuration()) }

        /** Sets what happens to the child when this workflow closes (default `TERMINATE`). */
        public fun parentClosePolicy(policy: ParentClosePolicy): Builder = apply { options = options.copy(parentClosePolicy = policy) }

        /** Sets whether the workflow id may reuse the id of a closed run (default `ALLOW_DUPLICATE`). */
        public fun idReusePolicy(policy: WorkflowIdReusePolicy): Builder = apply { options = options.copy(idReusePolicy = policy) }

        /** Sets the child's retries; `null` for none. */
        public fun retryPolicy(policy: RetryPolicy?): Builder = apply { options = options.copy(retryPolicy = policy) }

        /** Sets the child's cron schedule; `null` for none. */
        public fun cronSchedule(schedule: String?): Builder = apply { options = options.copy(cronSchedule = schedule) }

        /**
         * Sets when a cancelled child is reported as cancelled (default `WAIT_CANCELLATION_COMPLETED`: once the child has
         * closed as cancelled).
         */
        public fun cancellationType(type: ChildWorkflowCancellationType): Builder = apply { options = options.copy(cancellationType = type) }

        /** Adds the memo entry [key] with [value], converted when the child starts. */
        public fun memo(key: String, value: Any?): Builder = apply { memo[key] = value }

        /** Replaces the memo. */
        public fun memo(memo: Map<String, *>): Builder = apply {
            this.memo.clear()
            this.memo.putAll(memo)
        }

        /** Sets the child's search attributes. */
        public fun searchAttributes(attributes: SearchAttributes?): Builder = apply { options = options.copy(searchAttributes = attributes) }

        /** Sets the search attribute [key] of the child to [value]. */
        public fun <T : Any> searchAttribute(key: SearchAttributeKey<T>, value: T): Builder = apply {
            val builder = (options.searchAttributes ?: SearchAttributes.EMPTY).toBuilder()
            builder.set(key, value)
            options = options.copy(searchAttributes = builder.build())
        }

        /** Sets a single-line summary shown in the UI. */
        public fun summary(summary: String?): Builder = apply { options = options.copy(summary = summary) }

        /** Creates the options. */
        public fun build(): ChildWorkflowOptions = ChildWorkflowOptions(options, LinkedHashMap(memo))
    }

    /** Factories. */
    public companion object {
        /** A builder: random workflow id, the parent's task queue, `TERMINATE` on parent close. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(KotlinChildWorkflowOptions(), emptyMap())

        /** The default options. */
        @JvmStatic
        public fun defaults(): ChildWorkflowOptions = newBuilder().build()
    }
}
