package dev.temporalkt.converter

import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.failure.v1.ActivityFailureInfo
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.ChildWorkflowExecutionFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.NexusHandlerFailureInfo
import dev.temporalkt.api.failure.v1.NexusOperationFailureInfo
import dev.temporalkt.api.failure.v1.ResetWorkflowFailureInfo
import dev.temporalkt.api.failure.v1.ServerFailureInfo
import dev.temporalkt.api.failure.v1.TerminatedFailureInfo
import dev.temporalkt.api.failure.v1.TimeoutFailureInfo
import dev.temporalkt.common.internal.toKotlinDuration
import dev.temporalkt.common.internal.toProtoDuration
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.ApplicationErrorCategory
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.ChildWorkflowFailure
import dev.temporalkt.failure.FailureDetails
import dev.temporalkt.failure.GenericFailure
import dev.temporalkt.failure.NexusHandlerFailure
import dev.temporalkt.failure.NexusHandlerRetryBehavior
import dev.temporalkt.failure.NexusOperationFailure
import dev.temporalkt.failure.ResetWorkflowFailure
import dev.temporalkt.failure.RetryState
import dev.temporalkt.failure.ServerFailure
import dev.temporalkt.failure.TemporalFailure
import dev.temporalkt.failure.TerminatedFailure
import dev.temporalkt.failure.TimeoutFailure
import dev.temporalkt.failure.TimeoutType
import dev.temporalkt.failure.internal.FailureStackTraces
import java.util.Collections
import java.util.IdentityHashMap
import java.util.concurrent.CancellationException

/**
 * The standard [FailureConverter], wire-compatible with the other Temporal SDKs.
 *
 * **Exception → failure.** Every level of the cause chain becomes one `Failure` with `source` =
 * [SOURCE], the exception's message, and its stack trace written one frame per line
 * (`com.example.Charge.run(Charge.kt:42)`). The failure info follows the exception type:
 * - each [TemporalFailure] maps to its own kind (application, timeout, canceled, terminated, server,
 *   reset-workflow, activity, child workflow, Nexus operation, Nexus handler);
 * - a `java.util.concurrent.CancellationException` (hence also a coroutine cancellation) becomes a
 *   canceled failure;
 * - any other exception becomes an application failure, retryable, whose `type` is the exception's
 *   simple class name (`IllegalStateException`; the binary name for anonymous classes). This follows the
 *   Python and TypeScript SDKs, which write their class names; the Java SDK writes the fully qualified
 *   name instead, so a retry policy's non-retryable types should name the simple class name for
 *   exceptions raised here.
 *
 * An exception that was itself decoded from a failure (its [TemporalFailure.failure] is set) is sent as
 * that original proto, so failures relayed through this SDK keep every field.
 *
 * **Failure → exception.** Every failure info kind maps back to its [TemporalFailure] subclass, with the
 * cause chain, the original proto in [TemporalFailure.failure] and the remote stack trace text in
 * [TemporalFailure.remoteStackTrace]; the exception's JVM stack trace is rebuilt from that text (see
 * [TemporalFailure]). A failure without a known failure info becomes a [GenericFailure]. Details stay
 * payloads until read with a type, and are decoded with the given payload converter.
 *
 * **Encoded common attributes.** With [encodeCommonAttributes], each level's message and stack trace are
 * moved into `encoded_attributes`, a payload produced by the payload converter from
 * `{"message": ..., "stack_trace": ...}` (with the default converter: `json/plain`), the proto's
 * `message` becomes `"Encoded failure"` and its `stack_trace` empty, so a codec can encrypt them.
 * Decoding always reads encoded attributes when present, whichever SDK wrote them and whatever this
 * setting.
 *
 * ```kotlin
 * val converter = DefaultFailureConverter(encodeCommonAttributes = true)
 * val proto = converter.toFailure(IllegalStateException("no stock"), payloadConverter)
 * // proto.message == "Encoded failure"
 * val back = converter.toException(proto, payloadConverter) as ApplicationFailure
 * // back.message == "no stock", back.type == "IllegalStateException"
 * ```
 */
