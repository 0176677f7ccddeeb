package dev.temporalkt.workflow

import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.ActivityCancellationType
import kotlin.time.Duration

/**
 * How a workflow runs a local activity: an activity executed by this worker's process right away, with its
 * result recorded in history as a marker. Use it for short calls where scheduling through the server costs
 * more than the work. At least one of [startToCloseTimeout] and [scheduleToCloseTimeout] is required.
 *
 * ```kotlin
 * val rate = Workflow.executeLocalActivity(
 *     RateActivities::currentRate, "EUR",
 *     options = LocalActivityOptions(startToCloseTimeout = 2.seconds),
 * )
 * ```
 *
 * @property startToCloseTimeout longest time one attempt may run.
 * @property scheduleToCloseTimeout longest time for the whole local activity, retries included.
 * @property scheduleToStartTimeout longest time an attempt may wait for a free slot in the worker.
 * @property retryPolicy retries; `null` for the default policy.
 * @property localRetryThreshold retries waiting longer than this go through a durable workflow timer instead
 *   of waiting inside the worker; `null` for the default (1 minute).
 * @property cancellationType when a cancelled local activity is reported to the workflow as cancelled.
 * @property activityId the activity id; `null` lets the runtime number activities within the run.
 */
public data class LocalActivityOptions(
    public val startToCloseTimeout: Duration? = null,
    public val scheduleToCloseTimeout: Duration? = null,
    public val scheduleToStartTimeout: Duration? = null,
    public val retryPolicy: RetryPolicy? = null,
    public val localRetryThreshold: Duration? = null,
    public val cancellationType: ActivityCancellationType = ActivityCancellationType.TRY_CANCEL,
    public val activityId: String? = null,
)
