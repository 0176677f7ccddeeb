package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.internal.InternalTemporalApi
import java.time.Instant
import kotlin.time.Duration

/**
 * How a local activity run by the worker ended, for [WorkflowRunEngine.resolveLocalActivity]: completed with
 * [result] when [failure] is `null`; otherwise failed, timed out or (with a cancelled failure) cancelled, with the
 * failure as the activity reported it. With [backoff], the last attempt failed and the next one, [attempt] + 1,
 * must wait on a workflow timer.
 *
 * @property attempt the attempt that produced this outcome.
 * @property runtime how long the local activity ran in this worker, for the marker's completion time.
 */
@InternalTemporalApi
public data class LocalActivityCompletion(
    public val attempt: Int,
    public val result: Payload? = null,
    public val failure: Failure? = null,
    public val backoff: Duration? = null,
    public val originalScheduleTime: Instant? = null,
    public val runtime: Duration = Duration.ZERO,
)
