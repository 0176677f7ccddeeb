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
     * Waits for [task], running on [thread] which had used [cpuStart] of CPU when it began, as the class describes.
     *
     * @throws TimeoutException when the activation counts as deadlocked.
     */
    fun <T> await(task: FutureTask<T>, thread: Thread, cpuStart: Long, timeout: Duration): T {
        val timeoutNanos = timeout.inWholeNanoseconds
        val hardDeadline = System.nanoTime() + timeoutNanos * HARD_LIMIT_FACTOR
        var wait = timeoutNanos
        while (true) {
            try {
                return task.get(wait, TimeUnit.NANOSECONDS)
            } catch (e: TimeoutException) {
                if (!cpuTimeAvailable || System.nanoTime() >= hardDeadline || thread.state != Thread.State.RUNNABLE) throw e
                val used = threads.getThreadCpuTime(thread.id) - cpuStart
                if (used >= timeoutNanos) throw e
                wait = maxOf(timeoutNanos / 4, 1_000_000L)
            }
        }
    }
}
