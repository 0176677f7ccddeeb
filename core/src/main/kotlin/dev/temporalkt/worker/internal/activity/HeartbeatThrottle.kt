package dev.temporalkt.worker.internal.activity

import dev.temporalkt.internal.InternalTemporalApi
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * How often heartbeats of one activity attempt actually reach the server.
 *
 * An activity may call `heartbeat` as often as it likes; the worker records the details of every call but sends at
 * most one heartbeat per interval: the first call is sent at once, later ones at the end of the running interval
 * (with the newest details). The interval is 80% of the heartbeat timeout, so a heartbeat always arrives before the
 * server times the attempt out, capped at [MAX_INTERVAL]; without a heartbeat timeout it is [DEFAULT_INTERVAL].
 */
@InternalTemporalApi
public object HeartbeatThrottle {
    /** Interval used when the activity has no heartbeat timeout. */
    public val DEFAULT_INTERVAL: Duration = 30.seconds

    /** Upper bound of the interval whatever the heartbeat timeout. */
    public val MAX_INTERVAL: Duration = 60.seconds

    /** The fraction of the heartbeat timeout used as interval. */
    public const val TIMEOUT_FRACTION: Double = 0.8

    /**
     * The throttle interval for an attempt with [heartbeatTimeout] (`null` or zero: none), bounded by
     * [maxInterval] and defaulting to [defaultInterval].
     */
    public fun interval(
        heartbeatTimeout: Duration?,
        defaultInterval: Duration = DEFAULT_INTERVAL,
        maxInterval: Duration = MAX_INTERVAL,
    ): Duration {
        if (heartbeatTimeout == null || !heartbeatTimeout.isPositive()) return minOf(defaultInterval, maxInterval)
        return minOf(heartbeatTimeout * TIMEOUT_FRACTION, maxInterval)
    }
}
