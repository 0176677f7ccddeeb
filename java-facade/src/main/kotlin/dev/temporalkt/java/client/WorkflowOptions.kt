package dev.temporalkt.java.client

import dev.temporalkt.common.VersioningOverride
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.client.WorkflowIdConflictPolicy
import dev.temporalkt.client.WorkflowIdReusePolicy
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.SearchAttributes
import java.time.Duration
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration
import dev.temporalkt.client.WorkflowOptions as KotlinWorkflowOptions

/**
 * How to start a workflow execution: its id and task queue (required), timeouts, id reuse and conflict policies,
 * retry policy, memo, typed search attributes, cron schedule, start delay, eager start and more.
 *
 * ```java
 * WorkflowOptions options = WorkflowOptions.newBuilder()
 *     .id("order-42")
 *     .taskQueue("orders")
 *     .executionTimeout(Duration.ofHours(1))
 *     .idConflictPolicy(WorkflowIdConflictPolicy.USE_EXISTING)
 *     .retryPolicy(RetryPolicy.newBuilder().maximumAttempts(3).build())
 *     .memo("customer", "ada")
 *     .searchAttribute(SearchAttributeKey.forKeyword("CustomerId"), "c-42")
 *     .build();
 * ```
 *
 * Memo values are converted with the client's data converter when the workflow is started, by their runtime class
 * ([Payload] values are taken as already converted).
 */
