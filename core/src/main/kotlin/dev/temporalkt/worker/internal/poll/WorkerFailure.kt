package dev.temporalkt.worker.internal.poll

import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.StatusException
import kotlinx.coroutines.CompletableDeferred
import org.slf4j.LoggerFactory

/**
 * Why a worker stopped working, if it did: the first poll error one of its parts (workflow, activity or Nexus
 * pollers) could not retry, e.g. the namespace deleted or the credentials revoked while the worker runs. Such an error
 * stops that part's pollers for good, so the worker cannot do its work any more: it is [report]ed here, logged once
 * for the whole worker (later reports, from the other parts, are not logged), and the worker's `run()` ends with
 * [failure] (and `close()` throws it).
 */
@InternalTemporalApi
public class WorkerFailure(private val taskQueue: String, private val namespace: String, private val target: String) {
    private val logger = LoggerFactory.getLogger(WorkerFailure::class.java)
    private val first = CompletableDeferred<IllegalStateException>()

    /** Records that [part]'s pollers (`workflow`, `activity`, `Nexus`) stopped because of [error]; only the first counts. */
    public fun report(part: String, error: Throwable) {
        val status = (error as? StatusException)?.status
        val reason = if (status != null) "${status.code}${status.description?.let { ": $it" }.orEmpty()}" else error.toString()
        val failure = IllegalStateException(
            "Worker for task queue '$taskQueue' stopped: its $part polling of namespace '$namespace' at $target failed " +
                "with a non-retryable error ($reason)",
            error,
        )
        if (first.complete(failure)) logger.error(failure.message, error)
    }

    /** The failure, once a part reported one; `null` while the worker works. */
    @OptIn(kotlinx.coroutines.ExperimentalCoroutinesApi::class)
    public val failure: IllegalStateException? get() = if (first.isCompleted) first.getCompleted() else null

    /** Suspends until a part reports a failure and returns it. */
    public suspend fun await(): IllegalStateException = first.await()
}
