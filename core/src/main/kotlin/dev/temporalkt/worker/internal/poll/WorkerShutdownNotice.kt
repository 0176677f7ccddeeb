package dev.temporalkt.worker.internal.poll

import dev.temporalkt.api.enums.v1.TaskQueueType
import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import dev.temporalkt.api.workflowservice.v1.ShutdownWorkerRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.grpc.StatusException
import org.slf4j.LoggerFactory
import java.util.UUID
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Tells the server that a worker of one task queue is going away, so that no task handed to the worker's polls is
 * stranded until its timeout.
 *
 * Every poll of the worker carries [workerInstanceKey]. When the namespace has the capability
 * `worker_poll_complete_on_shutdown`, a `ShutdownWorker` call naming that key makes the server answer the worker's
 * outstanding polls (empty) and hand it no more tasks; a poll the server had already matched with a task returns that
 * task, which the worker then runs. So a stop goes: [TaskPoller.beginStop], [announce], [TaskPoller.stopPolling]
 * with [drainTime] when [announce] returned `true` (and no drain time otherwise: polls are then cancelled on the client
 * side, as servers without the capability need).
 *
 * One notice serves every part of a worker (workflow, activity and Nexus pollers): one instance key, and the
 * namespace's capability asked for once.
 *
 * Servers without the capability (and the time-skipping test server) get the `ShutdownWorker` call only for a sticky
 * queue, at the very end of a workflow worker's shutdown, as before.
 */
@InternalTemporalApi
public class WorkerShutdownNotice(
    private val connection: Connection,
    private val namespace: String,
    private val identity: String,
    private val taskQueue: String,
    /** Sent on every poll of the worker (`worker_instance_key`), so the server can tell its polls from others. */
    public val workerInstanceKey: String = UUID.randomUUID().toString(),
    /** How long a stop waits for the server to answer the outstanding polls after [announce]. */
    public val drainTime: Duration = DEFAULT_DRAIN_TIME,
) {
    private val logger = LoggerFactory.getLogger(WorkerShutdownNotice::class.java)

    /** The namespace's answer, once asked; `null` before. */
    @Volatile
    private var completesPolls: Boolean? = null

    /**
     * Sends `ShutdownWorker` for the worker's polls of [types] (and its [stickyQueue], if any) when the namespace
     * says the server then completes them. Returns `true` when it did and the server took the call: the caller should
     * then give its polls [drainTime] to return. Returns `false` when the server lacks the capability or the call
     * failed; nothing was announced then that the caller needs to wait for.
     */
    public suspend fun announce(types: List<TaskQueueType>, stickyQueue: String? = null, reason: String = "graceful shutdown"): Boolean {
        if (!serverCompletesPolls()) return false
        return try {
            connection.workflowService.shutdownWorker(
                ShutdownWorkerRequest.newBuilder()
                    .setNamespace(namespace)
                    .setIdentity(identity)
                    .setWorkerInstanceKey(workerInstanceKey)
                    .setTaskQueue(taskQueue)
                    .addAllTaskQueueTypes(types)
                    .setStickyTaskQueue(stickyQueue.orEmpty())
                    .setReason(reason)
                    .build(),
            )
            true
        } catch (e: StatusException) {
            logger.debug("ShutdownWorker for task queue {} failed: {}; cancelling its polls instead", taskQueue, e.status)
            false
        }
    }

    private suspend fun serverCompletesPolls(): Boolean = completesPolls ?: askServer().also { completesPolls = it }

    private suspend fun askServer(): Boolean = try {
        connection.workflowService.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
            .namespaceInfo.capabilities.workerPollCompleteOnShutdown
    } catch (e: StatusException) {
        if (e.status.code != Status.Code.UNIMPLEMENTED) {
            logger.debug("DescribeNamespace {} failed: {}; cancelling the polls of task queue {} at shutdown", namespace, e.status, taskQueue)
        }
        false
    }

    private companion object {
        /** Longer than the server needs to answer the polls, far shorter than a long poll (about a minute). */
        val DEFAULT_DRAIN_TIME = 5.seconds
    }
}
