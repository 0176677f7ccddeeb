package dev.temporalkt.client

import io.grpc.Status
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * How a [Connection] retries RPCs that failed with a transient status.
 *
 * Every unary RPC made through a connection's stubs is retried with exponential backoff and jitter when it fails
 * with one of these codes:
 * - `UNAVAILABLE`, `ABORTED`: always;
 * - `RESOURCE_EXHAUSTED`: always, with the backoff starting at [resourceExhaustedInitialInterval] (the server is
 *   throttling, so hammering it helps nobody);
 * - `INTERNAL`: only for read-only calls (`Get…`, `Describe…`, `List…`, `Count…`, `Scan…`, `Poll…`), where a
 *   second attempt cannot repeat a side effect;
 * - `DEADLINE_EXCEEDED`: only for calls that are not long polls, while the caller's own deadline has not passed.
 *
 * Other codes (`INVALID_ARGUMENT`, `NOT_FOUND`, `ALREADY_EXISTS`, `PERMISSION_DENIED`, `UNAUTHENTICATED`,
 * `FAILED_PRECONDITION`, `CANCELLED`, …) fail at once. The n-th retry waits
 * `min(initialInterval × backoffCoefficient^(n-1), maximumInterval)` randomised by ±[jitter]; retrying stops after
 * [maximumAttempts] attempts in all or once [maximumElapsed] has passed since the first attempt, and the last
 * failure is returned to the caller.
 *
 * ```kotlin
 * val options = ConnectionOptions(target = "localhost:7233", retry = RpcRetryOptions(maximumAttempts = 3))
 * ```
 */
public data class RpcRetryOptions(
    val initialInterval: Duration = 100.milliseconds,
    val resourceExhaustedInitialInterval: Duration = 1.seconds,
    val backoffCoefficient: Double = 1.7,
    val maximumInterval: Duration = 5.seconds,
    val jitter: Double = 0.2,
    val maximumAttempts: Int = 10,
    val maximumElapsed: Duration = 30.seconds,
) {
    init {
        require(maximumAttempts >= 1) { "RpcRetryOptions.maximumAttempts must be at least 1 (1 = no retries), got $maximumAttempts" }
        require(backoffCoefficient >= 1.0) { "RpcRetryOptions.backoffCoefficient must be at least 1.0, got $backoffCoefficient" }
        require(jitter in 0.0..1.0) { "RpcRetryOptions.jitter must be between 0.0 and 1.0, got $jitter" }
        require(initialInterval.isPositive() && maximumInterval >= initialInterval) {
            "RpcRetryOptions intervals must satisfy 0 < initialInterval <= maximumInterval, got $initialInterval and $maximumInterval"
        }
    }

    public companion object {
        /** Retries switched off: every RPC is attempted once. */
        public val NONE: RpcRetryOptions = RpcRetryOptions(maximumAttempts = 1)
    }

    /**
     * Whether a call of [fullMethodName] (`package.Service/Method`) that failed with [code] may be attempted again,
     * given whether it is a [longPoll]. Attempt counts and deadlines are checked separately.
     */
    public fun isRetryable(code: Status.Code, fullMethodName: String, longPoll: Boolean): Boolean = when (code) {
        Status.Code.UNAVAILABLE, Status.Code.ABORTED, Status.Code.RESOURCE_EXHAUSTED -> true
        Status.Code.INTERNAL -> isReadOnly(fullMethodName)
        Status.Code.DEADLINE_EXCEEDED -> !longPoll
        else -> false
    }

    /**
     * The pause before retry number [retry] (1 for the first retry) after a failure with [code], before jitter.
     */
    public fun backoff(retry: Int, code: Status.Code): Duration {
        val initial = if (code == Status.Code.RESOURCE_EXHAUSTED) maxOf(initialInterval, resourceExhaustedInitialInterval) else initialInterval
        var delay = initial
        repeat(retry - 1) {
            delay *= backoffCoefficient
            if (delay >= maximumInterval) return maxOf(maximumInterval, initial)
        }
        return minOf(delay, maxOf(maximumInterval, initial))
    }

    private fun isReadOnly(fullMethodName: String): Boolean {
        val method = fullMethodName.substringAfterLast('/')
        return READ_ONLY_PREFIXES.any { method.startsWith(it) }
    }
}

private val READ_ONLY_PREFIXES = listOf("Get", "Describe", "List", "Count", "Scan", "Poll")
