package dev.temporalkt.benchmarks.child

import java.lang.management.ManagementFactory

/** What a worker process measures about itself: CPU time, heap after a full GC, bytes allocated. */
object SelfStats {
    private val os = ManagementFactory.getOperatingSystemMXBean() as com.sun.management.OperatingSystemMXBean
    private val threads = ManagementFactory.getThreadMXBean() as com.sun.management.ThreadMXBean

    /** CPU time of the whole process (all threads, JIT and GC included), in nanoseconds. */
    fun processCpuNanos(): Long = os.processCpuTime

    /**
     * Time the JIT compilers have spent compiling so far, in nanoseconds (the JVM's accumulated compilation time, summed
     * over its compiler threads; they do nothing but compile, so it is close to their CPU time).
     */
    fun jitNanos(): Long = ManagementFactory.getCompilationMXBean().totalCompilationTime * 1_000_000

    /** Heap in use now, garbage included (no collection first). */
    fun heapUsed(): Long = ManagementFactory.getMemoryMXBean().heapMemoryUsage.used

    /** Heap in use after full collections; several rounds so finalization and reference processing settle. */
    fun heapAfterGc(): Long {
        repeat(3) {
            System.gc()
            Thread.sleep(50)
        }
        return ManagementFactory.getMemoryMXBean().heapMemoryUsage.used
    }

    private val totalAllocated = runCatching {
        com.sun.management.ThreadMXBean::class.java.getMethod("getTotalThreadAllocatedBytes")
    }.getOrNull()

    /** Whether [allocatedBytes] counts every thread (JDK 21+) or only the calling one. */
    val allocationCountsAllThreads: Boolean get() = totalAllocated != null

    /**
     * Heap bytes allocated so far: by all threads, dead ones included, where the JDK can tell (21+); otherwise by the
     * calling thread only.
     */
    fun allocatedBytes(): Long =
        if (totalAllocated != null) totalAllocated.invoke(threads) as Long else threads.getThreadAllocatedBytes(Thread.currentThread().id)

    /** The `GC.class_histogram` diagnostic command's output (a full GC first, then live objects per class). */
    fun classHistogram(): String =
        ManagementFactory.getPlatformMBeanServer().invoke(
            javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
            "gcClassHistogram",
            arrayOf<Any>(arrayOf<String>()),
            arrayOf(Array<String>::class.java.name),
        ) as String
}
