package dev.temporalkt.worker.internal.activity

import com.google.protobuf.ByteString
import dev.temporalkt.worker.internal.logging.RepeatedFailureLog
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueRequest
import dev.temporalkt.worker.internal.versioning.WorkerDeploymentStamp
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RecordActivityTaskHeartbeatRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCanceledRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskFailedRequest
import dev.temporalkt.api.workflowservice.v1.WorkflowServiceGrpc
import dev.temporalkt.client.Connection
import dev.temporalkt.client.unary
import dev.temporalkt.common.internal.toKotlinDuration
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.internal.InternalTemporalApi
import io.grpc.Status
import io.grpc.StatusException
import io.grpc.StatusRuntimeException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.NonCancellable
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import org.slf4j.Logger
import org.slf4j.LoggerFactory
import dev.temporalkt.worker.internal.metrics.WorkerMetrics
import dev.temporalkt.worker.internal.threads.WorkerThreads
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.TimeSource


/**
 * Runs polled activity tasks, whatever the way activities are written: [execute] runs the user's code for a
 * [RunningActivityTask] and returns its [ActivityOutcome]; this class does the rest.
 *
 * For each task it starts an [ActivityHeartbeater] (throttled per [HeartbeatThrottle], cancellation delivered
 * through heartbeat responses), runs [execute], flushes the last heartbeat details, and reports the outcome with
 * `RespondActivityTaskCompleted`, `RespondActivityTaskFailed` (with the last heartbeat details) or
 * `RespondActivityTaskCanceled`, payloads encoded by the [dataConverter]'s codecs. How a cancellation exception is
 * reported depends on why the attempt was cancelled:
 * - [ActivityCancelReason.CANCEL_REQUESTED]: reported as cancelled;
 * - paused, reset, heartbeat timeout, worker shutdown: reported as a failed attempt with an [ApplicationFailure]
 *   of type `ActivityPause`, `ActivityReset`, `ActivityHeartbeatTimeout` or `WorkerShutdown`, so the retry policy
 *   decides (the server ignores a report for an attempt it already timed out);
 * - [ActivityCancelReason.NOT_FOUND]: nothing is reported, the server no longer knows the attempt.
 *
 * RPC errors while reporting are logged: the [connection] already retries transient gRPC failures, and an attempt
 * that cannot be reported is retried by the server after its timeout.
 */
