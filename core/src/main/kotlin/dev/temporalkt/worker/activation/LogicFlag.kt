package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi

/**
 * A change of replay-visible behaviour of this SDK, switched on per run and recorded in history.
 *
 * Workflow code is replayed against the history it produced, so anything that changes what user code
 * observes — the order of jobs in an activation, when a coroutine resumes, which commands a runtime
 * emits — must not change for runs already in flight. Such a change is introduced behind a flag:
 *
 * 1. The flag gets a new, never reused [id] here; the old behaviour stays in the code.
 * 2. When not replaying, every known flag is available ([WorkflowActivation.availableInternalFlags]).
 *    Code that takes the new path reports the flag in [WorkflowActivationCompletion.Successful.usedInternalFlags],
 *    and the core records it in the SDK metadata of the workflow task completed event.
 * 3. When replaying, a flag is available only from the workflow task where history first recorded it.
 *    A history written before the change therefore never has the flag and replays along the old path;
 *    one written after it does and replays along the new path.
 * 4. A history that records an id unknown to this worker was written by a newer version; the core fails
 *    the workflow task rather than guess the behaviour (the replay engine throws
 *    `UnknownLogicFlagException` naming the event and the ids; the worker reports a failed workflow task, which
 *    the server retries, and the replayer throws it). This is what the Temporal API asks of every SDK for the
 *    flags in `WorkflowTaskCompletedMetadata`. Ids recorded while history names another SDK in that metadata's
 *    `sdk_name` belong to that SDK's own numbering and are ignored, neither checked nor taken as ours.
 *
 * Flags are used by the workflow runtime (reported in its completions) and by the replay core itself (recorded
 * directly when it takes the new path). The order rule of [JobOrder] takes the set of available flags as input for
 * the same reason; no flag changes the order yet.
 */
@InternalTemporalApi
public enum class LogicFlag(
    /** Id recorded in history; stable forever and never reused. */
    public val id: Int,
) {
    /**
     * A child workflow cancelled after its start was initiated but before it started is cancelled once it starts
     * (a request-cancel command for TRY_CANCEL and the WAIT cancellation types), instead of resolving as cancelled
     * with nothing sent while the child goes on running. Used by the replay core.
     */
    CANCEL_CHILD_ONCE_STARTED(1),

    /**
     * Cancelling the coroutine that waits for the delivery of a signal or cancel request to another workflow
     * withdraws the request when its command has not been sent yet (nothing reaches the server), and stops waiting
     * for its outcome when it has. Used by the workflow runtime.
     */
    WITHDRAW_EXTERNAL_REQUESTS(2),
    ;

    /** Lookup of flags by their recorded id. */
    public companion object {
        /** The flag recorded as [id], or `null` when this worker does not know it (history from a newer version). */
        public fun fromId(id: Int): LogicFlag? = entries.firstOrNull { it.id == id }

        /**
         * The known flags among recorded [ids]; unknown ids are dropped. Use [unknownIds] first to reject
         * histories from newer versions.
         */
        public fun fromIds(ids: Set<Int>): Set<LogicFlag> = ids.mapNotNullTo(LinkedHashSet()) { fromId(it) }

        /** The recorded [ids] this worker does not know, in ascending order. */
        public fun unknownIds(ids: Set<Int>): List<Int> = ids.filter { fromId(it) == null }.sorted()
    }
}
