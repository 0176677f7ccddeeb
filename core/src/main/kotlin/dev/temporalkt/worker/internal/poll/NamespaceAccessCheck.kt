package dev.temporalkt.worker.internal.poll

import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.TimeUnit
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * The check a worker makes when it starts: can it work on its namespace at all? A worker whose namespace does not
 * exist, or whose credentials the server refuses for it, would otherwise start "successfully" and then have every
 * poll fail. `DescribeNamespace` answers that once, before any poller starts:
 *
 *  - `NOT_FOUND`: the namespace does not exist: [Pending.await] throws, naming the namespace and the server's address;
 *  - `PERMISSION_DENIED` / `UNAUTHENTICATED`: the server refuses the client: [Pending.await] throws likewise;
 *  - `UNIMPLEMENTED` (the time-skipping test server): nothing can be checked, the worker starts;
 *  - any other failure (the server unreachable for now): logged, the worker starts and its pollers retry.
 *
 * On success it returns the namespace's `worker_poll_complete_on_shutdown` capability, which the worker's
 * [WorkerShutdownNotice] then needs not ask for at shutdown (when the server may be gone).
 *
 * A worker sends the check when it is built ([begin]) and waits for its answer when it starts ([Pending.await]), so
 * the round trip overlaps with the reading of its definitions rather than delaying its first poll. An answer older
 * than [Pending.MAX_AGE] by then (a worker built long before it is started) is asked for again.
 */
@InternalTemporalApi
public object NamespaceAccessCheck {
    private val logger = LoggerFactory.getLogger(NamespaceAccessCheck::class.java)

    /** How long the check may take, retries included. */
    public val DEFAULT_DEADLINE: Duration = 10.seconds

    /**
     * Sends the check now, on `Dispatchers.IO`; [Pending.await] gives its outcome when the worker starts (and logs
     * then, not before, that the check could not be made).
     */
    public fun begin(connection: Connection, namespace: String, taskQueue: String): Pending =
        Pending { ask(connection, namespace, taskQueue, DEFAULT_DEADLINE) }

    /** A check sent by [begin]. */
    public class Pending internal constructor(private val asking: suspend () -> Answer) {
        @Volatile
        private var answeredAt = 0L
        private val answer: Deferred<Result<Answer>> = CoroutineScope(Dispatchers.IO).async {
            runCatching { asking() }.also { answeredAt = System.nanoTime() }
        }

        /**
         * Whether the server completes the polls of a worker that shuts down, or `null` when that could not be learnt
         * (logged then); asked for again when the answer came more than [MAX_AGE] ago.
         *
         * @throws IllegalStateException when the namespace does not exist or the server refuses access to it.
         */
        public suspend fun await(): Boolean? {
            val outcome = answer.await()
            val fresh = if (System.nanoTime() - answeredAt > MAX_AGE.inWholeNanoseconds) asking() else outcome.getOrThrow()
            return fresh.reported()
        }

        /** Holds [MAX_AGE]. */
        public companion object {
            /** How old an answer may be when the worker starts. */
            public val MAX_AGE: Duration = 30.seconds
        }
    }

    /** What the server said: the capability, or `null` with the [warning] to log when nothing could be checked. */
    internal class Answer(val completesPolls: Boolean?, val warning: String? = null) {
        /** Logs the [warning], if any, and gives [completesPolls]. */
        fun reported(): Boolean? {
            warning?.let(logger::warn)
            return completesPolls
        }
    }

    private suspend fun ask(connection: Connection, namespace: String, taskQueue: String, deadline: Duration): Answer {
        val target = connection.options.target
        return try {
            withTimeoutOrNull(deadline) {
                connection.workflowService.withDeadlineAfter(deadline.inWholeMilliseconds, TimeUnit.MILLISECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
                    .namespaceInfo.capabilities.workerPollCompleteOnShutdown
            }?.let { Answer(it) }
                ?: Answer(null, "Could not check namespace '$namespace' at $target within $deadline; starting the worker for task queue '$taskQueue' anyway")
        } catch (e: StatusException) {
            val status = e.status
            when (status.code) {
                Status.Code.NOT_FOUND -> throw IllegalStateException(
                    "Worker for task queue '$taskQueue' cannot start: namespace '$namespace' does not exist on the " +
                        "Temporal server at $target. Create it (temporal operator namespace create --namespace $namespace) " +
                        "or connect the client to the namespace the worker should serve",
                    e,
                )
                Status.Code.PERMISSION_DENIED, Status.Code.UNAUTHENTICATED -> throw IllegalStateException(
                    "Worker for task queue '$taskQueue' cannot start: the Temporal server at $target refused access to " +
                        "namespace '$namespace' (${status.code}${status.description?.let { ": $it" }.orEmpty()}). Check the " +
                        "client's API key or TLS client certificate and its permissions on that namespace",
                    e,
                )
                Status.Code.UNIMPLEMENTED -> Answer(null)
                else -> Answer(
                    null,
                    "Could not check namespace '$namespace' at $target (${status.code}); starting the worker for task queue '$taskQueue' anyway",
                )
            }
        }
    }
}
