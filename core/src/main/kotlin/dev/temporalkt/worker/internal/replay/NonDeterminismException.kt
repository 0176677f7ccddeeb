package dev.temporalkt.worker.internal.replay

import dev.temporalkt.internal.InternalTemporalApi

/**
 * Workflow code issued commands that do not match the history it is replayed against: a changed
 * activity type, a removed or reordered command, an extra command. The run cannot continue with this
 * code; the worker fails the workflow task (the server retries it, so deploying code that matches
 * history resumes the run) or, when [EngineOptions.failRunOnNonDeterminism] is set, the run itself.
 *
 * Lives next to [WorkflowRunEngine] rather than among the user-facing failures: user code never sees
 * it, the worker turns it into a task failure with the non-determinism cause.
 *
 * ```
 * Non-deterministic workflow 'Order' (id o-1, run r-1): history event 7 is
 * ActivityTaskScheduled(activity type 'charge') but the workflow produced StartTimer(seq 1)
 * ```
 *
 * @property workflowType type of the run.
 * @property workflowId id of the run.
 * @property runId run id.
 * @property eventId id of the history event that did not match, or `null` when the workflow produced a
 *   command for which history has no event.
 * @property eventDescription the event as shown in the message, e.g. `TimerStarted(timer id '1')`; `null` with [eventId].
 * @property commandDescription the command the workflow produced instead, e.g. `StartTimer(seq 1)`, or `null` when it produced none.
 */
@InternalTemporalApi
public class NonDeterminismException(
    public val workflowType: String,
    public val workflowId: String,
    public val runId: String,
    public val eventId: Long?,
    public val eventDescription: String?,
    public val commandDescription: String?,
    detail: String,
) : RuntimeException("Non-deterministic workflow '$workflowType' (id $workflowId, run $runId): $detail")
