package dev.temporalkt.workflow

import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.common.ActivityCancellationType
import kotlin.time.Duration

/**
 * How a workflow schedules an activity. At least one of [startToCloseTimeout] and [scheduleToCloseTimeout]
 * is required.
 *
 * ```kotlin
 * val options = ActivityOptions(
 *     startToCloseTimeout = 30.seconds,
 *     retryPolicy = RetryPolicy(maximumAttempts = 5),
 *     cancellationType = ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
 * )
 * val receipt = Workflow.executeActivity(PaymentActivities::charge, order, options = options)
 * ```
 *
 * @property startToCloseTimeout longest time one attempt may run.
 * @property scheduleToCloseTimeout longest time for the whole activity, retries included.
 * @property scheduleToStartTimeout longest time an attempt may wait in the task queue.
 * @property heartbeatTimeout longest time between heartbeats before an attempt counts as failed.
 * @property taskQueue task queue to schedule on; `null` for the workflow's own.
 * @property retryPolicy retries; `null` for the server's default policy.
 * @property cancellationType when a cancelled activity is reported to the workflow as cancelled.
 * @property activityId the activity id; `null` lets the runtime number activities within the run.
 * @property summary single-line description shown in the UI and recorded in history.
 * @property disableEagerExecution never run the activity eagerly. By default, an activity scheduled on the workflow's
 *   own task queue, by a worker that runs activities and has a free activity slot, is handed by the server straight
 *   back to that worker with the workflow task's completion (at most three per workflow task), instead of going
 *   through the task queue; `true` always sends it through the task queue (e.g. to spread the activities of one
 *   workflow over many workers).
 */
public data class ActivityOptions(
    public val startToCloseTimeout: Duration? = null,
    public val scheduleToCloseTimeout: Duration? = null,
    public val scheduleToStartTimeout: Duration? = null,
    public val heartbeatTimeout: Duration? = null,
    public val taskQueue: String? = null,
    public val retryPolicy: RetryPolicy? = null,
    public val cancellationType: ActivityCancellationType = ActivityCancellationType.TRY_CANCEL,
    public val activityId: String? = null,
    public val summary: String? = null,
    public val disableEagerExecution: Boolean = false,
)
