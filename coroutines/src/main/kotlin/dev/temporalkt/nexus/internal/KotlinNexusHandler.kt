@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.nexus.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.nexus.v1.CancelOperationRequest
import dev.temporalkt.api.nexus.v1.Request
import dev.temporalkt.api.nexus.v1.Response
import dev.temporalkt.api.nexus.v1.StartOperationRequest
import dev.temporalkt.api.workflowservice.v1.RequestCancelWorkflowExecutionRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.nexus.NexusReply
import dev.temporalkt.worker.internal.nexus.NexusRequestHandler
import dev.temporalkt.worker.internal.nexus.NexusResponses
import dev.temporalkt.nexus.NexusHandlerErrorType
import dev.temporalkt.nexus.NexusHandlerException
import dev.temporalkt.nexus.NexusLink
import dev.temporalkt.nexus.NexusOperationContext
import dev.temporalkt.nexus.NexusOperationException
import dev.temporalkt.nexus.WorkflowRunOperation
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.withContext
import org.slf4j.LoggerFactory
import java.lang.reflect.InvocationTargetException

/**
 * The Kotlin runtime's side of the Nexus seam ([NexusRequestHandler]): runs the operations of the registered Nexus
 * service objects for the requests a [dev.temporalkt.worker.internal.nexus.NexusTaskProcessor] polls.
 *
 * A start request runs the operation function with the decoded input and answers with its result (synchronous
 * operation) or, for a [WorkflowRunOperation], starts the workflow attached to the request (request id, links, and
 * the completion callback the caller's server gave) and answers with the workflow-run operation token. A cancel
 * request decodes the token and requests cancellation of the workflow. Errors are answered as described by
 * [NexusHandlerException] and [NexusOperationException]; a request whose service or operation is not registered
 * gets a non-retryable NOT_FOUND handler error naming what is registered.
 */
