package dev.temporalkt.metrics

/**
 * The metrics the SDK itself records through the [MetricMeter] of the worker options (worker metrics) and of the
 * connection options (RPC metrics). Names, instruments and attributes are those of the other Temporal SDKs built on
 * the Temporal core SDK (TypeScript, Python, .NET), so their Grafana dashboards work unchanged.
 *
 * Every worker metric carries the attributes `namespace` and `task_queue`; RPC metrics carry `namespace` and
 * `operation` (the RPC method, e.g. `StartWorkflowExecution`). Further attributes are listed per metric. Latencies
 * are histograms in milliseconds (unit `ms`), or in seconds (unit `s`) with `metricDurationsInSeconds` set in the
 * options.
 *
 * ```kotlin
 * val meter = MicrometerMetricMeter(registry) // the temporal-kt-micrometer module
 * val client = Client.connect(ConnectionOptions(target = "localhost:7233", metricMeter = meter))
 * val worker = Worker(client, "orders", workflows, activities, WorkerOptions(metricMeter = meter))
 * ```
 */
public object SdkMetricNames {
    /** Counter: a worker part started. Attribute `worker_type`. */
    public const val WORKER_START: String = "temporal_worker_start"

    /** Gauge: long polls waiting for the server now. Attribute `poller_type`. */
    public const val NUM_POLLERS: String = "temporal_num_pollers"

    /** Gauge: task slots free now. Attribute `worker_type`. */
    public const val WORKER_TASK_SLOTS_AVAILABLE: String = "temporal_worker_task_slots_available"

    /** Gauge: task slots taken now (by a poll waiting for a task or a task in progress). Attribute `worker_type`. */
    public const val WORKER_TASK_SLOTS_USED: String = "temporal_worker_task_slots_used"

    /** Counter: a workflow task poll returned a task. */
    public const val WORKFLOW_TASK_QUEUE_POLL_SUCCEED: String = "temporal_workflow_task_queue_poll_succeed"

    /** Counter: a workflow task poll ended without a task (the server's long-poll timeout). */
    public const val WORKFLOW_TASK_QUEUE_POLL_EMPTY: String = "temporal_workflow_task_queue_poll_empty"

    /** Histogram: time a workflow task waited on its task queue, from scheduled to started. */
    public const val WORKFLOW_TASK_SCHEDULE_TO_START_LATENCY: String = "temporal_workflow_task_schedule_to_start_latency"

    /** Histogram: time a workflow task took in the worker, from polled to answered. Attribute `workflow_type`. */
    public const val WORKFLOW_TASK_EXECUTION_LATENCY: String = "temporal_workflow_task_execution_latency"

    /**
     * Histogram: time a workflow task took to rebuild its run from history (a run that was not cached and had
     * completed workflow tasks before). Attribute `workflow_type`.
     */
    public const val WORKFLOW_TASK_REPLAY_LATENCY: String = "temporal_workflow_task_replay_latency"

    /**
     * Counter: a workflow task failed (workflow code threw an error that is not a Temporal failure, non-determinism,
     * an unregistered workflow type). Attributes `workflow_type`, `failure_reason` (`NonDeterminismError`, `Workflow`).
     */
    public const val WORKFLOW_TASK_EXECUTION_FAILED: String = "temporal_workflow_task_execution_failed"

    /** Counter: a workflow execution completed successfully. Attribute `workflow_type`. */
    public const val WORKFLOW_COMPLETED: String = "temporal_workflow_completed"

    /** Counter: a workflow execution failed. Attribute `workflow_type`. */
    public const val WORKFLOW_FAILED: String = "temporal_workflow_failed"

    /** Counter: a workflow execution ended cancelled. Attribute `workflow_type`. */
    public const val WORKFLOW_CANCELED: String = "temporal_workflow_canceled"

    /** Counter: a workflow run continued as new. Attribute `workflow_type`. */
    public const val WORKFLOW_CONTINUE_AS_NEW: String = "temporal_workflow_continue_as_new"

    /** Histogram: time from the start of a workflow run to its successful completion. Attribute `workflow_type`. */
    public const val WORKFLOW_ENDTOEND_LATENCY: String = "temporal_workflow_endtoend_latency"

    /** Counter: a workflow task found its run in the worker's cache. */
    public const val STICKY_CACHE_HIT: String = "temporal_sticky_cache_hit"

    /** Counter: a workflow task of a run with earlier workflow tasks did not find it cached and replayed it. */
    public const val STICKY_CACHE_MISS: String = "temporal_sticky_cache_miss"

    /** Gauge: runs held in the worker's cache now. */
    public const val STICKY_CACHE_SIZE: String = "temporal_sticky_cache_size"

    /** Counter: a run was pushed out of the full cache to make room for another. */
    public const val STICKY_CACHE_TOTAL_FORCED_EVICTION: String = "temporal_sticky_cache_total_forced_eviction"

    /** Counter: an activity task poll ended without a task. */
    public const val ACTIVITY_POLL_NO_TASK: String = "temporal_activity_poll_no_task"

    /** Histogram: time an activity attempt waited on its task queue, from scheduled to started. Attribute `activity_type`. */
    public const val ACTIVITY_SCHEDULE_TO_START_LATENCY: String = "temporal_activity_schedule_to_start_latency"

    /** Histogram: time an activity attempt ran in the worker until its outcome was reported. Attribute `activity_type`. */
    public const val ACTIVITY_EXECUTION_LATENCY: String = "temporal_activity_execution_latency"

    /** Counter: an activity attempt failed (cancellations excluded). Attribute `activity_type`. */
    public const val ACTIVITY_EXECUTION_FAILED: String = "temporal_activity_execution_failed"

    /** Counter: a local activity started (once per local activity, not per attempt). Attributes `activity_type`, `workflow_type`. */
    public const val LOCAL_ACTIVITY_TOTAL: String = "temporal_local_activity_total"

    /** Histogram: time one local activity attempt ran. Attributes `activity_type`, `workflow_type`. */
    public const val LOCAL_ACTIVITY_EXECUTION_LATENCY: String = "temporal_local_activity_execution_latency"

    /** Counter: a local activity attempt failed. Attributes `activity_type`, `workflow_type`. */
    public const val LOCAL_ACTIVITY_EXECUTION_FAILED: String = "temporal_local_activity_execution_failed"

    /** Counter: an RPC call (one attempt) that is not a long poll. */
    public const val REQUEST: String = "temporal_request"

    /** Counter: an RPC attempt that is not a long poll failed. Attribute `status_code` (e.g. `NOT_FOUND`). */
    public const val REQUEST_FAILURE: String = "temporal_request_failure"

    /** Histogram: latency of an RPC attempt that is not a long poll. */
    public const val REQUEST_LATENCY: String = "temporal_request_latency"

    /** Counter: a long-poll RPC attempt (task polls, history waits, update waits). */
    public const val LONG_REQUEST: String = "temporal_long_request"

    /** Counter: a long-poll RPC attempt failed. Attribute `status_code`. */
    public const val LONG_REQUEST_FAILURE: String = "temporal_long_request_failure"

    /** Histogram: latency of a long-poll RPC attempt. */
    public const val LONG_REQUEST_LATENCY: String = "temporal_long_request_latency"
}
