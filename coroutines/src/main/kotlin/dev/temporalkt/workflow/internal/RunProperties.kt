@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.common.VersioningBehavior
import dev.temporalkt.common.WorkerDeploymentVersion
import dev.temporalkt.api.common.v1.Memo
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.SearchAttributeUpdate
import dev.temporalkt.common.SearchAttributes
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.workflow.RawValue
import dev.temporalkt.workflow.WorkflowInfo
import org.slf4j.Logger

/**
 * What one run knows about itself and what its code sets on it: [WorkflowInfo], search attributes and memo (with the
 * run's own upserts), the current details, the previous run's result or failure, the replay-safe logger and metric
 * meter, and the patches in use. Everything is read from the run's start, or built, on first use, so a cached run that
 * never asks holds none of it (the run creates this object on first use too).
 */
internal class RunProperties(private val run: WorkflowInstance) {
    private val start get() = run.initialize

    // Built on first use and kept in plain fields (not `by lazy`, whose holder objects the run would carry).
    private var infoOrNull: WorkflowInfo? = null
    private var loggerOrNull: Logger? = null
    private var metricMeterOrNull: MetricMeter? = null
    private var searchAttributesOrNull: SearchAttributes? = null
    private var patchesNotifiedOrNull: HashSet<String>? = null
    private var patchesUsedOrNull: HashMap<String, Boolean>? = null

    val info: WorkflowInfo get() = infoOrNull ?: buildInfo().also { infoOrNull = it }

    /** Drops the info built so far: the run changed what it says (its versioning behaviour). */
    fun forgetInfo() {
        infoOrNull = null
    }

    private fun buildInfo(): WorkflowInfo {
        val start = start
        return WorkflowInfo(
            namespace = run.options.namespace,
            taskQueue = run.options.taskQueue,
            workflowId = start.workflowId,
            runId = run.runId,
            workflowType = start.workflowType,
            attempt = start.attempt,
            firstExecutionRunId = start.firstExecutionRunId,
            continuedRunId = start.continuedFromRunId.ifEmpty { null },
            cronSchedule = start.cronSchedule.ifEmpty { null },
            executionTimeout = start.executionTimeout,
            runTimeout = start.runTimeout,
            taskTimeout = start.taskTimeout,
            startTime = start.startTime,
            parent = start.parent?.let { WorkflowInfo.Execution(it.namespace, it.workflowId, it.runId) },
            // History names the root's workflow and run only: it is in this run's namespace.
            root = start.root?.let { WorkflowInfo.Execution(it.namespace.ifEmpty { run.options.namespace }, it.workflowId, it.runId) },
            retryPolicy = start.retryPolicy?.let(RetryPolicy::fromProto),
            headers = start.headers.fieldsMap.mapValues { RawValue(it.value, run.payloadConverter) },
            deploymentVersion = run.options.deploymentVersion,
            versioningBehavior = if (run.options.deploymentVersion == null) VersioningBehavior.UNSPECIFIED
            else (run.versioningBehavior.takeIf { it != VersioningBehavior.UNSPECIFIED } ?: run.options.defaultVersioningBehavior),
        )
    }

    /** The replay-safe logger of the run's code; see [WorkflowLogger]. */
    val logger: Logger get() = loggerOrNull ?: WorkflowLogger.create(run).also { loggerOrNull = it }

    /**
     * The replay-safe metric meter of the run's code: the worker's meter with the run's namespace, task queue and
     * workflow type as attributes, recording nothing while the run replays.
     */
    val metricMeter: MetricMeter get() = metricMeterOrNull ?: buildMetricMeter().also { metricMeterOrNull = it }

    private fun buildMetricMeter(): MetricMeter {
        val attributes = mapOf("namespace" to run.options.namespace, "task_queue" to run.options.taskQueue, "workflow_type" to run.workflowType)
        return ReplaySafeMetricMeter(run.options.metricMeter.withAttributes(attributes)) { run.isReplaying }
    }

