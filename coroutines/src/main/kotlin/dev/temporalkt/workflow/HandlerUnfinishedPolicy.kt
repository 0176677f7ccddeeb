package dev.temporalkt.workflow

/**
 * What to do when the workflow finishes (completes, fails, is cancelled or continues as new) while a signal
 * or update handler is still running. Either way the handler is abandoned; the policy only decides whether
 * the worker logs a warning naming it.
 *
 * ```kotlin
 * @Update(unfinishedPolicy = HandlerUnfinishedPolicy.ABANDON)
 * suspend fun bestEffortRefresh() { ... }
 * ```
 */
public enum class HandlerUnfinishedPolicy {
    /** Log a warning that names the unfinished handler. The default. */
    WARN_AND_ABANDON,

    /** Abandon the handler silently. */
    ABANDON,
}
