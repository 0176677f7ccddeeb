package dev.temporalkt.workflow.internal

import java.lang.management.ManagementFactory
import java.util.concurrent.FutureTask
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import kotlin.time.Duration

/**
 * Decides when workflow code that has not yielded counts as deadlocked.
 *
 * The rule: once the deadlock timeout has passed on the wall clock, the activation is deadlocked when its thread
 * is not runnable (sleeping, waiting on a lock or a future: it cannot make progress by itself), or when it has used
 * the timeout's worth of CPU (a busy loop). A thread that is runnable but has used less CPU than that is being
 * starved by a loaded machine — class loading, a first serializer set-up — and is given more time, up to
 * [HARD_LIMIT_FACTOR] times the timeout on the wall clock, after which it counts as deadlocked whatever its state.
 * Without per-thread CPU accounting in the JVM the wall clock alone decides.
 */
internal object DeadlockClock {
    private const val HARD_LIMIT_FACTOR = 10
    private val threads = ManagementFactory.getThreadMXBean()
    private val cpuTimeAvailable = threads.isCurrentThreadCpuTimeSupported && threads.isThreadCpuTimeSupported &&
        runCatching { threads.isThreadCpuTimeEnabled }.getOrDefault(false)

    /** CPU time of the calling thread, or 0 when the JVM does not measure it. */
    fun currentThreadCpuNanos(): Long = if (cpuTimeAvailable) threads.currentThreadCpuTime else 0L

    /**
     * Where and when an activation began on its loop thread: the loop thread calls [mark] first thing. The clock of
     * [await] starts there, not when the task was handed to the executor, so a task still queued in a busy
     * executor is never taken for a deadlock (and the caller does not wait for the loop thread to start first).
     */
    class LoopStart {
        @Volatile
        var thread: Thread? = null
            private set
        var cpuNanos: Long = 0L
            private set
        var wallNanos: Long = 0L
            private set

        /** Called on the loop thread before the activation's code; [thread] is written last, publishing the rest. */
        fun mark() {
            cpuNanos = currentThreadCpuNanos()
            wallNanos = System.nanoTime()
            thread = Thread.currentThread()
        }
    }

    /**
     * Waits for [task], whose loop thread calls [LoopStart.mark] on [start] when it begins, as the class describes.
     *
     * @throws TimeoutException when the activation counts as deadlocked; [LoopStart.thread] is set by then.
     */
    fun <T> await(task: FutureTask<T>, start: LoopStart, timeout: Duration): T {
        val timeoutNanos = timeout.inWholeNanoseconds
        var wait = timeoutNanos
        while (true) {
            try {
                return task.get(wait, TimeUnit.NANOSECONDS)
            } catch (e: TimeoutException) {
                if (start.thread == null) continue
                wait = remainingNanos(start, timeoutNanos)
                if (wait == 0L) throw e
            }
        }
    }

    /**
     * How long to wait still before the activation that began at [start] ([LoopStart.mark] called) counts as
     * deadlocked under [timeoutNanos], by the rule of the class documentation; 0 when it counts as deadlocked now.
     */
    fun remainingNanos(start: LoopStart, timeoutNanos: Long): Long {
        val thread = start.thread ?: return timeoutNanos
        val running = System.nanoTime() - start.wallNanos
        if (running < timeoutNanos) return timeoutNanos - running
        if (!cpuTimeAvailable || running >= timeoutNanos * HARD_LIMIT_FACTOR || thread.state != Thread.State.RUNNABLE) return 0L
        val used = threads.getThreadCpuTime(thread.id) - start.cpuNanos
        if (used >= timeoutNanos) return 0L
        return maxOf(timeoutNanos / 4, 1_000_000L)
    }
}