    /** What the run says it is doing now, for the metadata query (and so the UI); set by workflow code. */
    var currentDetails: String = ""

    // ---- search attributes and memo

    /** The search attributes as upserted by this run; until the first read or upsert, decoded from the start event. */
    val searchAttributes: SearchAttributes
        get() = searchAttributesOrNull ?: SearchAttributes.fromProto(start.searchAttributes).also { searchAttributesOrNull = it }

    /** The memo as upserted by this run; until the first upsert, the start event's memo is read. */
    private var upsertedMemo: LinkedHashMap<String, Payload>? = null

    fun upsertSearchAttributes(updates: List<SearchAttributeUpdate<*>>) {
        run.requireMutable("Workflow.upsertSearchAttributes")
        require(updates.isNotEmpty()) { "Workflow.upsertSearchAttributes needs at least one update" }
        run.emit(WorkflowCommand.UpsertWorkflowSearchAttributes(SearchAttributeUpdate.toProto(updates)))
        searchAttributesOrNull = searchAttributes.withUpdates(updates)
    }

    fun memo(): Map<String, RawValue> = (upsertedMemo ?: start.memo.fieldsMap).mapValues { RawValue(it.value, run.payloadConverter) }

    fun upsertMemo(updates: Map<String, Any?>) {
        run.requireMutable("Workflow.upsertMemo")
        require(updates.isNotEmpty()) { "Workflow.upsertMemo needs at least one entry" }
        run.emit(WorkflowCommand.ModifyWorkflowProperties(memoProto(updates)))
        val memo = upsertedMemo ?: LinkedHashMap(start.memo.fieldsMap).also { upsertedMemo = it }
        for ((key, value) in updates) {
            if (value == null) memo.remove(key) else memo[key] = memoPayload(value)
        }
    }

    /**
     * [values] as a memo; a `null` value is encoded as the converter encodes null (binary/null), which the server reads as
     * a removal. Values that are [Payload]s already (encoded by the caller with the types it knows, as the Java facade
     * does) are taken as they are, as the client takes memo values.
     */
    fun memoProto(values: Map<String, Any?>): Memo = Memo.newBuilder().apply {
        for ((key, value) in values) putFields(key, memoPayload(value))
    }.build()

    private fun memoPayload(value: Any?): Payload = value as? Payload ?: run.payloadConverter.toPayload(value, PlainKType.ANY)

    // ---- the previous run

    /** The result of the previous cron or retried run, still encoded; `null` when there is none. */
    fun lastCompletionResult(): RawValue? =
        start.lastCompletionResult?.payloadsList?.firstOrNull()?.let { RawValue(it, run.payloadConverter) }

    /** The failure of the previous attempt when this run is a retry (or a cron run after a failure). */
    fun lastFailure(): Throwable? = start.continuedFailure?.let(run::toException)

    // ---- patches

    /** NotifyHasPatch: history holds the marker of [patchId]. */
    fun notifyPatch(patchId: String) {
        (patchesNotifiedOrNull ?: HashSet<String>().also { patchesNotifiedOrNull = it }) += patchId
    }

    /**
     * Whether the run takes the new branch of [patchId]: always when running live (recording the marker), on replay only
     * when history holds the marker; the first answer sticks.
     */
    fun patch(patchId: String, deprecated: Boolean): Boolean {
        patchesUsedOrNull?.get(patchId)?.let { return it }
        run.requireMutable(if (deprecated) "Workflow.deprecatePatch" else "Workflow.patched")
        val use = !run.isReplaying || patchesNotifiedOrNull?.contains(patchId) == true
        (patchesUsedOrNull ?: HashMap<String, Boolean>().also { patchesUsedOrNull = it })[patchId] = use
        if (use) run.emit(WorkflowCommand.SetPatchMarker(patchId, deprecated))
        return use
    }
}
