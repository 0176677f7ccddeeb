@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.worker.activation.WorkflowCommand
import kotlinx.coroutines.CancellableContinuation
import kotlinx.coroutines.suspendCancellableCoroutine
import kotlinx.coroutines.yield
import kotlin.coroutines.resume
import kotlin.coroutines.resumeWithException
import kotlin.time.Duration

/**
 * The durable timers of one run by sequence number. A pending timer holds either the suspended coroutine to resume
 * (`delay`, [dev.temporalkt.workflow.Workflow.sleep]: no extra object per sleeping run) or an action to run when it
 * fires (a `withTimeout` deadline, a local activity's retry backoff).
 *
 * Starting a timer records StartTimer at once; cancelling one that has not fired records CancelTimer (not while the
 * run is torn down); FireTimer resumes the waiter, queued on the dispatcher like every resumption.
 */
internal class RunTimers(private val run: WorkflowInstance) : DurableTimers {
    private var seq = 0
    private var pendingOrNull: HashMap<Int, Any>? = null
    private val pending: HashMap<Int, Any> get() = pendingOrNull ?: HashMap<Int, Any>().also { pendingOrNull = it }

    override fun startTimer(duration: Duration, continuation: CancellableContinuation<Unit>): Int =
        start(duration, null, "delay/withTimeout", continuation)

    override fun startTimer(duration: Duration, onFire: () -> Unit): Int = start(duration, null, "delay/withTimeout", onFire)

    /** Starts a timer that resumes [waiter] (a `CancellableContinuation<Unit>`) or runs it (a `() -> Unit`). */
    private fun start(duration: Duration, summary: String?, api: String, waiter: Any): Int {
        run.requireMutable(api)
        val timer = ++seq
        pending[timer] = waiter
        run.emit(WorkflowCommand.StartTimer(timer, duration, summary?.let(run::stringPayload)))
        return timer
    }

    override fun cancelTimer(seq: Int) {
        if (pendingOrNull?.remove(seq) != null && !run.evicting) run.emit(WorkflowCommand.CancelTimer(seq))
    }

    /** [dev.temporalkt.workflow.Workflow.sleep]: a timer with a summary; a duration that is not positive only yields. */
    suspend fun sleep(duration: Duration, summary: String?) {
        if (!duration.isPositive()) {
            yield()
            return
        }
        suspendCancellableCoroutine<Unit> { continuation ->
            val timer = start(duration, summary, "Workflow.sleep", continuation)
            continuation.invokeOnCancellation { cancelTimer(timer) }
        }
    }

    /** The pending timers, for the stack trace query. */
    fun describePending(): List<String> = pendingOrNull?.keys?.sorted()?.map { "timer $it" } ?: emptyList()

    @Suppress("UNCHECKED_CAST")
    fun fire(timer: Int) {
        when (val waiter = pendingOrNull?.remove(timer)) {
            is CancellableContinuation<*> -> (waiter as CancellableContinuation<Unit>).resume(Unit)
            null -> if (timer > seq) {
                run.failTask(
                    IllegalStateException(
                        "FireTimer for timer $timer, which this run never started; the workflow code is probably " +
                            "not deterministic",
                    ),
                )
            }
            else -> (waiter as () -> Unit)()
        }
    }

    /** Whether no timer is pending. */
    val isEmpty: Boolean get() = pendingOrNull.isNullOrEmpty()

    /** The run is torn down: coroutines waiting for a timer resume with [error]; actions are dropped. */
    fun failAll(error: Throwable) {
        val waiters = pendingOrNull?.values?.toList() ?: return
        pendingOrNull = null
        for (waiter in waiters) if (waiter is CancellableContinuation<*>) waiter.resumeWithException(error)
    }
}
