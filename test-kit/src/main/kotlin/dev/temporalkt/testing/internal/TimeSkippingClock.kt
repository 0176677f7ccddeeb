package dev.temporalkt.testing.internal

import com.google.protobuf.Empty
import dev.temporalkt.api.testservice.v1.LockTimeSkippingRequest
import dev.temporalkt.api.testservice.v1.SleepRequest
import dev.temporalkt.api.testservice.v1.TestServiceGrpcKt.TestServiceCoroutineStub
import dev.temporalkt.api.testservice.v1.UnlockTimeSkippingRequest
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import java.time.Instant
import kotlin.time.Duration

/**
 * The time-skipping test server's clock as one test environment drives it: held (locked) except while the test
 * waits for something only time can bring.
 *
 * The server keeps a lock count and skips time only while it is zero (and no workflow task, activity or update is
 * outstanding). The environment takes one lock when it starts ([hold]); each wait ([unlockedWhile]) releases it
 * for as long as it lasts. Waits may overlap (several results awaited at once), so the server sees one unlock when
 * the first wait begins and one lock when the last one ends, never more unlocks than locks:
 *
 * ```
 * waits in progress: 0 → 1   UnlockTimeSkipping (count 1 → 0, time skips)
 *                    1 → 2   nothing
 *                    2 → 1   nothing
 *                    1 → 0   LockTimeSkipping   (count 0 → 1, time stands)
 * ```
 *
 * The lock is taken back even when the wait is cancelled or fails.
 */
internal class TimeSkippingClock(private val testService: TestServiceCoroutineStub) {
    private val mutex = Mutex()
    private var waits = 0

    /** Takes the environment's lock; called once, before the environment is handed out. */
    suspend fun hold() {
        testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
    }

    /** Runs [block] with time skipping allowed, then holds the clock again (unless another wait still runs). */
    suspend fun <T> unlockedWhile(block: suspend () -> T): T {
        mutex.withLock {
            if (waits == 0) testService.unlockTimeSkipping(UnlockTimeSkippingRequest.getDefaultInstance())
            waits++
        }
        try {
            return block()
        } finally {
            withContext(NonCancellable) {
                mutex.withLock {
                    waits--
                    if (waits == 0) testService.lockTimeSkipping(LockTimeSkippingRequest.getDefaultInstance())
                }
            }
        }
    }

    /**
     * Lets the server's time advance by [duration] (skipping it, unless something is running) and returns then, with
     * the clock standing at that point: the server unlocks the clock for the sleep and locks it again itself
     * (`UnlockTimeSkippingWithSleep`), so the jump stops at [duration] even when the next timer is further ahead.
     * Waits that start meanwhile wait for the sleep to end. While other waits already have the clock unlocked, time
     * skips freely anyway, and the sleep returns once [duration] has passed.
     */
    suspend fun sleep(duration: Duration) {
        val request = SleepRequest.newBuilder().setDuration(duration.toProtoDuration()).build()
        val sleptHeld = mutex.withLock {
            if (waits == 0) {
                testService.unlockTimeSkippingWithSleep(request)
                true
            } else {
                false
            }
        }
        if (!sleptHeld) testService.sleep(request)
    }

    /** The server's current time. */
    suspend fun now(): Instant {
        val time = testService.getCurrentTime(Empty.getDefaultInstance()).time
        return Instant.ofEpochSecond(time.seconds, time.nanos.toLong())
    }

    private fun Duration.toProtoDuration(): com.google.protobuf.Duration = toComponents { seconds, nanoseconds ->
        com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanoseconds).build()
    }
}
