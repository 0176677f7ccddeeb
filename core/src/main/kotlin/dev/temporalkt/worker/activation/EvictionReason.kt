package dev.temporalkt.worker.activation

import dev.temporalkt.internal.InternalTemporalApi

/** Why the core asks a runtime to drop a cached run (see [ActivationJob.RemoveFromCache]). */
@InternalTemporalApi
public enum class EvictionReason {
    /** No reason given. */
    UNSPECIFIED,

    /** The workflow cache is full and this run was the least recently used. */
    CACHE_FULL,

    /** A partial history arrived for a run that is not cached; the run will be replayed from full history. */
    CACHE_MISS,

    /** The runtime produced commands that do not match history. */
    NONDETERMINISM,

    /** The runtime answered the previous activation with [WorkflowActivationCompletion.Failed]. */
    LANG_FAIL,

    /** The runtime itself asked for the eviction. */
    LANG_REQUESTED,

    /** The server no longer knew the workflow task (run finished or task timed out). */
    TASK_NOT_FOUND,

    /** New events arrived while completing the task (for example a signal during completion). */
    UNHANDLED_COMMAND,

    /** An internal error; the message says what happened. */
    FATAL,

    /** Fetching further pages of history failed. */
    PAGINATION_OR_HISTORY_FETCH,

    /** The run closed (complete, fail, cancel, continue-as-new) and the server accepted it. */
    WORKFLOW_EXECUTION_ENDING,
}
