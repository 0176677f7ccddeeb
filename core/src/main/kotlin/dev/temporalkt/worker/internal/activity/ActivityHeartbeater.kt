package dev.temporalkt.worker.internal.activity

import dev.temporalkt.worker.internal.logging.RepeatedFailureLog
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.internal.InternalTemporalApi
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import org.slf4j.Logger
import org.slf4j.LoggerFactory
import kotlin.time.Duration
import kotlin.time.TimeMark
import kotlin.time.TimeSource

/**
 * Heartbeats of one activity attempt: records the details of every [record] call, sends them throttled to one
 * heartbeat per [throttleInterval] (see [HeartbeatThrottle]) through [send], and watches the [heartbeatTimeout].
 *
 * - The first recorded heartbeat is sent at once; details recorded while an interval runs replace each other and the
 *   newest is sent when the interval ends. An idle heartbeater sends the next recorded heartbeat at once again.
 * - [send] returns the reason to cancel the attempt with (the server asked for cancellation, pause or reset, or no
 *   longer knows the attempt), or `null`; the reason goes to [onCancel].
 * - With a [heartbeatTimeout], an attempt that records no heartbeat for that long (since it started or since its
 *   last [record]) is cancelled with [ActivityCancelReason.HEARTBEAT_TIMEOUT].
 * - [finish] stops all that, sends details recorded but not sent yet, and returns the last recorded details, so
 *   they reach the server before the attempt's outcome is reported.
 *
 * Loops run in [scope]; [record] is thread-safe and never blocks. The send loop is launched by the first [record]
 * call, so an attempt that never heartbeats (and has no heartbeat timeout) launches no coroutine at all.
 *
 * @property throttleInterval the least time between two heartbeats sent, usually [HeartbeatThrottle.interval].
 * @property heartbeatTimeout the attempt's heartbeat timeout, or `null` when it has none.
 */
@InternalTemporalApi
public class ActivityHeartbeater(
    public val throttleInterval: Duration,
    public val heartbeatTimeout: Duration?,
    private val scope: CoroutineScope,
    private val send: suspend (details: Payloads) -> ActivityCancelReason?,
    private val onCancel: (ActivityCancelReason) -> Unit,
    private val timeSource: TimeSource = TimeSource.Monotonic,
    private val logger: Logger = LoggerFactory.getLogger(ActivityHeartbeater::class.java),
    /** What the heartbeats are about, for logs, e.g. `activity charge (id 3, workflow order-7, run 1a2b...)`. */
    private val subject: String = "an activity",
) {
    private val lock = Any()
    private var pending: Payloads? = null
    private var inFlight: Payloads? = null
    private var lastRecorded: Payloads? = null
    private var lastBeat: TimeMark = timeSource.markNow()
    private var finished = false
    private val wakeUp = Channel<Unit>(Channel.CONFLATED)
    private val sendLock = Mutex()
    private var sendLoop: Job? = null
    private var watchdog: Job? = null

    /** Number of heartbeats sent to the server so far. */
    @Volatile
    public var sentCount: Int = 0
        private set

    /** Starts the watchdog when there is a heartbeat timeout; the send loop starts with the first [record]. */
    public fun start() {
        val timeout = heartbeatTimeout
        if (timeout != null && timeout.isPositive()) watchdog = scope.launch { runWatchdog(timeout) }
    }

    /** Records a heartbeat with [details] (already converted; codecs are applied by [send]). */
    public fun record(details: Payloads) {
        val newLoop = synchronized(lock) {
            if (finished) return
            pending = details
            lastRecorded = details
            lastBeat = timeSource.markNow()
            // created lazily and published under the lock, so that finish() always sees (and cancels) it
            if (sendLoop == null) scope.launch(start = CoroutineStart.LAZY) { runSendLoop() }.also { sendLoop = it } else null
        }
        wakeUp.trySend(Unit)
        newLoop?.start()
    }

    /** Whether the send loop was launched, which happens on the first [record]. */
    internal val sendLoopLaunched: Boolean get() = synchronized(lock) { sendLoop != null }

    /** The details of the last [record] call, or `null` when the attempt never heartbeated. */
    public val lastDetails: Payloads? get() = synchronized(lock) { lastRecorded }

    private suspend fun runSendLoop() {
        for (signal in wakeUp) {
            val details = synchronized(lock) {
                pending.also {
                    inFlight = it
                    pending = null
                }
            } ?: continue
            sendNow(details)
            synchronized(lock) { inFlight = null }
            delay(throttleInterval)
        }
    }

    private suspend fun runWatchdog(timeout: Duration) {
        while (true) {
            val remaining = timeout - synchronized(lock) { lastBeat }.elapsedNow()
            if (!remaining.isPositive()) {
                onCancel(ActivityCancelReason.HEARTBEAT_TIMEOUT)
                return
            }
            delay(remaining)
        }
    }

    private suspend fun sendNow(details: Payloads) {
        sendLock.withLock {
            val reason = try {
                send(details).also { sentCount++ }
            } catch (e: CancellationException) {
                throw e
            } catch (e: Exception) {
                logger.warn("Sending a heartbeat of {} failed: {}; the next heartbeat will try again", subject, RepeatedFailureLog.describe(e))
                logger.debug("Sending a heartbeat of {} failed", subject, e)
                null
            }
            if (reason != null) onCancel(reason)
        }
    }

    /**
     * Stops the loops; when [flush] is set, sends the details recorded but not yet sent (including a send that was
     * interrupted); returns the last recorded details.
     */
    public suspend fun finish(flush: Boolean = true): Payloads? {
        val loop = synchronized(lock) {
            finished = true
            sendLoop
        }
        watchdog?.cancelAndJoin()
        loop?.cancelAndJoin()
        wakeUp.close()
        val unsent = synchronized(lock) { (pending ?: inFlight).also { pending = null; inFlight = null } }
        if (flush && unsent != null) sendNow(unsent)
        return lastDetails
    }
}
