package dev.temporalkt.worker.internal.poll

import dev.temporalkt.api.enums.v1.TaskQueueType
import dev.temporalkt.api.workflowservice.v1.DescribeNamespaceRequest
import dev.temporalkt.api.workflowservice.v1.ShutdownWorkerRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpcKt
import dev.temporalkt.client.Connection
import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.grpc.StatusException
import org.slf4j.LoggerFactory
import kotlinx.coroutines.withTimeoutOrNull
import java.util.UUID
import java.util.concurrent.TimeUnit
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds
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
 * queue ([releaseStickyQueue]), once the workflow worker's polls have stopped.
 *
 * ## Informing calls never hold a shutdown up
 * Every call made here only informs the server: the worker stops all the same when it fails. So each gets
 * [informDeadline] in all, retries included, and one that has not succeeded by then is abandoned with a log line saying
 * why (at INFO level: `<call> for task queue <q> abandoned: <reason>`). A server that is down therefore costs a
 * shutdown at most [informDeadline] per step, and the parts of a worker inform concurrently. The namespace's
 * capability is best learnt while the worker starts ([learnCapability]), so that a shutdown asks nothing more.
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
    /** The whole time, retries included, an informing call gets before it is abandoned. */
    public val informDeadline: Duration = DEFAULT_INFORM_DEADLINE,
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
        return inform("ShutdownWorker") { service ->
            service.shutdownWorker(
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
        } != null
    }

    /**
     * Tells the server that [stickyQueue] has no poller any more, so that the tasks of the runs this worker had cached go
     * to the normal queue at once instead of after the sticky schedule-to-start timeout. Informing only: bounded by
     * [informDeadline], abandoned with a log line when it fails.
     */
    public suspend fun releaseStickyQueue(stickyQueue: String) {
        inform("ShutdownWorker") { service ->
            service.shutdownWorker(
                ShutdownWorkerRequest.newBuilder()
                    .setNamespace(namespace).setIdentity(identity).setStickyTaskQueue(stickyQueue).setReason("graceful shutdown")
                    .build(),
            )
        }
    }

    /** Records what the namespace said about `worker_poll_complete_on_shutdown` (asked when the worker started). */
    public fun learnCapability(completesPollsOnShutdown: Boolean) {
        completesPolls = completesPollsOnShutdown
    }

    private suspend fun serverCompletesPolls(): Boolean = completesPolls ?: askServer().also { completesPolls = it }

    private suspend fun askServer(): Boolean = inform("DescribeNamespace") { service ->
        service.describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build())
            .namespaceInfo.capabilities.workerPollCompleteOnShutdown
    } ?: false

    /**
     * Runs [call] (named [name] in the log) with [informDeadline] for all its attempts; returns its answer, or `null`
     * when it failed or ran out of time, which is logged. `UNIMPLEMENTED` (a server without the call) is not logged.
     */
    private suspend fun <T : Any> inform(name: String, call: suspend (WorkflowServiceGrpcKt.WorkflowServiceCoroutineStub) -> T): T? {
        val service = connection.workflowService.withDeadlineAfter(informDeadline.inWholeMilliseconds, TimeUnit.MILLISECONDS)
        return try {
            // the gRPC deadline bounds the call; the coroutine timeout bounds what it does not cover (a channel that
            // is still connecting)
            withTimeoutOrNull(informDeadline + DEADLINE_SLACK) { call(service) }
                ?: null.also { logger.info("{} for task queue {} abandoned: no answer within {}", name, taskQueue, informDeadline) }
        } catch (e: StatusException) {
            if (e.status.code != Status.Code.UNIMPLEMENTED) {
                logger.info("{} for task queue {} abandoned: {} {}", name, taskQueue, e.status.code, e.status.description.orEmpty())
            }
            null
        }
    }

    private companion object {
        /** Longer than the server needs to answer the polls, far shorter than a long poll (about a minute). */
        val DEFAULT_DRAIN_TIME = 5.seconds

        /** Ample for a server that is up (it answers in milliseconds), short enough not to hold a shutdown up. */
        val DEFAULT_INFORM_DEADLINE = 2.seconds

        val DEADLINE_SLACK = 500.milliseconds
    }
}
