@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.workflow

import dev.temporalkt.worker.internal.localactivity.RunLocalActivities
import dev.temporalkt.worker.internal.replay.WorkflowRunEngine

/**
 * One workflow run held by a worker: its replay engine, its workflow runtime once the run's code is created, and the
 * lock that keeps two tasks of the run (a workflow task and a legacy query task) from running at once.
 *
 * Everything but [runId] and [lock] is read and changed only by the holder of [lock]: the task processing the run, or
 * the worker evicting it. An evicted run is [discarded] and no longer in the cache; a task that looked it up before
 * the eviction and locked it after must look the run up again.
 */
internal class CachedRun(val runId: String, var engine: WorkflowRunEngine) {
    val lock = RunLock()
    var runtime: WorkflowRuntime? = null

    /** Removed from the cache and torn down; see the class documentation. */
    @Volatile
    var discarded = false

    /** The run's local activities, once it scheduled one. */
    var localActivities: RunLocalActivities? = null

    /** The started event id of the last workflow task applied to [engine]; 0 before the first. */
    var lastStartedEventId: Long = 0

    /** When the run started (its WorkflowExecutionStarted event), once its workflow runtime was created. */
    var startTime: java.time.Instant? = null
}
