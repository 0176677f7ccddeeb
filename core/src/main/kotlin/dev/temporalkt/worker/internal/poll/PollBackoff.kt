package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi
import kotlin.math.min
import kotlin.random.Random
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Delay between failed polls: exponential from [initial] by [multiplier] up to [maximum], each delay spread by
 * ±[jitter] (a fraction) so that many pollers do not retry in lockstep. A poll error never leads to a tight loop.
 *
 * @property initial the delay after the first failure.
 * @property maximum the longest delay.
 * @property multiplier growth per further consecutive failure.
 * @property jitter relative spread applied to each delay, between 0 and 1.
 */
@InternalTemporalApi
public class PollBackoff(
    public val initial: Duration = 200.milliseconds,
    public val maximum: Duration = 10.seconds,
    public val multiplier: Double = 2.0,
    public val jitter: Double = 0.2,
) {
    init {
        require(initial.isPositive()) { "Poll backoff initial delay must be positive, was $initial" }
        require(maximum >= initial) { "Poll backoff maximum ($maximum) must be at least the initial delay ($initial)" }
        require(multiplier >= 1.0) { "Poll backoff multiplier must be at least 1, was $multiplier" }
        require(jitter in 0.0..1.0) { "Poll backoff jitter must be between 0 and 1, was $jitter" }
    }

    /** The delay before the next poll after [consecutiveFailures] (≥ 1) failures in a row, before jitter. */
    public fun baseDelay(consecutiveFailures: Int): Duration {
        require(consecutiveFailures >= 1) { "consecutiveFailures must be at least 1, was $consecutiveFailures" }
        var millis = initial.inWholeMilliseconds.toDouble()
        val cap = maximum.inWholeMilliseconds.toDouble()
        repeat(min(consecutiveFailures - 1, 64)) {
            millis = min(millis * multiplier, cap)
        }
        return millis.milliseconds
    }

    /** [baseDelay] spread by the jitter, never below [initial] / 2 and never above [maximum]. */
    public fun delay(consecutiveFailures: Int, random: Random = Random.Default): Duration {
        val base = baseDelay(consecutiveFailures)
        val factor = 1.0 + jitter * (random.nextDouble() * 2.0 - 1.0)
        return (base * factor).coerceIn(initial / 2, maximum)
    }
}
