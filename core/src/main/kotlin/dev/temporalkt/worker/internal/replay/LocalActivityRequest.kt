package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.RetryPolicy
import dev.temporalkt.internal.InternalTemporalApi
import java.time.Instant
import kotlin.time.Duration

/**
 * A local activity the engine wants the worker to run, from [WorkflowRunEngine.takeLocalActivityRequests]. The worker
 * runs its attempts (retrying locally while the backoff stays within [localRetryThreshold]) and answers with
 * [WorkflowRunEngine.resolveLocalActivity] quoting [seq].
 *
 * @property attempt the attempt to start with: 1, or the attempt after a durable-timer backoff.
 * @property originalScheduleTime when the first attempt was scheduled; schedule-to-close counts from it.
 * @property retryPolicy `null` for the default policy.
 * @property localRetryThreshold backoffs longer than this end local retrying with a backoff resolution.
 */
@InternalTemporalApi
public data class LocalActivityRequest(
    public val seq: Int,
    public val activityId: String,
    public val activityType: String,
    public val arguments: Payloads,
    public val headers: Header,
    public val attempt: Int,
    public val originalScheduleTime: Instant,
    public val scheduleToClose: Duration?,
    public val scheduleToStart: Duration?,
    public val startToClose: Duration?,
    public val retryPolicy: RetryPolicy?,
    public val localRetryThreshold: Duration,
    public val namespace: String,
    public val taskQueue: String,
    public val workflowId: String,
    public val runId: String,
    public val workflowType: String,
)
