@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus.internal

import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.TaskQueueKind
import dev.temporalkt.api.enums.v1.TaskQueueType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.nexus.v1.CancelOperationRequest
import dev.temporalkt.api.nexus.v1.Request
import dev.temporalkt.api.nexus.v1.Response
import dev.temporalkt.api.nexus.v1.StartOperationRequest
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollNexusTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollNexusTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.RespondNexusTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondNexusTaskFailedRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.client.Connection
import dev.temporalkt.client.internal.unary
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.nexus.NexusHandlerErrorType
import dev.temporalkt.nexus.NexusHandlerException
import dev.temporalkt.nexus.NexusLink
import dev.temporalkt.nexus.NexusOperationContext
import dev.temporalkt.nexus.NexusOperationException
import dev.temporalkt.nexus.WorkflowRunOperation
import dev.temporalkt.worker.internal.poll.FixedSizeSlotSupplier
import dev.temporalkt.worker.internal.poll.TaskPoller
import dev.temporalkt.worker.internal.poll.WorkerShutdownNotice
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import org.slf4j.LoggerFactory
import java.lang.reflect.InvocationTargetException
import kotlin.reflect.full.callSuspend
import kotlin.time.Duration

/**
 * The Nexus half of a worker: polls the Nexus task queue [taskQueue] (the queue a Nexus endpoint targets) and runs
 * the operations of [registry].
 *
 * A start request runs the operation function with the decoded input and answers with its result (synchronous
 * operation) or, for a [WorkflowRunOperation], starts the workflow attached to the request (request id, links, and
 * the completion callback the caller's server gave) and answers with the workflow-run operation token. A cancel
 * request decodes the token and requests cancellation of the workflow. Errors are answered as described by
 * [NexusHandlerException] and [NexusOperationException]; a request whose service or operation is not registered
 * gets a non-retryable NOT_FOUND handler error naming what is registered.
 *
 * The request's `request-timeout` header bounds the handler; when it expires nothing is answered (the caller's
 * server has given up on the attempt and retries it).
 */
