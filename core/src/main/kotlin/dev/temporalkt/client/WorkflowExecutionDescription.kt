package dev.temporalkt.client

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.workflow.v1.PendingActivityInfo
import dev.temporalkt.api.workflow.v1.PendingChildExecutionInfo
import dev.temporalkt.api.workflow.v1.WorkflowExecutionInfo
import dev.temporalkt.api.workflowservice.v1.DescribeWorkflowExecutionResponse
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.converter.DataConverter
import java.time.Instant
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * What the server knows about a workflow execution, from [WorkflowHandle.describe] or [Client.listWorkflows]
 * (listing leaves [pendingActivities], [pendingChildren] and the static summary/details empty).
 *
 * ```kotlin
 * val description = handle.describe()
 * if (description.status == WorkflowExecutionStatus.RUNNING) println(description.memoValue<String>("customer"))
 * ```
 */
public class WorkflowExecutionDescription internal constructor(
    /** The raw execution info proto. */
    public val info: WorkflowExecutionInfo,
    /** The raw describe response, or `null` when listed. */
    public val rawDescription: DescribeWorkflowExecutionResponse?,
    private val dataConverter: DataConverter,
) {
    /** The workflow id. */
    public val workflowId: String get() = info.execution.workflowId

    /** The run id. */
    public val runId: String get() = info.execution.runId

    /** The first run of the chain this run belongs to. */
    public val firstExecutionRunId: String get() = info.firstRunId

    /** The workflow type name. */
    public val workflowType: String get() = info.type.name

    /** The task queue of the workflow. */
    public val taskQueue: String get() = info.taskQueue

    /** The execution status. */
    public val status: WorkflowExecutionStatus get() = WorkflowExecutionStatus.fromProto(info.status)

    /** When the run was started. */
    public val startTime: Instant get() = info.startTime.toInstant()

    /** When the run started executing (after a start delay or cron wait), or `null`. */
    public val executionTime: Instant? get() = if (info.hasExecutionTime()) info.executionTime.toInstant() else null

    /** When the run closed, or `null` while it is running. */
    public val closeTime: Instant? get() = if (info.hasCloseTime()) info.closeTime.toInstant() else null

    /**
     * Where the run is in its worker deployment (version, behaviour, override); `null` for a run of unversioned
     * workers. Listed runs carry it too (from visibility, possibly a moment behind the run).
     */
    @OptIn(dev.temporalkt.internal.InternalTemporalApi::class)
    public val versioningInfo: dev.temporalkt.common.WorkflowVersioningInfo?
        get() = if (info.hasVersioningInfo()) dev.temporalkt.common.DeploymentProtos.fromProto(info.versioningInfo) else null

    /** The number of events in the run's history. */
    public val historyLength: Long get() = info.historyLength

    /** The size of the run's history in bytes. */
    public val historySizeBytes: Long get() = info.historySizeBytes

    /** The parent workflow's id and run id, or `null` for a top-level workflow. */
    public val parent: Pair<String, String>? get() =
        if (info.hasParentExecution()) info.parentExecution.workflowId to info.parentExecution.runId else null

    /** The typed search attributes. */
    public val searchAttributes: SearchAttributes by lazy { SearchAttributes.fromProto(info.searchAttributes) }

    /** The memo as stored (possibly codec-encoded) payloads; read values with [memoValue]. */
    public val memo: Map<String, Payload> get() = info.memo.fieldsMap

    /** The activities the run is waiting for (describe only). */
    public val pendingActivities: List<PendingActivityInfo> get() = rawDescription?.pendingActivitiesList.orEmpty()

    /** The child workflows the run is waiting for (describe only). */
    public val pendingChildren: List<PendingChildExecutionInfo> get() = rawDescription?.pendingChildrenList.orEmpty()

    /** Decodes the memo value [key] as [type]; `null` if the memo has no such key. */
    public suspend fun memoValue(key: String, type: KType): Any? {
        val payload = memo[key] ?: return null
        return dataConverter.decodeValue(payload, type)
    }

    /** The static summary given at start (describe only), or `null`. */
    public suspend fun staticSummary(): String? = userMetadataText { it.hasSummary() to it.summary }

    /** The static details given at start (describe only), or `null`. */
    public suspend fun staticDetails(): String? = userMetadataText { it.hasDetails() to it.details }

    private suspend fun userMetadataText(
        pick: (dev.temporalkt.api.sdk.v1.UserMetadata) -> Pair<Boolean, Payload>,
    ): String? {
        val config = rawDescription?.executionConfig ?: return null
        if (!config.hasUserMetadata()) return null
        val (present, payload) = pick(config.userMetadata)
        return if (present) dataConverter.decodeValue(payload, typeOf<String>()) as String else null
    }

    override fun toString(): String =
        "WorkflowExecutionDescription(workflowId=$workflowId, runId=$runId, type=$workflowType, status=$status)"
}

/** Decodes the memo value [key] as [T]; `null` if the memo has no such key. */
@Suppress("UNCHECKED_CAST")
public suspend inline fun <reified T> WorkflowExecutionDescription.memoValue(key: String): T? = memoValue(key, typeOf<T>()) as T?

internal fun com.google.protobuf.Timestamp.toInstant(): Instant = Instant.ofEpochSecond(seconds, nanos.toLong())
