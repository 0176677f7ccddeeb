package dev.temporalkt.worker.internal.logging

import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.grpc.StatusException
import io.grpc.StatusRuntimeException
import org.slf4j.Logger
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.nanoseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Logs a condition that repeats, such as the polls of a task queue failing while the server is unreachable, as a
 * handful of lines instead of one line (and one stack trace) per attempt:
 *  - every failure goes to DEBUG, with its stack trace;
 *  - a call cut because the server recycles its connection ([isConnectionRecycling]) is routine and goes to DEBUG
 *    only: the next attempt runs on a new connection;
 *  - the condition starts when one caller fails [threshold] times in a row (the first failure alone is routine: a
 *    long poll cut by connection recycling fails once and the next attempt works), logged once at WARN with the error
 *    and no stack trace;
 *  - while it lasts, at most one WARN every [reminderInterval], with the number of failures since it started;
 *  - the first success after it ends it, logged once at INFO with the number of failures and the time it lasted.
 *
 * [what] names what fails, e.g. `Polling workflow task queue 'orders'`. Safe to share between concurrent callers.
 */
@InternalTemporalApi
public class RepeatedFailureLog(
    private val logger: Logger,
    private val what: String,
    private val reminderInterval: Duration = 30.seconds,
    private val threshold: Int = 2,
    private val nanoTime: () -> Long = System::nanoTime,
) {
    init {
        require(threshold >= 1) { "The failure threshold must be at least 1, was $threshold" }
        require(reminderInterval.isPositive()) { "The reminder interval must be positive, was $reminderInterval" }
    }

    private var failing = false
    private var since = 0L
    private var lastReport = 0L
    private var failures = 0L

    /** Whether the condition is on (a WARN was logged and no success followed yet). */
    public val isFailing: Boolean @Synchronized get() = failing

    /** Notes a failure of an attempt that failed [inARow] times in a row for its caller (1 for a first failure). */
    @Synchronized
    public fun failed(error: Throwable, inARow: Int) {
        logger.debug("{} failed ({} in a row)", what, inARow, error)
        if (isConnectionRecycling(error)) return
        val now = nanoTime()
        if (failing) {
            failures++
            if ((now - lastReport).nanoseconds >= reminderInterval) {
                lastReport = now
                logger.warn(
                    "{} is still failing: {} failed attempts in the last {}; the last error: {}",
                    what, failures, elapsed(now), describe(error),
                )
            }
            return
        }
        if (inARow < threshold) return
        failing = true
        since = now
        lastReport = now
        failures = inARow.toLong()
        logger.warn(
            "{} is failing: {}; retrying with back-off (logged again at most every {} while it lasts; stack traces at DEBUG)",
            what, describe(error), reminderInterval,
        )
    }

    /** Notes a successful attempt; ends the condition if it was on. */
    @Synchronized
    public fun succeeded() {
        if (!failing) return
        failing = false
        logger.info("{} works again after {} failed attempts in {}", what, failures, elapsed(nanoTime()))
    }

    private fun elapsed(now: Long): Duration = (now - since).nanoseconds.inWholeMilliseconds.milliseconds

    /** Describes errors for these logs. */
    public companion object {
        /**
         * Whether [error] is a call cut by the server closing a connection it had asked the client to leave (an
         * HTTP/2 GOAWAY without error, e.g. at the server's maximum connection age): gRPC reports it as UNAVAILABLE
         * "Connection closed after GOAWAY. HTTP/2 error code: NO_ERROR" (or "Abrupt GOAWAY" with NO_ERROR).
         */
        public fun isConnectionRecycling(error: Throwable): Boolean {
            val status = statusOf(error) ?: return false
            val description = status.description ?: return false
            return status.code == Status.Code.UNAVAILABLE && "GOAWAY" in description && "NO_ERROR" in description
        }

        private fun statusOf(error: Throwable): Status? = when (error) {
            is StatusException -> error.status
            is StatusRuntimeException -> error.status
            else -> null
        }

        /** [error] in one line, e.g. `UNAVAILABLE: io exception (Connection refused: /127.0.0.1:7233)`. */
        public fun describe(error: Throwable): String {
            val status = statusOf(error)
            val head = if (status != null) {
                status.code.name + (status.description?.let { ": $it" } ?: "")
            } else {
                error.javaClass.simpleName + (error.message?.let { ": $it" } ?: "")
            }
            val cause = (status?.cause ?: error.cause)?.takeIf { it !== error }
            return if (cause == null) head else "$head (${cause.message ?: cause.javaClass.simpleName})"
        }
    }
}
