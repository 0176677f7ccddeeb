package dev.temporalkt.worker.internal

import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.replay.WorkflowRunEngine
import dev.temporalkt.workflow.internal.WorkflowInstance

/**
 * One workflow run held by a worker: its replay engine, its workflow instance once initialized, and the lock that
 * keeps two tasks of the run (a workflow task and a legacy query task) from running at once.
 *
 * Everything but [runId] and [lock] is read and changed only by the holder of [lock]: the task processing the run, or
 * the worker evicting it. An evicted run is [discarded] and no longer in the cache; a task that looked it up before
 * the eviction and locked it after must look the run up again.
 */
@OptIn(InternalTemporalApi::class)
internal class CachedRun(val runId: String, var engine: WorkflowRunEngine) {
    val lock = RunLock()
    var instance: WorkflowInstance? = null

    /** Removed from the cache and torn down; see the class documentation. */
    @Volatile
    var discarded = false

    /** The run's local activities, once it scheduled one. */
    var localActivities: RunLocalActivities? = null

    /** The started event id of the last workflow task applied to [engine]; 0 before the first. */
    var lastStartedEventId: Long = 0
}

/**
 * The runs a worker keeps between workflow tasks, least recently used first out.
 *
 * [capacity] 0 keeps nothing: every task then starts from a fresh run that is dropped after the task. A run is pushed
 * out only if its lock can be taken at once: runs busy with a task are skipped, and when every run is busy the cache
 * may briefly exceed its capacity.
 */
internal class WorkflowRunCache(private val capacity: Int) {
    private val runs = LinkedHashMap<String, CachedRun>(16, 0.75f, true)

    @Synchronized
    fun get(runId: String): CachedRun? = runs[runId]

    /**
     * Adds [run], returning the runs pushed out to make room. Each is removed from the cache with its lock taken
     * ([RunLock.tryLock]), so no task is working on it; the caller evicts it and releases the lock.
     */
    @Synchronized
    fun put(run: CachedRun): List<CachedRun> {
        if (capacity == 0) return emptyList()
        runs[run.runId] = run
        val evicted = ArrayList<CachedRun>()
        val iterator = runs.values.iterator()
        while (runs.size - evicted.size > capacity && iterator.hasNext()) {
            val candidate = iterator.next()
            if (candidate !== run && candidate.lock.tryLock()) evicted += candidate
        }
        evicted.forEach { runs.remove(it.runId) }
        return evicted
    }

    @Synchronized
    fun remove(runId: String): CachedRun? = runs.remove(runId)

    /** Removes [run] if the cache holds it (and not a newer run of the same id). */
    @Synchronized
    fun remove(run: CachedRun) {
        if (runs[run.runId] === run) runs.remove(run.runId)
    }

    @Synchronized
    fun removeAll(): List<CachedRun> = runs.values.toList().also { runs.clear() }

    val size: Int @Synchronized get() = runs.size
}
