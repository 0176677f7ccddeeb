package dev.temporalkt.workflow.internal

import kotlinx.coroutines.CancellableContinuation
import kotlin.time.Duration

/** Where [WorkflowDispatcher] turns `delay` and `withTimeout` into durable timers of the run. */
internal interface DurableTimers {
    /**
     * Emits a StartTimer command for [duration] and returns its sequence number; [continuation] resumes on the loop
     * thread when the matching FireTimer job is applied, or with the run's teardown error when the run is evicted first.
     */
    fun startTimer(duration: Duration, continuation: CancellableContinuation<Unit>): Int

    /**
     * Emits a StartTimer command for [duration] and returns its sequence number; [onFire] runs on the
     * loop thread when the matching FireTimer job is applied (and never if the run is evicted first).
     */
    fun startTimer(duration: Duration, onFire: () -> Unit): Int

    /** Forgets the timer [seq] and emits CancelTimer if it has neither fired nor been cancelled yet. */
    fun cancelTimer(seq: Int)
}