@InternalTemporalApi
public class KotlinNexusHandler(
    private val connection: Connection,
    private val namespace: String,
    private val identity: String,
    /** The task queue the requests come from. */
    public val taskQueue: String,
    private val dataConverter: DataConverter,
    handlers: List<Any>,
) : NexusRequestHandler {
    private val logger = LoggerFactory.getLogger(KotlinNexusHandler::class.java)
    private val registry = NexusServiceRegistry.of(handlers)

    /** The service names this handler serves. */
    public val serviceNames: Set<String> get() = registry.serviceNames

    /**
     * The answer to [request]: a response, or a handler error for what the operation code threw. Failures in either
     * have passed through the data converter's codecs.
     */
    override suspend fun reply(request: Request): NexusReply = try {
        answer(request)
    } catch (e: CancellationException) {
        throw e
    } catch (e: Throwable) {
        handlerError(e)
    }

    private suspend fun answer(request: Request): NexusReply = when (request.variantCase) {
        Request.VariantCase.START_OPERATION -> start(request, request.startOperation)
        Request.VariantCase.CANCEL_OPERATION -> cancel(request.cancelOperation)
        else -> handlerError(
            NexusHandlerErrorType.NOT_IMPLEMENTED, false, "Nexus request of kind ${request.variantCase} is not supported by this worker",
        )
    }

    private fun handlerError(type: NexusHandlerErrorType, retryable: Boolean, message: String, cause: Failure? = null) =
        NexusReply.HandlerError(type.name, retryable, message, cause)

    private suspend fun start(request: Request, start: StartOperationRequest): NexusReply {
        val (op, missing) = registry.find(start.service, start.operation)
        if (op == null) return handlerError(NexusHandlerErrorType.NOT_FOUND, false, missing)
        val input = if (op.inputType == null) null else try {
            dataConverter.decodeValue(start.payload, op.inputType)
        } catch (e: Exception) {
            return handlerError(
                NexusHandlerErrorType.BAD_REQUEST, false,
                "Input of Nexus operation ${op.service}/${op.name} could not be decoded as ${op.inputType}: ${e.message}",
            )
        }
        val context = NexusOperationContext(
            namespace, taskQueue, request.endpoint, start.service, start.operation, start.requestId, request.headerMap,
            start.linksList.map { NexusLink(it.url, it.type) },
        )
        val result = try {
            try {
                withContext(context) {
                    val arguments = if (op.inputType == null) emptyList() else listOf(input)
                    if (op.function.isSuspend) {
                        op.caller.callSuspend(op.target, arguments)
                    } else {
                        op.caller.call(op.target, arguments)
                    }
                }
            } catch (e: InvocationTargetException) {
                throw e.targetException ?: e
            }
        } catch (e: NexusOperationException) {
            val cause = e.cause?.let { dataConverter.encodeFailure(it) }
            return NexusReply.Completed(
                NexusResponses.operationError(e.message ?: "", e.isCanceled, cause, request.capabilities.temporalFailureResponses),
            )
        }
        if (result is WorkflowRunOperation<*>) return NexusReply.Completed(startWorkflow(start, result))
        val resultType = op.function.returnType
        val payload = if (op.function.returnsUnit) {
            dataConverter.encodeValue(null, PlainKType.ANY)
        } else {
            dataConverter.encodeValue(result, resultType)
        }
        return NexusReply.Completed(NexusResponses.sync(payload))
    }

    private suspend fun startWorkflow(start: StartOperationRequest, run: WorkflowRunOperation<*>): Response {
        val o = run.options
        val request = WorkflowRunStartRequest.of(namespace, identity, taskQueue, dataConverter, start, run)
        val started = connection.workflowService.startWorkflowExecution(request)
        val token = NexusOperationToken(namespace = namespace, workflowId = o.workflowId).encode()
        val link = NexusLinks.toNexus(namespace, o.workflowId, started.runId, 1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
        return NexusResponses.async(token, listOf(link))
    }

    private suspend fun cancel(cancel: CancelOperationRequest): NexusReply {
        val token = try {
            NexusOperationToken.decode(cancel.operationToken.ifEmpty { cancel.operationId })
        } catch (e: IllegalArgumentException) {
            return handlerError(
                NexusHandlerErrorType.BAD_REQUEST, false,
                "Cannot cancel Nexus operation ${cancel.service}/${cancel.operation}: ${e.message}",
            )
        }
        connection.workflowService.requestCancelWorkflowExecution(
            RequestCancelWorkflowExecutionRequest.newBuilder().setNamespace(token.namespace.ifEmpty { namespace })
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(token.workflowId))
                .setIdentity(identity)
                .setReason("Nexus operation ${cancel.service}/${cancel.operation} cancelled by its caller")
                .build(),
        )
        return NexusReply.Completed(NexusResponses.cancelAccepted())
    }

    private suspend fun handlerError(e: Throwable): NexusReply.HandlerError {
        suspend fun failureOf(t: Throwable): Failure = dataConverter.encodeFailure(t)
        return when (e) {
            is NexusHandlerException -> handlerError(e.type, e.isRetryable, e.message ?: e.type.name, e.cause?.let { failureOf(it) })
            is ApplicationFailure -> handlerError(NexusHandlerErrorType.INTERNAL, !e.nonRetryable, e.message ?: "", failureOf(e))
            is StatusException -> handlerError(
                if (e.status.code == Status.Code.ALREADY_EXISTS) NexusHandlerErrorType.BAD_REQUEST else NexusHandlerErrorType.INTERNAL,
                e.status.code != Status.Code.ALREADY_EXISTS && e.status.code != Status.Code.INVALID_ARGUMENT,
                "The Nexus handler's call to the server failed: ${e.status}",
            )
            else -> {
                logger.warn("Nexus operation handler on {} failed", taskQueue, e)
                handlerError(NexusHandlerErrorType.INTERNAL, true, "${e::class.simpleName}: ${e.message}", failureOf(e))
            }
        }
    }
}