@InternalTemporalApi
public class ActivityTaskProcessor(
    private val connection: Connection,
    /** The task queue tasks are polled from. */
    public val taskQueue: String,
    private val dataConverter: DataConverter,
    private val execute: suspend (RunningActivityTask) -> ActivityOutcome,
    private val logger: Logger = LoggerFactory.getLogger(ActivityTaskProcessor::class.java),
    /** The worker's `worker_instance_key`, sent on every poll (see [dev.temporalkt.worker.internal.poll.WorkerShutdownNotice]). */
    private val workerInstanceKey: String = "",
    /** The worker's deployment version on its polls; see [WorkerDeploymentStamp]. */
    private val deployment: WorkerDeploymentStamp = WorkerDeploymentStamp.UNVERSIONED,
    /** The SDK's own metrics of the worker. */
    private val metrics: WorkerMetrics = WorkerMetrics.NOOP,
) {
    private val running = ConcurrentHashMap<ByteString, RunningActivityTask>()

    @Volatile
    private var shuttingDown = false

    /** Number of attempts currently running. */
    public val runningCount: Int get() = running.size

    /** Long-polls the task queue once; `null` when the poll ended without a task. */
    public suspend fun poll(): PollActivityTaskQueueResponse? {
        val response = connection.unary(
            WorkflowServiceGrpc.getPollActivityTaskQueueMethod(),
            deployment.stamp(
                PollActivityTaskQueueRequest.newBuilder()
                    .setNamespace(connection.namespace)
                    .setIdentity(connection.identity)
                    .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                    .setWorkerInstanceKey(workerInstanceKey),
            ).build(),
        )
        return if (response.taskToken.isEmpty) null else response
    }

    /** Runs [task] to its end and reports the outcome. Never throws except on cancellation of the caller. */
    public suspend fun process(task: PollActivityTaskQueueResponse) {
        val attempt = RunningActivityTask(task, taskQueue)
        running[task.taskToken] = attempt
        val started = TimeSource.Monotonic.markNow()
        metrics.activityScheduleToStart(task.activityType.name, task.currentAttemptScheduledTime, task.startedTime)
        try {
            coroutineScope {
                val heartbeatTimeout = if (task.hasHeartbeatTimeout()) task.heartbeatTimeout.toKotlinDuration() else null
                val heartbeater = ActivityHeartbeater(
                    throttleInterval = HeartbeatThrottle.interval(heartbeatTimeout),
                    heartbeatTimeout = heartbeatTimeout?.takeIf { it.isPositive() },
                    scope = this,
                    send = { details -> sendHeartbeat(task.taskToken, details) },
                    onCancel = { reason -> attempt.cancel(reason) },
                    subject = "activity ${task.activityType.name} (id ${task.activityId}, workflow ${task.workflowExecution.workflowId}, " +
                        "run ${task.workflowExecution.runId})",
                )
                attempt.heartbeater = heartbeater
                heartbeater.start()
                if (shuttingDown) attempt.notifyWorkerShutdown()
                val outcome = try {
                    execute(attempt)
                } catch (e: Throwable) {
                    if (e is CancellationException && attempt.cancelReason == null) throw e
                    ActivityOutcome.Failed(e)
                }
                withContext(NonCancellable) {
                    val reason = attempt.cancelReason
                    val lastDetails = heartbeater.finish(flush = reason != ActivityCancelReason.NOT_FOUND)
                    report(attempt, outcome, lastDetails)
                }
                metrics.activityExecuted(
                    task.activityType.name, started.elapsedNow(), failed = outcome is ActivityOutcome.Failed && attempt.cancelReason == null,
                )
            }
        } finally {
            running.remove(task.taskToken)
        }
    }

    /** Tells every running attempt (and those that start later) that the worker is shutting down. */
    public fun notifyWorkerShutdown() {
        shuttingDown = true
        running.values.forEach { it.notifyWorkerShutdown() }
    }

    /** Cancels every running attempt with [reason]. */
    public fun cancelAll(reason: ActivityCancelReason) {
        running.values.forEach { it.cancel(reason) }
    }

    private suspend fun sendHeartbeat(taskToken: ByteString, details: Payloads): ActivityCancelReason? {
        val request = RecordActivityTaskHeartbeatRequest.newBuilder()
            .setNamespace(connection.namespace)
            .setIdentity(connection.identity)
            .setTaskToken(taskToken)
            .setDetails(dataConverter.encodePayloads(details))
            .build()
        val response = try {
            connection.unary(WorkflowServiceGrpc.getRecordActivityTaskHeartbeatMethod(), request)
        } catch (e: Exception) {
            if (statusCode(e) == Status.Code.NOT_FOUND) return ActivityCancelReason.NOT_FOUND
            throw e
        }
        return when {
            response.cancelRequested -> ActivityCancelReason.CANCEL_REQUESTED
            response.activityReset -> ActivityCancelReason.RESET
            response.activityPaused -> ActivityCancelReason.PAUSED
            else -> null
        }
    }

    private suspend fun report(attempt: RunningActivityTask, outcome: ActivityOutcome, lastDetails: Payloads?) {
        val task = attempt.task
        val reason = attempt.cancelReason
        val description = "activity ${task.activityType.name} (id ${task.activityId}, attempt ${task.attempt}, " +
            "workflow ${task.workflowExecution.workflowId}, run ${task.workflowExecution.runId})"
        try {
            when (outcome) {
                is ActivityOutcome.Completed -> {
                    val result = try {
                        dataConverter.encodePayloads(Payloads.newBuilder().addPayloads(outcome.result).build())
                    } catch (e: Exception) {
                        reportFailure(task, ApplicationFailure("Encoding the activity result failed: ${e.message}", type = "ResultEncodingFailed", cause = e), lastDetails, description)
                        return
                    }
                    val request = RespondActivityTaskCompletedRequest.newBuilder()
                        .setNamespace(connection.namespace)
                        .setIdentity(connection.identity)
                        .setTaskToken(task.taskToken)
                        .setResult(result)
                        .build()
                    // the rest of the attempt is bookkeeping: it runs on the thread the answer arrives on
                    WorkerThreads.onResumingThread { connection.unary(WorkflowServiceGrpc.getRespondActivityTaskCompletedMethod(), request) }
                }
                ActivityOutcome.WillCompleteAsync -> logger.debug("{} will be completed asynchronously", description)
                is ActivityOutcome.Failed -> {
                    val cancelled = outcome.error is CancellationException && reason != null
                    when {
                        cancelled && reason == ActivityCancelReason.NOT_FOUND ->
                            logger.debug("{} is no longer known to the server; not reporting its end", description)
                        cancelled && reason == ActivityCancelReason.CANCEL_REQUESTED -> {
                            logger.debug("{} completed as cancelled", description)
                            connection.unary(
                                WorkflowServiceGrpc.getRespondActivityTaskCanceledMethod(),
                                RespondActivityTaskCanceledRequest.newBuilder()
                                    .setNamespace(connection.namespace)
                                    .setIdentity(connection.identity)
                                    .setTaskToken(task.taskToken)
                                    .build(),
                            )
                        }
                        else -> {
                            val error = if (cancelled) failureFor(reason, outcome.error) else outcome.error
                            reportFailure(task, error, lastDetails, description)
                        }
                    }
                }
            }
        } catch (e: Exception) {
            if (statusCode(e) == Status.Code.NOT_FOUND) {
                logger.info("Could not report the end of {}: the server no longer knows the attempt (timed out?)", description)
            } else {
                logger.warn(
                    "Could not report the end of {}: {}; the server retries it after its timeout",
                    description, RepeatedFailureLog.describe(e),
                )
                logger.debug("Reporting the end of {} failed", description, e)
            }
        }
    }

    private suspend fun reportFailure(task: PollActivityTaskQueueResponse, error: Throwable, lastDetails: Payloads?, description: String) {
        logFailure(description, error)
        val failure = try {
            dataConverter.encodeFailure(error)
        } catch (e: Exception) {
            logger.error("Converting the failure of {} failed; reporting a plain failure instead", description, e)
            dev.temporalkt.api.failure.v1.Failure.newBuilder()
                .setMessage("Converting the activity's failure failed: ${e.message}; original error: $error")
                .setApplicationFailureInfo(dev.temporalkt.api.failure.v1.ApplicationFailureInfo.newBuilder().setType("FailureEncodingFailed"))
                .build()
        }
        val request = RespondActivityTaskFailedRequest.newBuilder()
            .setNamespace(connection.namespace)
            .setIdentity(connection.identity)
            .setTaskToken(task.taskToken)
            .setFailure(failure)
        if (lastDetails != null) {
            try {
                request.setLastHeartbeatDetails(dataConverter.encodePayloads(lastDetails))
            } catch (e: Exception) {
                logger.warn("Encoding the last heartbeat details of {} failed; reporting the failure without them", description, e)
            }
        }
        connection.unary(WorkflowServiceGrpc.getRespondActivityTaskFailedMethod(), request.build())
    }

    private fun logFailure(description: String, error: Throwable) {
        val benign = error is ApplicationFailure && error.category == dev.temporalkt.failure.ApplicationErrorCategory.BENIGN
        if (benign) logger.debug("{} failed", description, error) else logger.warn("{} failed", description, error)
    }

    private fun failureFor(reason: ActivityCancelReason, cause: Throwable): Throwable = when (reason) {
        ActivityCancelReason.PAUSED -> ApplicationFailure("Activity was cancelled because it was paused", type = "ActivityPause", cause = cause)
        ActivityCancelReason.RESET -> ApplicationFailure("Activity was cancelled because it was reset", type = "ActivityReset", cause = cause)
        ActivityCancelReason.HEARTBEAT_TIMEOUT -> ApplicationFailure(
            "Activity was cancelled because it did not heartbeat within its heartbeat timeout",
            type = "ActivityHeartbeatTimeout",
            cause = cause,
        )
        ActivityCancelReason.WORKER_SHUTDOWN -> ApplicationFailure(
            "Activity was cancelled because its worker shut down",
            type = "WorkerShutdown",
            cause = cause,
        )
        ActivityCancelReason.CANCEL_REQUESTED, ActivityCancelReason.NOT_FOUND -> cause
    }

    private fun statusCode(e: Throwable): Status.Code? = when (e) {
        is StatusException -> e.status.code
        is StatusRuntimeException -> e.status.code
        else -> null
    }

}