public class WorkflowOptions private constructor(
    /** The same settings for the Kotlin client, memo values not yet converted. */
    internal val kotlin: KotlinWorkflowOptions,
) {
    /** The workflow id, unique among running executions of the namespace. */
    public val id: String get() = kotlin.id

    /** The task queue the workflow's workers poll. */
    public val taskQueue: String get() = kotlin.taskQueue

    /** Limit of the whole chain of runs (continue-as-new, retries, cron), or `null` for none. */
    public val executionTimeout: Duration? get() = kotlin.executionTimeout?.toJavaDuration()

    /** Limit of a single run, or `null` for none. */
    public val runTimeout: Duration? get() = kotlin.runTimeout?.toJavaDuration()

    /** Limit of a single workflow task, or `null` for the server default (10 s). */
    public val taskTimeout: Duration? get() = kotlin.taskTimeout?.toJavaDuration()

    /** Whether the id may be reused after a closed execution. */
    public val idReusePolicy: WorkflowIdReusePolicy get() = kotlin.idReusePolicy

    /** What to do when an execution with the id is running. */
    public val idConflictPolicy: WorkflowIdConflictPolicy get() = kotlin.idConflictPolicy

    /** Retries of the whole workflow on failure, or `null` for none. */
    public val retryPolicy: RetryPolicy? get() = kotlin.retryPolicy

    /** The cron schedule that makes this a cron workflow, or empty. */
    public val cronSchedule: String get() = kotlin.cronSchedule

    /** Non-indexed values shown with the execution. */
    public val memo: Map<String, Any?> get() = kotlin.memo

    /** Indexed, typed values for visibility queries. */
    public val searchAttributes: SearchAttributes get() = kotlin.searchAttributes

    /** How long to wait before dispatching the first workflow task, or `null`. */
    public val startDelay: Duration? get() = kotlin.startDelay?.toJavaDuration()

    /** The single-line summary shown by the UI, or `null`. */
    public val staticSummary: String? get() = kotlin.staticSummary

    /** The longer details (Markdown) shown by the UI, or `null`. */
    public val staticDetails: String? get() = kotlin.staticDetails

    /** Whether the server is asked to hand the first workflow task to a worker of this process. */
    public val isRequestEagerStart: Boolean get() = kotlin.requestEagerStart

    /** Headers passed to the workflow's inbound interceptors. */
    public val headers: Map<String, Payload> get() = kotlin.headers

    /** The idempotency key of the start request, or `null` for a fresh random one. */
    public val requestId: String? get() = kotlin.requestId

    /** The versioning override of the run (pinned to a worker deployment version, or auto-upgrade), or `null`. */
    public val versioningOverride: VersioningOverride? get() = kotlin.versioningOverride

    /** A builder holding these settings, e.g. to change the id for another start. */
    public fun toBuilder(): Builder = Builder(kotlin)

    override fun equals(other: Any?): Boolean = other is WorkflowOptions && other.kotlin == kotlin

    override fun hashCode(): Int = kotlin.hashCode()

    override fun toString(): String = kotlin.toString()

    /** Builds [WorkflowOptions]; [id] and [taskQueue] are required. */
    public class Builder internal constructor(from: KotlinWorkflowOptions?) {
        private var id: String? = from?.id
        private var taskQueue: String? = from?.taskQueue
        private var executionTimeout = from?.executionTimeout
        private var runTimeout = from?.runTimeout
        private var taskTimeout = from?.taskTimeout
        private var idReusePolicy = from?.idReusePolicy ?: WorkflowIdReusePolicy.ALLOW_DUPLICATE
        private var idConflictPolicy = from?.idConflictPolicy ?: WorkflowIdConflictPolicy.UNSPECIFIED
        private var retryPolicy = from?.retryPolicy
        private var cronSchedule = from?.cronSchedule ?: ""
        private val memo = LinkedHashMap<String, Any?>(from?.memo.orEmpty())
        private var searchAttributes = (from?.searchAttributes ?: SearchAttributes.EMPTY).toBuilder()
        private var startDelay = from?.startDelay
        private var staticSummary = from?.staticSummary
        private var staticDetails = from?.staticDetails
        private var requestEagerStart = from?.requestEagerStart ?: false
        private val headers = LinkedHashMap<String, Payload>(from?.headers.orEmpty())
        private var requestId = from?.requestId
        private var versioningOverride = from?.versioningOverride

        /** Sets the workflow id (required). */
        public fun id(id: String): Builder = apply { this.id = id }

        /** Sets the task queue (required). */
        public fun taskQueue(taskQueue: String): Builder = apply { this.taskQueue = taskQueue }

        /** Limits the whole chain of runs; `null` for no limit. */
        public fun executionTimeout(timeout: Duration?): Builder = apply { executionTimeout = timeout?.toKotlinDuration() }

        /** Limits a single run; `null` for no limit. */
        public fun runTimeout(timeout: Duration?): Builder = apply { runTimeout = timeout?.toKotlinDuration() }

        /** Limits a single workflow task; `null` for the server default. */
        public fun taskTimeout(timeout: Duration?): Builder = apply { taskTimeout = timeout?.toKotlinDuration() }

        /** Sets whether the id may be reused after a closed execution (default `ALLOW_DUPLICATE`). */
        public fun idReusePolicy(policy: WorkflowIdReusePolicy): Builder = apply { idReusePolicy = policy }

        /** Sets what to do when an execution with the id is running (default: fail the start). */
        public fun idConflictPolicy(policy: WorkflowIdConflictPolicy): Builder = apply { idConflictPolicy = policy }

        /** Sets the retries of the whole workflow on failure; `null` for none. */
        public fun retryPolicy(policy: RetryPolicy?): Builder = apply { retryPolicy = policy }

        /** Makes this a cron workflow (prefer schedules); empty for none. */
        public fun cronSchedule(cronSchedule: String): Builder = apply { this.cronSchedule = cronSchedule }

        /** Replaces the memo. */
        public fun memo(memo: Map<String, *>): Builder = apply {
            this.memo.clear()
            this.memo.putAll(memo)
        }

        /** Adds the memo entry [key] with [value]. */
        public fun memo(key: String, value: Any?): Builder = apply { memo[key] = value }

        /** Replaces the search attributes. */
        public fun searchAttributes(attributes: SearchAttributes): Builder = apply { searchAttributes = attributes.toBuilder() }

        /** Sets the search attribute [key] to [value]. */
        public fun <T : Any> searchAttribute(key: SearchAttributeKey<T>, value: T): Builder =
            apply { searchAttributes.set(key, value) }

        /** Waits this long before dispatching the first workflow task (a signal ends the wait); `null` for none. */
        public fun startDelay(delay: Duration?): Builder = apply { startDelay = delay?.toKotlinDuration() }

        /** Sets the single-line summary shown by the UI. */
        public fun staticSummary(summary: String?): Builder = apply { staticSummary = summary }

        /** Sets the longer details (Markdown) shown by the UI. */
        public fun staticDetails(details: String?): Builder = apply { staticDetails = details }

        /**
         * Asks the server to hand the first workflow task back to a worker of this process that polls the task queue
         * through the same connection; the server may ignore it.
         */
        public fun requestEagerStart(requestEagerStart: Boolean): Builder = apply { this.requestEagerStart = requestEagerStart }

        /** Replaces the headers passed to the workflow's inbound interceptors. */
        public fun headers(headers: Map<String, Payload>): Builder = apply {
            this.headers.clear()
            this.headers.putAll(headers)
        }

        /** Sets the idempotency key of the start request; `null` for a fresh random one. */
        public fun requestId(requestId: String?): Builder = apply { this.requestId = requestId }

        /**
         * Overrides the run's versioning behaviour, whatever its workflow states: `new VersioningOverride.Pinned(version)`
         * runs it on that worker deployment version, `VersioningOverride.AutoUpgrade.INSTANCE` makes it follow the
         * current version; `null` for none.
         */
        public fun versioningOverride(override: VersioningOverride?): Builder = apply { versioningOverride = override }

        /**
         * Creates the options.
         *
         * @throws IllegalArgumentException when the id or task queue is missing or blank, a timeout is not positive,
         *   or a start delay is combined with a cron schedule.
         */
        public fun build(): WorkflowOptions = WorkflowOptions(
            KotlinWorkflowOptions(
                id = requireNotNull(id) { "WorkflowOptions.id is required: give every workflow execution a business id" },
                taskQueue = requireNotNull(taskQueue) { "WorkflowOptions.taskQueue is required: name the task queue your workers poll" },
                executionTimeout = executionTimeout,
                runTimeout = runTimeout,
                taskTimeout = taskTimeout,
                idReusePolicy = idReusePolicy,
                idConflictPolicy = idConflictPolicy,
                retryPolicy = retryPolicy,
                cronSchedule = cronSchedule,
                memo = LinkedHashMap(memo),
                searchAttributes = searchAttributes.build(),
                startDelay = startDelay,
                staticSummary = staticSummary,
                staticDetails = staticDetails,
                requestEagerStart = requestEagerStart,
                headers = LinkedHashMap(headers),
                requestId = requestId,
                versioningOverride = versioningOverride,
            ),
        )
    }

    /** Factories. */
    public companion object {
        /** An empty builder. */
        @JvmStatic
        public fun newBuilder(): Builder = Builder(null)

        internal fun of(kotlin: KotlinWorkflowOptions): WorkflowOptions = WorkflowOptions(kotlin)
    }
}
