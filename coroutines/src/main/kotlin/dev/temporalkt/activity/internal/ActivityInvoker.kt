@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.activity.ActivityCancelledException
import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.activity.CompleteAsyncException
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.client.Client
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.PayloadConversionException
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.activity.ActivityOutcome
import dev.temporalkt.worker.internal.activity.RunningActivityTask
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.future.await
import kotlinx.coroutines.withContext
import dev.temporalkt.worker.interceptor.ExecuteActivityInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import org.slf4j.LoggerFactory
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.CompletionStage
import java.util.concurrent.ExecutionException
import java.util.concurrent.Executor
import kotlin.coroutines.CoroutineContext

/**
 * Runs one attempt of a registered activity: finds the definition, decodes the arguments with the parameters' full
 * types, calls the function (`suspend` ones on the calling thread until they first suspend, then in [activityContext];
 * blocking ones on [blockingExecutor]) with the
 * [dev.temporalkt.activity.ActivityContext] installed, and turns the result or exception into an [ActivityOutcome].
 */
@InternalTemporalApi
public class ActivityInvoker(
    private val registry: ActivityRegistry,
    private val dataConverter: DataConverter,
    private val blockingExecutor: Executor,
    activityContext: CoroutineContext,
    private val interceptors: List<WorkerInterceptor> = emptyList(),
    private val metricMeter: MetricMeter = MetricMeter.NOOP,
    /** The client activities see as [dev.temporalkt.activity.ActivityContext.client]; `null` when there is none. */
    private val client: Client? = null,
) {
    private val suspendContext: CoroutineContext = activityContext.minusKey(Job)

    /** Runs [attempt] and returns its outcome; never throws except when the calling coroutine is cancelled. */
    public suspend fun run(attempt: RunningActivityTask): ActivityOutcome {
        val task = attempt.task
        val typeName = task.activityType.name
        val definition = registry.find(typeName)
            ?: return ActivityOutcome.Failed(
                ApplicationFailure(
                    "Activity type '$typeName' is not registered on the worker for task queue '${attempt.taskQueue}'; " +
                        "registered: ${registry.names.joinToString().ifEmpty { "none" }}. Register it on this worker " +
                        "or fix the activity name the workflow uses",
                    type = "NotFoundError",
                ),
            )
        return try {
            val context = newContext(attempt, definition)
            val arguments = decodeArguments(definition, typeName, dataConverter.decodePayloads(task.input))
            val result = intercepted(definition, arguments, context, attempt)
            val payload = if (definition.returnsUnit && definition.invoker != null) {
                // the declared type of an external method (void) encodes null without kotlin-reflect
                dataConverter.payloadConverter.toPayload(null, definition.returnType)
            } else if (definition.returnsUnit) {
                dataConverter.payloadConverter.toPayload(null, PlainKType.ANY)
            } else {
                dataConverter.payloadConverter.toPayload(result, definition.returnType)
            }
            ActivityOutcome.Completed(payload)
        } catch (e: CompleteAsyncException) {
            ActivityOutcome.WillCompleteAsync
        } catch (e: Throwable) {
            if (e is CancellationException && attempt.cancelReason == null && e !is ActivityCancelledException) {
                // the worker itself is being torn down
                throw e
            }
            ActivityOutcome.Failed(e)
        }
    }

    private suspend fun newContext(attempt: RunningActivityTask, definition: ActivityDefinition): ActivityContextImpl {
        val task = attempt.task
        val heartbeatDetails = if (task.hasHeartbeatDetails()) dataConverter.decodePayloads(task.heartbeatDetails)!!.payloadsList else emptyList()
        val info = ActivityInfo(
            activityId = task.activityId,
            activityType = task.activityType.name,
            attempt = task.attempt,
            taskQueue = attempt.taskQueue,
            taskToken = task.taskToken.toByteArray(),
            workflowNamespace = task.workflowNamespace,
            workflowId = task.workflowExecution.workflowId,
            workflowRunId = task.workflowExecution.runId,
            workflowType = task.workflowType.name,
            scheduledTime = if (task.hasScheduledTime()) task.scheduledTime.toInstantOrNull() else null,
            currentAttemptScheduledTime = if (task.hasCurrentAttemptScheduledTime()) task.currentAttemptScheduledTime.toInstantOrNull() else null,
            startedTime = if (task.hasStartedTime()) task.startedTime.toInstantOrNull() else null,
            scheduleToCloseTimeout = if (task.hasScheduleToCloseTimeout()) task.scheduleToCloseTimeout.toPositiveDurationOrNull() else null,
            startToCloseTimeout = if (task.hasStartToCloseTimeout()) task.startToCloseTimeout.toPositiveDurationOrNull() else null,
            heartbeatTimeout = if (task.hasHeartbeatTimeout()) task.heartbeatTimeout.toPositiveDurationOrNull() else null,
            isLocal = attempt.isLocal,
            heartbeatDetails = heartbeatDetails,
            payloadConverter = dataConverter.payloadConverter,
        )
        val loggerName = definition.receiver?.javaClass?.name ?: "dev.temporalkt.activity.${definition.functionName}"
        val meter = metricMeter.withAttributes(
            mapOf("namespace" to task.workflowNamespace, "task_queue" to attempt.taskQueue, "activity_type" to task.activityType.name),
        )
        return ActivityContextImpl(info, dataConverter.payloadConverter, LoggerFactory.getLogger(loggerName), meter, attempt, client)
    }

    private fun decodeArguments(definition: ActivityDefinition, typeName: String, input: Payloads?): List<Any?> {
        val payloads = input?.payloadsList.orEmpty()
        if (definition.isDynamic) return listOf(payloads)
        val parameters = definition.parameterTypes
        if (payloads.size > parameters.size || payloads.size < definition.requiredArguments) {
            val expected = if (definition.requiredArguments == parameters.size) {
                "${parameters.size}"
            } else {
                "${definition.requiredArguments} to ${parameters.size}"
            }
            throw ApplicationFailure(
                "Activity '$typeName' takes $expected argument${if (parameters.size == 1) "" else "s"} " +
                    "${definition.signature} but was called with ${payloads.size}; " +
                    "call it with arguments matching the function's parameters",
                type = "WrongArgumentCount",
                nonRetryable = true,
            )
        }
        return payloads.mapIndexed { index, payload ->
            try {
                dataConverter.payloadConverter.fromPayload(payload, definition.parameterTypes[index])
            } catch (e: PayloadConversionException) {
                throw ApplicationFailure(
                    "Activity '$typeName' cannot decode argument $index (parameter '${definition.parameterNames[index]}' " +
                        "of type ${definition.parameterTypes[index]}): ${e.message}",
                    type = "ArgumentDecodingFailed",
                    nonRetryable = true,
                    cause = e,
                )
            }
        }
    }

    /** Runs the attempt through the worker's activity interceptors, which end in [call]. */
    private suspend fun intercepted(
        definition: ActivityDefinition,
        arguments: List<Any?>,
        context: ActivityContextImpl,
        attempt: RunningActivityTask,
    ): Any? {
        if (interceptors.isEmpty()) return call(definition, arguments, context, attempt)
        val chain = ActivityInterceptorChain(interceptors, context) { args -> call(definition, args, context, attempt) }
        val input = ExecuteActivityInput(context.attemptInfo, arguments, attempt.task.header.fieldsMap)
        return withContext(ActivityContextElement(context)) { chain.inbound.executeActivity(input) }
    }

    private suspend fun call(
        definition: ActivityDefinition,
        arguments: List<Any?>,
        context: ActivityContextImpl,
        attempt: RunningActivityTask,
    ): Any? {
        val caller = definition.caller ?: return callExternal(definition, arguments, context, attempt)
        if (definition.isSuspend) {
            return coroutineScope {
                // started on this thread, up to its first suspension (an activity that never suspends costs no hand-off
                // to the suspend context and back); it resumes in the suspend context after that
                val running = async(suspendContext + ActivityContextElement(context), CoroutineStart.UNDISPATCHED) {
                    val standIn = definition.standIn
                    if (standIn != null) {
                        standIn.callSuspend(arguments)
                    } else {
                        caller.callSuspend(definition.receiver, arguments).let { if (caller.returnsUnit) Unit else it }
                    }
                }
                attempt.onCancel { reason -> running.cancel(ActivityCancelledException(reason.toPublic())) }
                running.await()
            }
        }
        val future = CompletableFuture<Any?>()
        blockingExecutor.execute {
            val saved = ActivityContextElement.install(context)
            try {
                val standIn = definition.standIn
                future.complete(if (standIn != null) standIn.callBlocking(arguments) else caller.call(definition.receiver, arguments))
            } catch (e: Throwable) {
                future.completeExceptionally(e)
            } finally {
                ActivityContextElement.restore(saved)
            }
        }
        return try {
            future.await()
        } catch (e: CompletionException) {
            throw e.cause ?: e
        } catch (e: ExecutionException) {
            throw e.cause ?: e
        }
    }

    /**
     * Runs an external (Java) activity method on the blocking executor with the context installed and, when it returns
     * a `CompletionStage`, awaits it. Cancelling the attempt cancels the stage and ends the wait with
     * [ActivityCancelledException] (a blocking method sees the cancellation through its context, as Kotlin blocking
     * activities do).
     */
    private suspend fun callExternal(
        definition: ActivityDefinition,
        arguments: List<Any?>,
        context: ActivityContextImpl,
        attempt: RunningActivityTask,
    ): Any? {
        val invoker = definition.invoker!!
        val receiver = definition.receiver!!
        val returned = CompletableFuture<Any?>()
        blockingExecutor.execute {
            val saved = ActivityContextElement.install(context)
            try {
                returned.complete(invoker.invoke(receiver, arguments))
            } catch (e: Throwable) {
                returned.completeExceptionally(e)
            } finally {
                ActivityContextElement.restore(saved)
            }
        }
        val result = try {
            returned.await()
        } catch (e: CompletionException) {
            throw e.cause ?: e
        }
        val stage = result as? CompletionStage<*> ?: return result
        val future = stage.toCompletableFuture()
        val outcome = CompletableFuture<Any?>()
        future.whenComplete { value, error -> if (error == null) outcome.complete(value) else outcome.completeExceptionally(unwrap(error)) }
        attempt.onCancel { reason ->
            val cancelled = ActivityCancelledException(reason.toPublic())
            if (outcome.completeExceptionally(cancelled)) future.cancel(false)
        }
        return try {
            outcome.await()
        } catch (e: CompletionException) {
            throw e.cause ?: e
        }
    }

    private fun unwrap(e: Throwable): Throwable = if (e is CompletionException || e is ExecutionException) e.cause ?: e else e
}
