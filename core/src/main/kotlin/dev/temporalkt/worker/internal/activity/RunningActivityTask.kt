package dev.temporalkt.worker.internal.activity

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import java.util.concurrent.CopyOnWriteArrayList

/**
 * One activity attempt while it runs: the polled [task], heartbeats, cancellation and worker-shutdown notification.
 * Handed by [ActivityTaskProcessor] to the code that runs the activity; everything here is thread-safe.
 */
@InternalTemporalApi
public class RunningActivityTask(
    /** The task as polled (payloads still encoded by the codecs); for a local activity, built by the worker. */
    public val task: PollActivityTaskQueueResponse,
    /** The task queue it was polled from (for a local activity, the workflow's). */
    public val taskQueue: String,
    /** Whether this is an attempt of a local activity, run by the workflow worker without an activity task. */
    public val isLocal: Boolean = false,
) {
    @Volatile
    internal var heartbeater: ActivityHeartbeater? = null

    @Volatile
    private var reason: ActivityCancelReason? = null

    @Volatile
    private var shuttingDown = false

    private val cancelListeners = CopyOnWriteArrayList<(ActivityCancelReason) -> Unit>()
    private val shutdownListeners = CopyOnWriteArrayList<() -> Unit>()

    /** Records a heartbeat with already converted [details]; sent throttled, codecs applied on the way. */
    public fun heartbeat(details: Payloads) {
        heartbeater?.record(details)
    }

    /** Why the attempt was cancelled, or `null` while it was not. */
    public val cancelReason: ActivityCancelReason? get() = reason

    /** Whether the worker running this attempt is shutting down. */
    public val isWorkerShuttingDown: Boolean get() = shuttingDown

    /** Calls [listener] once when the attempt is cancelled (at once when it already is). */
    public fun onCancel(listener: (ActivityCancelReason) -> Unit) {
        cancelListeners += listener
        reason?.let { current -> if (cancelListeners.remove(listener)) listener(current) }
    }

    /** Calls [listener] once when the worker starts shutting down (at once when it already is). */
    public fun onWorkerShutdown(listener: () -> Unit) {
        shutdownListeners += listener
        if (shuttingDown && shutdownListeners.remove(listener)) listener()
    }

    /** Cancels the attempt with [cancelReason]; only the first reason counts. Returns whether this call cancelled it. */
    public fun cancel(cancelReason: ActivityCancelReason): Boolean {
        synchronized(this) {
            if (reason != null) return false
            reason = cancelReason
        }
        drain(cancelListeners) { it(cancelReason) }
        return true
    }

    internal fun notifyWorkerShutdown() {
        synchronized(this) {
            if (shuttingDown) return
            shuttingDown = true
        }
        drain(shutdownListeners) { it() }
    }

    private inline fun <L> drain(listeners: MutableList<L>, call: (L) -> Unit) {
        for (listener in listeners.toList()) {
            if (listeners.remove(listener)) call(listener)
        }
    }
}
