package dev.temporalkt.benchmarks

/**
 * What a worker process reports about itself at one moment.
 *
 * @property cpuNanos CPU time of the whole process so far (all threads).
 * @property jitNanos time the JIT compilers spent so far (part of [cpuNanos]); `null` for workers without a JVM.
 * @property activities activity executions so far.
 * @property heapUsed JVM heap in use now (not collected first); `null` for workers without a JVM heap.
 */
data class WorkerStats(val cpuNanos: Long, val activities: Long, val heapUsed: Long?, val jitNanos: Long? = null)
