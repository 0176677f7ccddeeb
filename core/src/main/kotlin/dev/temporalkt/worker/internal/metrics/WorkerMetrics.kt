@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.metrics

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.metrics.MetricDurations
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.metrics.SdkMetricNames
import dev.temporalkt.worker.internal.poll.SlotSupplier
import com.google.protobuf.Timestamp
import com.google.protobuf.util.Durations
import com.google.protobuf.util.Timestamps
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.atomic.AtomicInteger
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration

/**
 * The SDK's own metrics of one worker ([SdkMetricNames]), recorded through [meter] with the attributes `namespace`
 * and `task_queue`. The task processors call one method per event; with [MetricMeter.NOOP] every method returns at
 * once, so a worker without metrics pays nothing for them.
 */
@InternalTemporalApi
public class WorkerMetrics(
    meter: MetricMeter,
    namespace: String,
    taskQueue: String,
    durationsInSeconds: Boolean = false,
) {
    /** Whether anything is recorded at all. */
    public val enabled: Boolean = meter !== MetricMeter.NOOP

    private val durations = MetricDurations(durationsInSeconds)
    private val meter = if (enabled) meter.withAttributes(mapOf(NAMESPACE to namespace, TASK_QUEUE to taskQueue)) else meter

    private fun counter(name: String, description: String) = meter.counter(name, description, "1")
    private fun latency(name: String, description: String) = meter.histogram(name, description, durations.unit)
    private fun gauge(name: String, description: String) = meter.gauge(name, description, "1")

    private val workerStart = counter(SdkMetricNames.WORKER_START, "Worker parts started")
    private val numPollers = gauge(SdkMetricNames.NUM_POLLERS, "Long polls waiting for the server")
    private val pollsInFlight = ConcurrentHashMap<String, AtomicInteger>()
    private val slotsAvailable = gauge(SdkMetricNames.WORKER_TASK_SLOTS_AVAILABLE, "Task slots free")
    private val slotsUsed = gauge(SdkMetricNames.WORKER_TASK_SLOTS_USED, "Task slots taken")
    private val wftPollSucceed = counter(SdkMetricNames.WORKFLOW_TASK_QUEUE_POLL_SUCCEED, "Workflow task polls that returned a task")
    private val wftPollEmpty = counter(SdkMetricNames.WORKFLOW_TASK_QUEUE_POLL_EMPTY, "Workflow task polls that returned no task")
    private val activityPollNoTask = counter(SdkMetricNames.ACTIVITY_POLL_NO_TASK, "Activity task polls that returned no task")
    private val wftScheduleToStart = latency(SdkMetricNames.WORKFLOW_TASK_SCHEDULE_TO_START_LATENCY, "Workflow task schedule-to-start latency")
    private val wftExecution = latency(SdkMetricNames.WORKFLOW_TASK_EXECUTION_LATENCY, "Workflow task execution latency")
    private val wftReplay = latency(SdkMetricNames.WORKFLOW_TASK_REPLAY_LATENCY, "Workflow task replay latency")
    private val wftFailed = counter(SdkMetricNames.WORKFLOW_TASK_EXECUTION_FAILED, "Workflow tasks that failed")
    private val workflowCompleted = counter(SdkMetricNames.WORKFLOW_COMPLETED, "Workflow executions completed")
    private val workflowFailed = counter(SdkMetricNames.WORKFLOW_FAILED, "Workflow executions failed")
    private val workflowCanceled = counter(SdkMetricNames.WORKFLOW_CANCELED, "Workflow executions cancelled")
    private val workflowContinueAsNew = counter(SdkMetricNames.WORKFLOW_CONTINUE_AS_NEW, "Workflow runs continued as new")
    private val workflowEndToEnd = latency(SdkMetricNames.WORKFLOW_ENDTOEND_LATENCY, "Workflow run start to completion latency")
    private val cacheHit = counter(SdkMetricNames.STICKY_CACHE_HIT, "Workflow tasks whose run was cached")
    private val cacheMiss = counter(SdkMetricNames.STICKY_CACHE_MISS, "Workflow tasks whose run had to be replayed")
    private val cacheSize = gauge(SdkMetricNames.STICKY_CACHE_SIZE, "Runs held in the cache")
    private val cacheForcedEviction = counter(SdkMetricNames.STICKY_CACHE_TOTAL_FORCED_EVICTION, "Runs pushed out of the full cache")
    private val activityScheduleToStart = latency(SdkMetricNames.ACTIVITY_SCHEDULE_TO_START_LATENCY, "Activity schedule-to-start latency")
    private val activityExecution = latency(SdkMetricNames.ACTIVITY_EXECUTION_LATENCY, "Activity execution latency")
    private val activityFailed = counter(SdkMetricNames.ACTIVITY_EXECUTION_FAILED, "Activity attempts that failed")
    private val localActivityTotal = counter(SdkMetricNames.LOCAL_ACTIVITY_TOTAL, "Local activities started")
    private val localActivityExecution = latency(SdkMetricNames.LOCAL_ACTIVITY_EXECUTION_LATENCY, "Local activity attempt latency")
    private val localActivityFailed = counter(SdkMetricNames.LOCAL_ACTIVITY_EXECUTION_FAILED, "Local activity attempts that failed")

    /** A part of the worker ([WORKFLOW_WORKER], [ACTIVITY_WORKER], [NEXUS_WORKER]) started. */
    public fun workerStarted(workerType: String) {
        if (enabled) workerStart.add(1, mapOf(WORKER_TYPE to workerType))
    }

    /** [supplier] reporting its free and taken slots as gauges with `worker_type` [workerType]. */
    public fun slots(supplier: SlotSupplier, workerType: String): SlotSupplier =
        if (enabled) MeteredSlotSupplier(supplier, workerType, slotsAvailable, slotsUsed) else supplier

    /**
     * [poll] counted in the `temporal_num_pollers` gauge (`poller_type` [pollerType]) while it waits, and, for
     * workflow and activity polls, in the empty/succeeded poll counters.
     */
    public fun <T : Any> polls(pollerType: String, poll: suspend () -> T?): suspend () -> T? =
        if (enabled) ({ poll(pollerType, poll) }) else poll

    /** Runs one [poll] counted as [polls] describes; for a poller whose queue, and so poller type, varies per poll. */
    public suspend fun <T : Any> poll(pollerType: String, poll: suspend () -> T?): T? {
        if (!enabled) return poll()
        val inFlight = pollsInFlight.computeIfAbsent(pollerType) { AtomicInteger() }
        val attributes = mapOf(POLLER_TYPE to pollerType)
        val workflow = pollerType == WORKFLOW_POLLER || pollerType == STICKY_WORKFLOW_POLLER
        numPollers.set(inFlight.incrementAndGet().toDouble(), attributes)
        val task = try {
            poll()
        } finally {
            numPollers.set(inFlight.decrementAndGet().toDouble(), attributes)
        }
        when {
            workflow && task == null -> wftPollEmpty.add(1)
            workflow -> wftPollSucceed.add(1)
            pollerType == ACTIVITY_POLLER && task == null -> activityPollNoTask.add(1)
        }
        return task
    }

    /** A workflow task scheduled at [scheduled] started at [started] (server times; unset ones record nothing). */
    public fun workflowTaskScheduleToStart(scheduled: Timestamp, started: Timestamp) {
        if (enabled) between(scheduled, started)?.let { wftScheduleToStart.record(durations.value(it)) }
    }

    /** A workflow task of [workflowType] was answered [took] after it was polled. */
    public fun workflowTaskExecuted(workflowType: String, took: Duration) {
        if (enabled) wftExecution.record(durations.value(took), workflowAttributes(workflowType))
    }

    /** A workflow task of [workflowType] rebuilt its run from history in [took]. */
    public fun workflowTaskReplayed(workflowType: String, took: Duration) {
        if (enabled) wftReplay.record(durations.value(took), workflowAttributes(workflowType))
    }

    /** A workflow task of [workflowType] failed; [nonDeterminism] when history no longer matched the code. */
    public fun workflowTaskFailed(workflowType: String, nonDeterminism: Boolean) {
        if (enabled) {
            wftFailed.add(1, mapOf(WORKFLOW_TYPE to workflowType, FAILURE_REASON to if (nonDeterminism) "NonDeterminismError" else "Workflow"))
        }
    }

    /** A run of [workflowType] ended as [outcome]; [sinceStart] is the time since the run started, when known. */
    public fun workflowClosed(workflowType: String, outcome: WorkflowOutcome, sinceStart: Duration?) {
        if (!enabled) return
        val attributes = workflowAttributes(workflowType)
        when (outcome) {
            WorkflowOutcome.COMPLETED -> {
                workflowCompleted.add(1, attributes)
                if (sinceStart != null) workflowEndToEnd.record(durations.value(sinceStart), attributes)
            }
            WorkflowOutcome.FAILED -> workflowFailed.add(1, attributes)
            WorkflowOutcome.CANCELED -> workflowCanceled.add(1, attributes)
            WorkflowOutcome.CONTINUED_AS_NEW -> workflowContinueAsNew.add(1, attributes)
        }
    }

    /** A workflow task found its run cached ([hit]) or replayed a run that was not ([hit] `false`). */
    public fun cacheLookup(hit: Boolean) {
        if (enabled) (if (hit) cacheHit else cacheMiss).add(1)
    }

    /** The cache now holds [size] runs. */
    public fun cacheSize(size: Int) {
        if (enabled) cacheSize.set(size.toDouble())
    }

    /** [count] runs were pushed out of the full cache. */
    public fun cacheForcedEvictions(count: Int) {
        if (enabled && count > 0) cacheForcedEviction.add(count.toLong())
    }

    /** An attempt of [activityType] scheduled at [scheduled] started at [started] (server times). */
    public fun activityScheduleToStart(activityType: String, scheduled: Timestamp, started: Timestamp) {
        if (!enabled) return
        between(scheduled, started)?.let { activityScheduleToStart.record(durations.value(it), mapOf(ACTIVITY_TYPE to activityType)) }
    }

    /** An attempt of [activityType] ran for [took] until its outcome was reported; [failed] when it failed. */
    public fun activityExecuted(activityType: String, took: Duration, failed: Boolean) {
        if (!enabled) return
        val attributes = mapOf(ACTIVITY_TYPE to activityType)
        activityExecution.record(durations.value(took), attributes)
        if (failed) activityFailed.add(1, attributes)
    }

    /** A local activity of [activityType], scheduled by a run of [workflowType], started its first attempt here. */
    public fun localActivityStarted(activityType: String, workflowType: String) {
        if (enabled) localActivityTotal.add(1, mapOf(ACTIVITY_TYPE to activityType, WORKFLOW_TYPE to workflowType))
    }

    /** A local activity attempt ran for [took]; [failed] when it failed (a timeout included). */
    public fun localActivityAttempt(activityType: String, workflowType: String, took: Duration, failed: Boolean) {
        if (!enabled) return
        val attributes = mapOf(ACTIVITY_TYPE to activityType, WORKFLOW_TYPE to workflowType)
        localActivityExecution.record(durations.value(took), attributes)
        if (failed) localActivityFailed.add(1, attributes)
    }

    private fun between(from: Timestamp, to: Timestamp): Duration? =
        if (from.seconds == 0L && from.nanos == 0 || to.seconds == 0L && to.nanos == 0) {
            null
        } else {
            Durations.toNanos(Timestamps.between(from, to)).nanoseconds
        }

    private fun workflowAttributes(workflowType: String) = mapOf(WORKFLOW_TYPE to workflowType)

    /** How a workflow run ended. */
    public enum class WorkflowOutcome { COMPLETED, FAILED, CANCELED, CONTINUED_AS_NEW }

    public companion object {
        /** Records nothing. */
        @JvmField
        public val NOOP: WorkerMetrics = WorkerMetrics(MetricMeter.NOOP, "", "")

        public const val NAMESPACE: String = "namespace"
        public const val TASK_QUEUE: String = "task_queue"
        public const val WORKER_TYPE: String = "worker_type"
        public const val POLLER_TYPE: String = "poller_type"
        public const val WORKFLOW_TYPE: String = "workflow_type"
        public const val ACTIVITY_TYPE: String = "activity_type"
        public const val FAILURE_REASON: String = "failure_reason"

        public const val WORKFLOW_WORKER: String = "WorkflowWorker"
        public const val ACTIVITY_WORKER: String = "ActivityWorker"
        public const val LOCAL_ACTIVITY_WORKER: String = "LocalActivityWorker"
        public const val NEXUS_WORKER: String = "NexusWorker"

        public const val WORKFLOW_POLLER: String = "workflow_task"
        public const val STICKY_WORKFLOW_POLLER: String = "sticky_workflow_task"
        public const val ACTIVITY_POLLER: String = "activity_task"
        public const val NEXUS_POLLER: String = "nexus_task"
    }
}
