package dev.temporalkt.benchmarks

import dev.temporalkt.client.Client
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Semaphore
import kotlinx.coroutines.sync.withPermit
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.TimeSource

/** Drives workflows from the harness JVM (the load generator), outside the measured worker process. */
class LoadGenerator(private val client: Client) {
    /** Runs [block] for 0 until [count] with at most [parallelism] calls in flight. */
    suspend fun forEach(count: Int, parallelism: Int = 32, block: suspend (Int) -> Unit) = coroutineScope {
        val permits = Semaphore(parallelism)
        for (i in 0 until count) {
            permits.acquire()
            launch {
                try {
                    block(i)
                } finally {
                    permits.release()
                }
            }
        }
    }

    /** Runs [block] for 0 until [count], call `i` starting `i / ratePerSecond` seconds after the first. */
    suspend fun atRate(count: Int, ratePerSecond: Int, block: suspend (Int) -> Unit) = coroutineScope {
        val start = TimeSource.Monotonic.markNow()
        val permits = Semaphore(256)
        for (i in 0 until count) {
            val due = (i * 1000L / ratePerSecond).milliseconds
            val wait = due - start.elapsedNow()
            if (wait.isPositive()) delay(wait)
            permits.acquire()
            launch {
                try {
                    block(i)
                } finally {
                    permits.release()
                }
            }
        }
    }

    /** Waits until no workflow on [taskQueue] is running, as the server's visibility store reports it. */
    suspend fun awaitNoneRunning(taskQueue: String, timeout: Duration) {
        val start = TimeSource.Monotonic.markNow()
        while (true) {
            val running = client.countWorkflows("TaskQueue = '$taskQueue' AND ExecutionStatus = 'Running'").count
            if (running == 0L) return
            check(start.elapsedNow() < timeout) { "$running workflow(s) on $taskQueue still running after $timeout" }
            delay(200.milliseconds)
        }
    }

    /** Polls [worker] until its activity counter reaches [expected]. */
    suspend fun awaitActivities(worker: ChildProcess, expected: Long, timeout: Duration) {
        val start = TimeSource.Monotonic.markNow()
        while (true) {
            val done = worker.stats().activities
            if (done >= expected) return
            check(start.elapsedNow() < timeout) { "${worker.description}: $done of $expected activities after $timeout" }
            delay(100.milliseconds)
        }
    }

    /**
     * Waits until [worker] is idle: less than 5% of one core used over two consecutive half-second windows (its
     * pollers keep a little CPU busy), so the last workflow tasks have been processed.
     */
    suspend fun awaitQuiet(worker: ChildProcess, timeout: Duration) {
        val start = TimeSource.Monotonic.markNow()
        var quietWindows = 0
        var last = worker.stats().cpuNanos
        while (quietWindows < 2 && start.elapsedNow() < timeout) {
            delay(500.milliseconds)
            val now = worker.stats().cpuNanos
            quietWindows = if (now - last < 25_000_000) quietWindows + 1 else 0
            last = now
        }
    }
}
