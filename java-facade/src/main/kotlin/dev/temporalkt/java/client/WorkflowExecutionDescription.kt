package dev.temporalkt.java.client

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.workflow.v1.PendingActivityInfo
import dev.temporalkt.api.workflow.v1.PendingChildExecutionInfo
import dev.temporalkt.api.workflow.v1.WorkflowExecutionInfo
import dev.temporalkt.api.workflowservice.v1.DescribeWorkflowExecutionResponse
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.java.common.TypeRef
import dev.temporalkt.java.internal.Futures
import java.lang.reflect.Type
import java.time.Instant
import java.util.concurrent.CompletableFuture
import dev.temporalkt.client.WorkflowExecutionDescription as KotlinWorkflowExecutionDescription

/**
 * What the server knows about a workflow execution, from [WorkflowHandle.describe] or [TemporalClient.listWorkflows]
 * (listing leaves the pending activities and children and the static summary and details empty).
 *
 * ```java
 * WorkflowExecutionDescription description = handle.describe().join();
 * if (description.getStatus() == WorkflowExecutionStatus.RUNNING) {
 *     String customer = description.getMemoValue("customer", String.class).join();
 * }
 * ```
 */
public class WorkflowExecutionDescription internal constructor(
    /** The description of the Kotlin client this one wraps. */
    internal val kotlin: KotlinWorkflowExecutionDescription,
    private val dataConverter: DataConverter,
) {
    /** The workflow id. */
    public val workflowId: String get() = kotlin.workflowId

    /** The run id. */
    public val runId: String get() = kotlin.runId

    /** The first run of the chain this run belongs to. */
    public val firstExecutionRunId: String get() = kotlin.firstExecutionRunId

    /** The workflow type name. */
    public val workflowType: String get() = kotlin.workflowType

    /** The task queue of the workflow. */
    public val taskQueue: String get() = kotlin.taskQueue

    /** The execution status. */
    public val status: WorkflowExecutionStatus get() = kotlin.status

    /** When the run was started. */
    public val startTime: Instant get() = kotlin.startTime

    /** When the run started executing (after a start delay or cron wait), or `null`. */
    public val executionTime: Instant? get() = kotlin.executionTime

    /** When the run closed, or `null` while it is running. */
    public val closeTime: Instant? get() = kotlin.closeTime

    /** The number of events in the run's history. */
    public val historyLength: Long get() = kotlin.historyLength

    /** Where the run is in its worker deployment (version, behaviour, override), or `null` for an unversioned run. */
    public val versioningInfo: dev.temporalkt.common.WorkflowVersioningInfo? get() = kotlin.versioningInfo

    /** The size of the run's history in bytes. */
    public val historySizeBytes: Long get() = kotlin.historySizeBytes

    /** The parent workflow's execution (id and run id), or `null` for a top-level workflow. */
    public val parent: WorkflowExecution? get() = if (kotlin.info.hasParentExecution()) kotlin.info.parentExecution else null

    /** The typed search attributes. */
    public val searchAttributes: SearchAttributes get() = kotlin.searchAttributes

    /** The memo as stored (possibly codec-encoded) payloads; read values with [getMemoValue]. */
    public val memo: Map<String, Payload> get() = kotlin.memo

    /** The activities the run is waiting for (describe only). */
    public val pendingActivities: List<PendingActivityInfo> get() = kotlin.pendingActivities

    /** The child workflows the run is waiting for (describe only). */
    public val pendingChildren: List<PendingChildExecutionInfo> get() = kotlin.pendingChildren

    /** The raw execution info. */
    public val info: WorkflowExecutionInfo get() = kotlin.info

    /** The raw describe response, or `null` when listed. */
    public val rawDescription: DescribeWorkflowExecutionResponse? get() = kotlin.rawDescription

    /**
     * Decodes the memo value [key] (through the codecs) as [type]; completes with `null` when the memo has no such
     * key.
     */
    public fun <T> getMemoValue(key: String, type: Class<T>): CompletableFuture<T> = memoValue(key, type)

    /** [getMemoValue] with a generic type. */
    public fun <T> getMemoValue(key: String, type: TypeRef<T>): CompletableFuture<T> = memoValue(key, type.type)

    /** [getMemoValue] with a `java.lang.reflect.Type`. */
    public fun <T> getMemoValue(key: String, type: Type): CompletableFuture<T> = memoValue(key, type)

    @Suppress("UNCHECKED_CAST")
    private fun <T> memoValue(key: String, type: Type): CompletableFuture<T> = Futures.run {
        val payload = kotlin.memo[key]
        if (payload == null) null as T else dataConverter.decodeValue(payload, type) as T
    }

    /** The static summary given at start (describe only); completes with `null` when there is none. */
    public fun getStaticSummary(): CompletableFuture<String?> = Futures.run { kotlin.staticSummary() }

    /** The static details given at start (describe only); completes with `null` when there are none. */
    public fun getStaticDetails(): CompletableFuture<String?> = Futures.run { kotlin.staticDetails() }

    override fun toString(): String = kotlin.toString()
}
