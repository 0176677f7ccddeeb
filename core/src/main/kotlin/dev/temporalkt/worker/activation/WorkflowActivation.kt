package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi
import java.time.Instant

/**
 * One unit of work handed from the replay core to a workflow runtime: everything that happened to
 * one workflow run since the runtime last looked at it, as an ordered list of [jobs].
 *
 * This type, [ActivationJob], [WorkflowActivationCompletion] and [WorkflowCommand] form the seam
 * between the replay core (which owns history, matches commands against it and talks to the server)
 * and a workflow runtime (which owns user code and the deterministic dispatcher). A runtime applies
 * every job of an activation to its state, runs user code until nothing can make progress, and
 * answers with exactly one [WorkflowActivationCompletion].
 *
 * The order of [jobs] is fixed by [JobOrder]; runtimes may rely on it. An activation is one of:
 * - a *mutating* activation (no [ActivationJob.QueryWorkflow], no [ActivationJob.RemoveFromCache]),
 * - a *query* activation holding only [ActivationJob.QueryWorkflow] jobs,
 * - an *eviction* holding exactly one [ActivationJob.RemoveFromCache] job; it must not run user code
 *   and may be answered with an empty successful completion.
 *
 * ```
 * val activation = WorkflowActivation(
 *     runId = "run-1",
 *     timestamp = Instant.parse("2026-01-01T00:00:00Z"),
 *     isReplaying = false,
 *     historyLength = 3,
 *     jobs = listOf(ActivationJob.FireTimer(seq = 1)),
 * )
 * ```
 *
 * @property runId the run this activation belongs to; also the cache key of the run.
 * @property timestamp workflow time: the time of the workflow task started event being processed.
 *   `null` only for evictions, which carry no time.
 * @property isReplaying `true` while the jobs come from history that has already been processed once,
 *   so side effects such as logging should be suppressed.
 * @property historyLength id of the most recent history event processed, deterministic on replay.
 * @property historySizeBytes history size as of the last workflow task started event.
 * @property continueAsNewSuggested whether the server suggested continuing as new at the last workflow
 *   task started event.
 * @property availableInternalFlags ids of the [LogicFlag]s the runtime may apply. When not replaying,
 *   every flag the worker knows is available; when replaying, only those recorded in history so far.
 *   Not a delta: every flag seen so far is always listed. Only ids this worker knows get here: a history
 *   recording one it does not know (written by a newer version) fails the workflow task before any activation
 *   (see [LogicFlag]).
 * @property buildId build id of the worker that processed the current task in history, or empty.
 * @property jobs what to apply, in [JobOrder] order.
 */
@InternalTemporalApi
public data class WorkflowActivation(
    public val runId: String,
    public val timestamp: Instant?,
    public val isReplaying: Boolean,
    public val historyLength: Int,
    public val jobs: List<ActivationJob>,
    public val historySizeBytes: Long = 0,
    public val continueAsNewSuggested: Boolean = false,
    public val availableInternalFlags: Set<Int> = emptySet(),
    public val buildId: String = "",
) {
    /** `true` when this activation is an eviction: a single [ActivationJob.RemoveFromCache] job. */
    public val isEviction: Boolean
        get() = jobs.size == 1 && jobs[0] is ActivationJob.RemoveFromCache

    /** `true` when this activation holds only queries, so user code may read but not change state. */
    public val isQueryOnly: Boolean
        get() = jobs.isNotEmpty() && jobs.all { it is ActivationJob.QueryWorkflow }
}