public class DefaultFailureConverter @JvmOverloads constructor(
    /** Whether messages and stack traces are moved into the encodable `encoded_attributes` payload. */
    public val encodeCommonAttributes: Boolean = false,
) : FailureConverter {

    override fun toFailure(exception: Throwable, payloadConverter: PayloadConverter): Failure =
        toFailure(exception, payloadConverter, Collections.newSetFromMap(IdentityHashMap()))

    override fun toException(failure: Failure, payloadConverter: PayloadConverter): TemporalFailure {
        var message = failure.message
        var stackTrace = failure.stackTrace
        if (failure.hasEncodedAttributes()) {
            EncodedAttributes.decode(failure.encodedAttributes, payloadConverter)?.let { (encodedMessage, encodedStack) ->
                if (encodedMessage != null) message = encodedMessage
                if (encodedStack != null) stackTrace = encodedStack
            }
        }
        val cause = if (failure.hasCause()) toException(failure.cause, payloadConverter) else null
        val exception = newException(failure, message, cause, payloadConverter)
        exception.failure = failure
        exception.remoteStackTrace = stackTrace
        exception.stackTrace = FailureStackTraces.parse(stackTrace, failure.source)
        return exception
    }

    private fun toFailure(exception: Throwable, converter: PayloadConverter, seen: MutableSet<Throwable>): Failure {
        seen += exception
        if (exception is TemporalFailure) {
            exception.failure?.let { return encodeChain(it, converter) }
        }
        val builder = Failure.newBuilder()
            .setSource(SOURCE)
            .setMessage(messageOf(exception))
            .setStackTrace(FailureStackTraces.serialize(framesOf(exception)))
        val cause = exception.cause
        if (cause != null && cause !in seen) {
            builder.cause = toFailure(cause, converter, seen)
        }
        setFailureInfo(builder, exception, converter)
        if (encodeCommonAttributes) encodeLevel(builder, converter)
        return builder.build()
    }

    /**
     * The failure's message: the exception's own, or, for a JVM [Error] that has none (a [StackOverflowError] in
     * workflow or activity code), its class name and where it was thrown, so that the failure never reads empty:
     * `java.lang.StackOverflowError at Foo.recurse(Foo.kt:12) <- Foo.recurse(Foo.kt:12) <- …`.
     * The frames are those of the place it was thrown, also when the error reaches here as a copy made by
     * kotlinx.coroutines' stack-trace recovery (see [thrownAt]).
     */
    private fun messageOf(exception: Throwable): String {
        val message = exception.message
        if (!message.isNullOrBlank() || exception !is Error) return message.orEmpty()
        val frames = thrownAt(exception).stackTrace
        val top = frames.take(ERROR_MESSAGE_FRAMES)
        if (top.isEmpty()) return exception.javaClass.name
        return "${exception.javaClass.name} at ${FailureStackTraces.serialize(top.toTypedArray()).lines().joinToString(" <- ")}" +
            if (frames.size > top.size) " <- …" else ""
    }

    /**
     * The throwable carrying the frames where [exception] was thrown. With stack-trace recovery on (debug mode, or
     * assertions enabled), kotlinx.coroutines rethrows across a suspension a copy of the exception whose frames start
     * with an artificial `_COROUTINE._BOUNDARY` frame, and sets the original as the copy's cause.
     */
    private fun thrownAt(exception: Throwable): Throwable {
        var current = exception
        while (true) {
            val cause = current.cause ?: return current
            if (cause.javaClass != current.javaClass || current.stackTrace.none { it.className == COROUTINE_BOUNDARY_CLASS }) return current
            current = cause
        }
    }

    /** The frames sent with the failure: all of them, but the top [OVERFLOW_FRAMES] of a stack overflow's thousands. */
    private fun framesOf(exception: Throwable): Array<StackTraceElement> =
        if (exception is StackOverflowError && exception.stackTrace.size > OVERFLOW_FRAMES) {
            exception.stackTrace.copyOf(OVERFLOW_FRAMES).requireNoNulls()
        } else {
            exception.stackTrace
        }

    private fun setFailureInfo(builder: Failure.Builder, exception: Throwable, converter: PayloadConverter) {
        when (exception) {
            is ApplicationFailure -> builder.applicationFailureInfo = ApplicationFailureInfo.newBuilder().apply {
                type = exception.type
                nonRetryable = exception.nonRetryable
                if (!exception.details.isEmpty()) details = payloads(exception.details, converter)
                exception.nextRetryDelay?.let { nextRetryDelay = it.toProtoDuration() }
                category = exception.category.toProto()
            }.build()

            is TimeoutFailure -> builder.timeoutFailureInfo = TimeoutFailureInfo.newBuilder().apply {
                timeoutType = exception.timeoutType.toProto()
                if (!exception.lastHeartbeatDetails.isEmpty()) {
                    lastHeartbeatDetails = payloads(exception.lastHeartbeatDetails, converter)
                }
            }.build()

            is CanceledFailure -> builder.canceledFailureInfo = CanceledFailureInfo.newBuilder().apply {
                if (!exception.details.isEmpty()) details = payloads(exception.details, converter)
                identity = exception.identity
            }.build()

            is TerminatedFailure -> builder.terminatedFailureInfo =
                TerminatedFailureInfo.newBuilder().setIdentity(exception.identity).build()

            is ServerFailure -> builder.serverFailureInfo =
                ServerFailureInfo.newBuilder().setNonRetryable(exception.nonRetryable).build()

            is ResetWorkflowFailure -> builder.resetWorkflowFailureInfo = ResetWorkflowFailureInfo.newBuilder().apply {
                if (!exception.lastHeartbeatDetails.isEmpty()) {
                    lastHeartbeatDetails = payloads(exception.lastHeartbeatDetails, converter)
                }
            }.build()

            is ActivityFailure -> builder.activityFailureInfo = ActivityFailureInfo.newBuilder()
                .setScheduledEventId(exception.scheduledEventId)
                .setStartedEventId(exception.startedEventId)
                .setIdentity(exception.identity)
                .setActivityType(ActivityType.newBuilder().setName(exception.activityType))
                .setActivityId(exception.activityId)
                .setRetryState(exception.retryState.toProto())
                .build()

            is ChildWorkflowFailure -> builder.childWorkflowExecutionFailureInfo =
                ChildWorkflowExecutionFailureInfo.newBuilder()
                    .setNamespace(exception.namespace)
                    .setWorkflowExecution(
                        WorkflowExecution.newBuilder().setWorkflowId(exception.workflowId).setRunId(exception.runId),
                    )
                    .setWorkflowType(WorkflowType.newBuilder().setName(exception.workflowType))
                    .setInitiatedEventId(exception.initiatedEventId)
                    .setStartedEventId(exception.startedEventId)
                    .setRetryState(exception.retryState.toProto())
                    .build()

            is NexusOperationFailure -> builder.nexusOperationExecutionFailureInfo =
                NexusOperationFailureInfo.newBuilder()
                    .setScheduledEventId(exception.scheduledEventId)
                    .setEndpoint(exception.endpoint)
                    .setService(exception.service)
                    .setOperation(exception.operation)
                    .setOperationToken(exception.operationToken)
                    .build()

            is NexusHandlerFailure -> builder.nexusHandlerFailureInfo = NexusHandlerFailureInfo.newBuilder()
                .setType(exception.type)
                .setRetryBehavior(exception.retryBehavior.toProto())
                .build()

            is GenericFailure -> Unit

            is CancellationException -> builder.canceledFailureInfo = CanceledFailureInfo.getDefaultInstance()

            else -> builder.applicationFailureInfo = ApplicationFailureInfo.newBuilder()
                .setType(exception.javaClass.simpleName.ifEmpty { exception.javaClass.name })
                .setNonRetryable(false)
                .build()
        }
    }

    private fun newException(
        failure: Failure,
        message: String,
        cause: TemporalFailure?,
        converter: PayloadConverter,
    ): TemporalFailure = when (failure.failureInfoCase) {
        Failure.FailureInfoCase.APPLICATION_FAILURE_INFO -> {
            val info = failure.applicationFailureInfo
            ApplicationFailure(
                message = message,
                type = info.type,
                nonRetryable = info.nonRetryable,
                details = details(info.details, converter),
                nextRetryDelay = if (info.hasNextRetryDelay()) {
                    info.nextRetryDelay.toKotlinDuration().takeUnless { it.isNegative() }
                } else {
                    null
                },
                category = ApplicationErrorCategory.fromProto(info.category),
                cause = cause,
            )
        }

        Failure.FailureInfoCase.TIMEOUT_FAILURE_INFO -> {
            val info = failure.timeoutFailureInfo
            TimeoutFailure(
                message,
                TimeoutType.fromProto(info.timeoutType),
                details(info.lastHeartbeatDetails, converter),
                cause,
            )
        }

        Failure.FailureInfoCase.CANCELED_FAILURE_INFO -> {
            val info = failure.canceledFailureInfo
            CanceledFailure(message, details(info.details, converter), info.identity, cause)
        }

        Failure.FailureInfoCase.TERMINATED_FAILURE_INFO ->
            TerminatedFailure(message, failure.terminatedFailureInfo.identity, cause)

        Failure.FailureInfoCase.SERVER_FAILURE_INFO ->
            ServerFailure(message, failure.serverFailureInfo.nonRetryable, cause)

        Failure.FailureInfoCase.RESET_WORKFLOW_FAILURE_INFO ->
            ResetWorkflowFailure(message, details(failure.resetWorkflowFailureInfo.lastHeartbeatDetails, converter), cause)

        Failure.FailureInfoCase.ACTIVITY_FAILURE_INFO -> {
            val info = failure.activityFailureInfo
            ActivityFailure(
                message = message,
                scheduledEventId = info.scheduledEventId,
                startedEventId = info.startedEventId,
                identity = info.identity,
                activityType = info.activityType.name,
                activityId = info.activityId,
                retryState = RetryState.fromProto(info.retryState),
                cause = cause,
            )
        }

        Failure.FailureInfoCase.CHILD_WORKFLOW_EXECUTION_FAILURE_INFO -> {
            val info = failure.childWorkflowExecutionFailureInfo
            ChildWorkflowFailure(
                message = message,
                namespace = info.namespace,
                workflowId = info.workflowExecution.workflowId,
                runId = info.workflowExecution.runId,
                workflowType = info.workflowType.name,
                initiatedEventId = info.initiatedEventId,
                startedEventId = info.startedEventId,
                retryState = RetryState.fromProto(info.retryState),
                cause = cause,
            )
        }

        Failure.FailureInfoCase.NEXUS_OPERATION_EXECUTION_FAILURE_INFO -> {
            val info = failure.nexusOperationExecutionFailureInfo
            NexusOperationFailure(
                message = message,
                endpoint = info.endpoint,
                service = info.service,
                operation = info.operation,
                operationToken = info.operationToken.ifEmpty { legacyOperationId(info) },
                scheduledEventId = info.scheduledEventId,
                cause = cause,
            )
        }

        Failure.FailureInfoCase.NEXUS_HANDLER_FAILURE_INFO -> {
            val info = failure.nexusHandlerFailureInfo
            NexusHandlerFailure(message, info.type, NexusHandlerRetryBehavior.fromProto(info.retryBehavior), cause)
        }

        Failure.FailureInfoCase.FAILUREINFO_NOT_SET, null -> GenericFailure(message, cause)
    }

    /** Older SDKs and servers wrote the operation token into the deprecated `operation_id` field. */
    @Suppress("DEPRECATION")
    private fun legacyOperationId(info: NexusOperationFailureInfo): String = info.operationId

    private fun payloads(details: FailureDetails, converter: PayloadConverter): Payloads =
        Payloads.newBuilder().addAllPayloads(details.toPayloads(converter)).build()

    private fun details(payloads: Payloads, converter: PayloadConverter): FailureDetails =
        FailureDetails.fromPayloads(payloads.payloadsList, converter)

    /** Moves the message and stack trace of one failure level into its encoded attributes. */
    private fun encodeLevel(builder: Failure.Builder, converter: PayloadConverter) {
        builder.encodedAttributes = EncodedAttributes.encode(builder.message, builder.stackTrace, converter)
        builder.message = EncodedAttributes.ENCODED_MESSAGE
        builder.stackTrace = ""
    }

    /** Encodes every level of a relayed failure that is not encoded yet, when encoding is on. */
    private fun encodeChain(failure: Failure, converter: PayloadConverter): Failure {
        if (!encodeCommonAttributes) return failure
        val builder = failure.toBuilder()
        if (!failure.hasEncodedAttributes()) encodeLevel(builder, converter)
        if (failure.hasCause()) builder.cause = encodeChain(failure.cause, converter)
        return builder.build()
    }

    /** Constants. */
    public companion object {
        /** The `source` written into every failure produced here, naming this SDK. */
        public const val SOURCE: String = "KotlinSDK"

        /** Frames named in the message of an [Error] that has no message of its own. */
        private const val ERROR_MESSAGE_FRAMES = 3

        /** The class of the artificial frame kotlinx.coroutines puts into a stack trace it recovered. */
        private const val COROUTINE_BOUNDARY_CLASS = "_COROUTINE._BOUNDARY"

        /** Frames of a [StackOverflowError] sent with its failure (the JVM records up to 1024, mostly the same). */
        private const val OVERFLOW_FRAMES = 100
    }
}
