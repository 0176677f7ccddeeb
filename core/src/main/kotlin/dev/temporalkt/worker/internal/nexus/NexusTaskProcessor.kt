package dev.temporalkt.worker.internal.nexus

import dev.temporalkt.api.enums.v1.TaskQueueKind
import dev.temporalkt.api.enums.v1.TaskQueueType
import dev.temporalkt.api.nexus.v1.Request
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollNexusTaskQueueRequest
import dev.temporalkt.worker.internal.versioning.WorkerDeploymentStamp
import dev.temporalkt.api.workflowservice.v1.PollNexusTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RespondNexusTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondNexusTaskFailedRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.client.Connection
import dev.temporalkt.client.unary
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.poll.FixedSizeSlotSupplier
import dev.temporalkt.worker.internal.poll.TaskPoller
import dev.temporalkt.worker.internal.poll.WorkerFailure
import dev.temporalkt.worker.internal.poll.WorkerShutdownNotice
import dev.temporalkt.worker.internal.threads.WorkerThreads
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.cancel
import kotlinx.coroutines.withTimeout
import org.slf4j.LoggerFactory
import kotlin.time.Duration

/**
 * The Nexus half of a worker: polls the Nexus task queue [taskQueue] (the queue a Nexus endpoint targets), hands each
 * request to the [handler] (the seam to the runtime that runs operation code) and answers the server with the
 * handler's [NexusReply]: completed with its response, or failed with its handler error (as a Temporal failure when
 * the request says the server takes those, in the older Nexus format otherwise).
 *
 * The request's `request-timeout` header bounds the handler; when it expires nothing is answered (the caller's
 * server has given up on the attempt and retries it).
 */
@InternalTemporalApi
public class NexusTaskProcessor(
    private val connection: Connection,
    private val namespace: String,
    private val identity: String,
    /** The task queue to poll. */
    public val taskQueue: String,
    private val handler: NexusRequestHandler,
    pollerCount: Int,
    maxConcurrentTasks: Int,
    /** Announces this worker's shutdown to the server; one per worker, shared by its parts. */
    private val shutdownNotice: WorkerShutdownNotice = WorkerShutdownNotice(connection, namespace, identity, taskQueue),
    /** The worker's deployment version on its polls; see [WorkerDeploymentStamp]. */
    private val deployment: WorkerDeploymentStamp = WorkerDeploymentStamp.UNVERSIONED,
    /** Where a non-retryable poll error, which stops the pollers, is reported; `null` logs it only. */
    private val failure: WorkerFailure? = null,
) {
    private val logger = LoggerFactory.getLogger(NexusTaskProcessor::class.java)
    private val supervisor = SupervisorJob()
    private val poller = TaskPoller(
        name = "nexus:$taskQueue",
        pollerCount = pollerCount,
        slots = FixedSizeSlotSupplier(maxConcurrentTasks),
        context = WorkerThreads.dispatcher + supervisor,
        poll = ::poll,
        handler = { task, _ -> handle(task) },
        isFatal = ::isFatalPollError,
        onFatal = { error ->
            fatalError = error
            if (failure != null) failure.report("Nexus", error) else logger.error("Nexus polling on task queue {} stopped", taskQueue, error)
        },
    )

    /** The poll error that stopped this processor, or `null` while polling works or is retried. */
    @Volatile
    public var fatalError: Throwable? = null
        private set

    /** Starts polling. */
    public fun start() {
        poller.start()
    }

    /** Stops polling, lets running operations finish for up to [gracefulTimeout], then cancels them. */
    public suspend fun shutdown(gracefulTimeout: Duration) {
        poller.beginStop()
        val announced = shutdownNotice.announce(listOf(TaskQueueType.TASK_QUEUE_TYPE_NEXUS))
        poller.stopPolling(if (announced) shutdownNotice.drainTime else Duration.ZERO)
        if (!poller.awaitHandlers(gracefulTimeout)) poller.cancelHandlers()
        supervisor.cancel()
    }

    private suspend fun poll(): PollNexusTaskQueueResponse? {
        val response = connection.unary(
            WorkflowServiceGrpc.getPollNexusTaskQueueMethod(),
            deployment.stamp(
                PollNexusTaskQueueRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                    .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                    .setWorkerInstanceKey(shutdownNotice.workerInstanceKey),
            ).build(),
        )
        return if (response.taskToken.isEmpty) null else response
    }

    private suspend fun handle(task: PollNexusTaskQueueResponse) {
        val request = task.request
        val timeout = requestTimeout(request)
        val reply = try {
            if (timeout == null) handler.reply(request) else withTimeout(timeout) { handler.reply(request) }
        } catch (e: TimeoutCancellationException) {
            logger.warn("Nexus request on {} outlived its request timeout {}; not answering it", taskQueue, timeout)
            return
        }
        when (reply) {
            is NexusReply.Completed -> connection.unary(
                WorkflowServiceGrpc.getRespondNexusTaskCompletedMethod(),
                RespondNexusTaskCompletedRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                    .setTaskToken(task.taskToken).setResponse(reply.response).build(),
            )
            is NexusReply.HandlerError -> {
                val b = RespondNexusTaskFailedRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                    .setTaskToken(task.taskToken)
                if (request.capabilities.temporalFailureResponses) b.setFailure(NexusResponses.handlerFailure(reply))
                else @Suppress("DEPRECATION") b.setError(NexusResponses.legacyHandlerError(reply))
                connection.unary(WorkflowServiceGrpc.getRespondNexusTaskFailedMethod(), b.build())
            }
        }
    }

    private fun requestTimeout(request: Request): Duration? {
        val raw = request.headerMap.entries.firstOrNull { it.key.equals("request-timeout", ignoreCase = true) }?.value ?: return null
        return runCatching { Duration.parse(raw) }.getOrNull()?.takeIf { it.isPositive() }
    }

    private fun isFatalPollError(e: Throwable): Boolean {
        val code = (e as? StatusException)?.status?.code ?: return false
        return code == Status.Code.NOT_FOUND || code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED ||
            code == Status.Code.UNIMPLEMENTED
    }
}