@InternalTemporalApi
public class NexusWorker(
    private val connection: Connection,
    private val namespace: String,
    private val identity: String,
    /** The task queue to poll. */
    public val taskQueue: String,
    private val dataConverter: DataConverter,
    handlers: List<Any>,
    pollerCount: Int,
    maxConcurrentTasks: Int,
    /** Announces this worker's shutdown to the server; one per [dev.temporalkt.worker.Worker], shared by its parts. */
    private val shutdownNotice: WorkerShutdownNotice = WorkerShutdownNotice(connection, namespace, identity, taskQueue),
) {
    private val logger = LoggerFactory.getLogger(NexusWorker::class.java)
    private val registry = NexusServiceRegistry.of(handlers)
    private val supervisor = SupervisorJob()
    private val poller = TaskPoller(
        name = "nexus:$taskQueue",
        pollerCount = pollerCount,
        slots = FixedSizeSlotSupplier(maxConcurrentTasks),
        context = Dispatchers.IO + supervisor,
        poll = ::poll,
        handler = { task, _ -> handle(task) },
        isFatal = ::isFatalPollError,
        onFatal = { error -> fatalError = error },
    )

    /** The poll error that stopped this worker, or `null` while polling works or is retried. */
    @Volatile
    public var fatalError: Throwable? = null
        private set

    /** The service names this worker handles. */
    public val serviceNames: Set<String> get() = registry.serviceNames

    /** Starts polling. */
    public fun start() {
        poller.start()
        logger.debug("Nexus worker for task queue {} started with services {}", taskQueue, registry.serviceNames)
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
            PollNexusTaskQueueRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue).setKind(TaskQueueKind.TASK_QUEUE_KIND_NORMAL))
                .setWorkerInstanceKey(shutdownNotice.workerInstanceKey)
                .build(),
        )
        return if (response.taskToken.isEmpty) null else response
    }

    private suspend fun handle(task: PollNexusTaskQueueResponse) {
        val request = task.request
        val temporalFailures = request.capabilities.temporalFailureResponses
        val timeout = requestTimeout(request)
        val outcome: Any = try {
            if (timeout == null) reply(request) else withTimeout(timeout) { reply(request) }
        } catch (e: TimeoutCancellationException) {
            logger.warn("Nexus request on {} outlived its request timeout {}; not answering it", taskQueue, timeout)
            return
        }
        when (outcome) {
            is Response -> connection.unary(
                WorkflowServiceGrpc.getRespondNexusTaskCompletedMethod(),
                RespondNexusTaskCompletedRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                    .setTaskToken(task.taskToken).setResponse(outcome).build(),
            )
            is HandlerErrorReply -> {
                val b = RespondNexusTaskFailedRequest.newBuilder().setNamespace(namespace).setIdentity(identity)
                    .setTaskToken(task.taskToken)
                if (temporalFailures) b.setFailure(NexusResponses.handlerFailure(outcome))
                else @Suppress("DEPRECATION") b.setError(NexusResponses.legacyHandlerError(outcome))
                connection.unary(WorkflowServiceGrpc.getRespondNexusTaskFailedMethod(), b.build())
            }
        }
    }

    /**
     * The answer to [request]: a [Response], or a [HandlerErrorReply] for what the handler threw. Failures in either
     * have passed through the data converter's codecs.
     */
    internal suspend fun reply(request: Request): Any = try {
        answer(request)
    } catch (e: CancellationException) {
        throw e
    } catch (e: Throwable) {
        handlerError(e)
    }

    /** A [Response] or a [HandlerErrorReply]. */
    private suspend fun answer(request: Request): Any = when (request.variantCase) {
        Request.VariantCase.START_OPERATION -> start(request, request.startOperation)
        Request.VariantCase.CANCEL_OPERATION -> cancel(request.cancelOperation)
        else -> HandlerErrorReply(
            NexusHandlerErrorType.NOT_IMPLEMENTED, false, "Nexus request of kind ${request.variantCase} is not supported by this worker", null,
        )
    }

    private suspend fun start(request: Request, start: StartOperationRequest): Any {
        val (op, missing) = registry.find(start.service, start.operation)
        if (op == null) return HandlerErrorReply(NexusHandlerErrorType.NOT_FOUND, false, missing, null)
        val input = if (op.inputType == null) null else try {
            dataConverter.decodeValue(start.payload, op.inputType)
        } catch (e: Exception) {
            return HandlerErrorReply(
                NexusHandlerErrorType.BAD_REQUEST, false,
                "Input of Nexus operation ${op.service}/${op.name} could not be decoded as ${op.inputType}: ${e.message}", null,
            )
        }
        val context = NexusOperationContext(
            namespace, taskQueue, request.endpoint, start.service, start.operation, start.requestId, request.headerMap,
            start.linksList.map { NexusLink(it.url, it.type) },
        )
        val result = try {
            try {
                withContext(context) {
                    if (op.inputType == null) op.function.callSuspend(op.target) else op.function.callSuspend(op.target, input)
                }
            } catch (e: InvocationTargetException) {
                throw e.targetException ?: e
            }
        } catch (e: NexusOperationException) {
            val cause = e.cause?.let { dataConverter.encodeFailure(it) }
            return NexusResponses.operationError(e.message ?: "", e.isCanceled, cause, request.capabilities.temporalFailureResponses)
        }
        if (result is WorkflowRunOperation<*>) return startWorkflow(start, result)
        val resultType = op.function.returnType
        return if (resultType.classifier == Unit::class) {
            NexusResponses.sync(dataConverter.encodeValue(null, kotlin.reflect.typeOf<Any?>()))
        } else {
            NexusResponses.sync(dataConverter.encodeValue(result, resultType))
        }
    }

    private suspend fun startWorkflow(start: StartOperationRequest, run: WorkflowRunOperation<*>): Response {
        val o = run.options
        val request = WorkflowRunStartRequest.of(namespace, identity, taskQueue, dataConverter, start, run)
        val started = connection.workflowService.startWorkflowExecution(request)
        val token = NexusOperationToken(namespace = namespace, workflowId = o.workflowId).encode()
        val link = NexusLinks.toNexus(namespace, o.workflowId, started.runId, 1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        return NexusResponses.async(token, listOf(link))
    }

    private suspend fun cancel(cancel: CancelOperationRequest): Any {
        val token = try {
            NexusOperationToken.decode(cancel.operationToken.ifEmpty { cancel.operationId })
        } catch (e: IllegalArgumentException) {
            return HandlerErrorReply(
                NexusHandlerErrorType.BAD_REQUEST, false,
                "Cannot cancel Nexus operation ${cancel.service}/${cancel.operation}: ${e.message}", null,
            )
        }
        connection.workflowService.requestCancelWorkflowExecution(
            RequestCancelWorkflowExecutionRequest.newBuilder().setNamespace(token.namespace.ifEmpty { namespace })
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(token.workflowId))
                .setIdentity(identity)
                .setReason("Nexus operation ${cancel.service}/${cancel.operation} cancelled by its caller")
                .build(),
        )
        return NexusResponses.cancelAccepted()
    }

    private suspend fun handlerError(e: Throwable): HandlerErrorReply {
        suspend fun failureOf(t: Throwable): Failure = dataConverter.encodeFailure(t)
        return when (e) {
            is NexusHandlerException ->
                HandlerErrorReply(e.type, e.isRetryable, e.message ?: e.type.name, e.cause?.let { failureOf(it) })
            is ApplicationFailure -> HandlerErrorReply(NexusHandlerErrorType.INTERNAL, !e.nonRetryable, e.message ?: "", failureOf(e))
            is StatusException -> HandlerErrorReply(
                if (e.status.code == Status.Code.ALREADY_EXISTS) NexusHandlerErrorType.BAD_REQUEST else NexusHandlerErrorType.INTERNAL,
                e.status.code != Status.Code.ALREADY_EXISTS && e.status.code != Status.Code.INVALID_ARGUMENT,
                "The Nexus handler's call to the server failed: ${e.status}", null,
            )
            else -> {
                logger.warn("Nexus operation handler on {} failed", taskQueue, e)
                HandlerErrorReply(NexusHandlerErrorType.INTERNAL, true, "${e::class.simpleName}: ${e.message}", failureOf(e))
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
