package dev.temporalkt.worker.internal.poll

import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.grpc.StatusException
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
 *  - `NOT_FOUND`: the namespace does not exist: [check] throws, naming the namespace and the server's address;
 *  - `PERMISSION_DENIED` / `UNAUTHENTICATED`: the server refuses the client: [check] throws likewise;
 *  - `UNIMPLEMENTED` (the time-skipping test server): nothing can be checked, the worker starts;
 *  - any other failure (the server unreachable for now): logged, the worker starts and its pollers retry.
 *
 * On success it returns the namespace's `worker_poll_complete_on_shutdown` capability, which the worker's
 * [WorkerShutdownNotice] then needs not ask for at shutdown (when the server may be gone).
 */
@InternalTemporalApi
public object NamespaceAccessCheck {
    private val logger = LoggerFactory.getLogger(NamespaceAccessCheck::class.java)

    /** How long the check may take, retries included. */
    public val DEFAULT_DEADLINE: Duration = 10.seconds

    /**
     * Checks that [namespace] exists and is open to the client; returns whether the server completes the polls of a
     * worker that shuts down, or `null` when that could not be learnt.
     *
     * @throws IllegalStateException when the namespace does not exist or the server refuses access to it.
     */
    public suspend fun check(connection: Connection, namespace: String, taskQueue: String, deadline: Duration = DEFAULT_DEADLINE): Boolean? {
        val target = connection.options.target
        return try {
            withTimeoutOrNull(deadline) {
                connection.workflowService.withDeadlineAfter(deadline.inWholeMilliseconds, TimeUnit.MILLISECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
                    .namespaceInfo.capabilities.workerPollCompleteOnShutdown
            }.also {
                if (it == null) logger.warn("Could not check namespace '{}' at {} within {}; starting the worker for task queue '{}' anyway", namespace, target, deadline, taskQueue)
            }
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
                Status.Code.UNIMPLEMENTED -> null
                else -> {
                    logger.warn(
                        "Could not check namespace '{}' at {} ({}); starting the worker for task queue '{}' anyway",
                        namespace, target, status.code, taskQueue,
                    )
                    null
                }
            }
        }
    }
}
