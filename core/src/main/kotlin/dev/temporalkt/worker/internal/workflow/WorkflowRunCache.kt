package dev.temporalkt.worker.internal.workflow


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
