@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.localactivity

import com.google.protobuf.ByteString
import com.google.protobuf.Timestamp
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.TimeoutType
import dev.temporalkt.api.failure.v1.ApplicationFailureInfo
import dev.temporalkt.api.failure.v1.CanceledFailureInfo
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.failure.v1.TimeoutFailureInfo
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.activity.ActivityCancelReason
import dev.temporalkt.worker.internal.activity.ActivityOutcome
import dev.temporalkt.worker.internal.activity.RunningActivityTask
import dev.temporalkt.worker.internal.metrics.WorkerMetrics
import dev.temporalkt.worker.internal.replay.LocalActivityCompletion
import dev.temporalkt.worker.internal.replay.LocalActivityRequest
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.selects.select
import kotlinx.coroutines.withTimeoutOrNull
import java.time.Instant
import java.util.concurrent.ConcurrentHashMap
import kotlin.time.Duration
import kotlin.time.TimeSource
import kotlin.time.toJavaDuration
import kotlin.time.toKotlinDuration

/**
 * Runs the local activities of a workflow worker's runs, with the activities registered on the worker: each attempt is
 * handed to [execute] as a [RunningActivityTask] marked local (the activity runtime runs it as it runs activity tasks),
 * timeouts and retries are applied here (see [LocalActivityRetries]), and a backoff longer than the request's local
 * retry threshold ends local retrying with a backoff outcome, so the workflow waits on a durable timer instead.
 *
 * At most `maxConcurrent` attempts run at once (over all runs of the worker); further attempts wait for a slot, and
 * that wait counts towards their schedule-to-close timeout. Retry backoffs do not hold a slot. Slots are granted in
 * the order the local activities were started (see [LocalActivitySlots]): the first attempt asks for its slot when
 * [RunLocalActivities.start] is called, so of two local activities scheduled in one workflow task the first one
 * scheduled runs first.
 */
@InternalTemporalApi
public class LocalActivityRunner(
    private val dataConverter: DataConverter,
    /** Runs one attempt of a local activity's code and returns its outcome: the activity runtime's side. */
    private val execute: suspend (RunningActivityTask) -> ActivityOutcome,
    /** Attempts running at once, over all runs of the worker. */
    maxConcurrent: Int = 100,
    /** Called once by [shutdown], after the running attempts were cancelled (to release the runtime's executor). */
    private val onShutdown: () -> Unit = {},
    /** The SDK's own metrics of the worker. */
    private val metrics: WorkerMetrics = WorkerMetrics.NOOP,
) {
    /** One permit per attempt running now, across all runs; an attempt waits for one before it starts. */
    private val slots = LocalActivitySlots(maxConcurrent)
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    /** A new set of local activities for one run. */
    internal fun forRun(): RunLocalActivities = RunLocalActivities(this)

    /** Cancels every local activity still running and lets the activity runtime release its resources. */
    public fun shutdown() {
        scope.cancel()
        onShutdown()
    }

    internal fun launch(execution: LocalActivityExecution, report: suspend (LocalActivityCompletion) -> Unit): Job =
        scope.launch(start = CoroutineStart.LAZY) { report(execution.run()) }
            .also { job -> job.invokeOnCompletion { execution.giveUpFirstSlot() } }

    internal inner class LocalActivityExecution(private val request: LocalActivityRequest) {
        private val cancelled = CompletableDeferred<Unit>()

        /** The first attempt's slot, asked for when the execution is created, until [run] takes it. */
        @Volatile
        private var firstSlot: CompletableDeferred<Unit>? = slots.request()

        /** Gives the first attempt's slot request back when [run] never took it (a job cancelled before it ran). */
        fun giveUpFirstSlot() {
            val unused = firstSlot ?: return
            firstSlot = null
            slots.withdraw(unused)
        }

        @Volatile
        private var current: RunningActivityTask? = null

        fun cancel() {
            cancelled.complete(Unit)
            current?.cancel(ActivityCancelReason.CANCEL_REQUESTED)
        }

        suspend fun run(): LocalActivityCompletion {
            val started = TimeSource.Monotonic.markNow()
            val deadline = request.scheduleToClose?.let { request.originalScheduleTime.plus(it.toJavaDuration()) }
            var attempt = request.attempt
            if (attempt == 1) metrics.localActivityStarted(request.activityType, request.workflowType)
            while (true) {
                fun done(failure: Failure?, result: dev.temporalkt.api.common.v1.Payload? = null, backoff: Duration? = null) =
                    LocalActivityCompletion(attempt, result, failure, backoff, request.originalScheduleTime, started.elapsedNow())
                if (cancelled.isCompleted) return done(cancelledFailure())
                val remaining = deadline?.let { java.time.Duration.between(Instant.now(), it) }
                if (remaining != null && (remaining.isNegative || remaining.isZero)) return done(timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE))
                val remainingKotlin = remaining?.toKotlinDuration()
                val startToClose = request.startToClose
                val slotWait = TimeSource.Monotonic.markNow()
                val slot = firstSlot?.also { firstSlot = null } ?: slots.request()
                when (acquireSlot(slot, remainingKotlin)) {
                    SlotWait.CANCELLED -> return done(cancelledFailure())
                    SlotWait.TIMED_OUT -> return done(timeout(TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE))
                    SlotWait.ACQUIRED -> Unit
                }
                val left = remainingKotlin?.minus(slotWait.elapsedNow())
                val timeoutType = if (startToClose != null && (left == null || startToClose <= left)) {
                    TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE
                } else {
                    TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE
                }
                val limit = listOfNotNull(startToClose, left).minOrNull()
                val attemptStarted = TimeSource.Monotonic.markNow()
                val outcome = try {
                    val running = RunningActivityTask(task(attempt), request.taskQueue, isLocal = true)
                    current = running
                    if (cancelled.isCompleted) running.cancel(ActivityCancelReason.CANCEL_REQUESTED)
                    if (limit != null) withTimeoutOrNull(limit) { execute(running) } else execute(running)
                } finally {
                    current = null
                    slots.release()
                }
                metrics.localActivityAttempt(
                    request.activityType, request.workflowType, attemptStarted.elapsedNow(), failed = outcome !is ActivityOutcome.Completed,
                )
                val failure = when (outcome) {
                    null -> timeout(timeoutType)
                    is ActivityOutcome.Completed -> return done(null, outcome.result)
                    is ActivityOutcome.Failed -> if (cancelled.isCompleted) {
                        cancelledFailure()
                    } else {
                        dataConverter.failureConverter.toFailure(outcome.error, dataConverter.payloadConverter)
                    }
                    ActivityOutcome.WillCompleteAsync -> Failure.newBuilder()
                        .setMessage("Local activity '${request.activityType}' asked to complete asynchronously; local activities cannot")
                        .setApplicationFailureInfo(ApplicationFailureInfo.newBuilder().setType("IllegalState").setNonRetryable(true))
                        .build()
                }
                val backoff = LocalActivityRetries.backoff(request.retryPolicy, attempt, failure) ?: return done(failure)
                if (deadline != null && Instant.now().plus(backoff.toJavaDuration()).isAfter(deadline)) return done(failure)
                if (backoff > request.localRetryThreshold) return done(failure, backoff = backoff)
                if (withTimeoutOrNull(backoff) { cancelled.await() } != null) return done(cancelledFailure())
                attempt++
            }
        }

        /**
         * Waits until [slot] (a request) is granted, or until the execution is cancelled or [within] (the time left)
         * has passed; in those cases, and when the coroutine is cancelled, the request is withdrawn.
         */
        private suspend fun acquireSlot(slot: CompletableDeferred<Unit>, within: Duration?): SlotWait {
            if (slot.isCompleted) return SlotWait.ACQUIRED
            val result = try {
                withTimeoutOrNull(within ?: Duration.INFINITE) {
                    // a cancellation wins over a slot granted at the same time: the attempt never starts
                    select {
                        cancelled.onAwait { SlotWait.CANCELLED }
                        slot.onAwait { SlotWait.ACQUIRED }
                    }
                } ?: SlotWait.TIMED_OUT
            } catch (e: CancellationException) {
                slots.withdraw(slot)
                throw e
            }
            if (result != SlotWait.ACQUIRED) slots.withdraw(slot)
            return result
        }

        private suspend fun task(attempt: Int): PollActivityTaskQueueResponse {
            val now = timestamp(Instant.now())
            val b = PollActivityTaskQueueResponse.newBuilder()
                .setTaskToken(ByteString.copyFromUtf8("local:${request.runId}:${request.seq}:$attempt"))
                .setWorkflowNamespace(request.namespace)
                .setWorkflowType(WorkflowType.newBuilder().setName(request.workflowType))
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(request.workflowId).setRunId(request.runId))
                .setActivityType(ActivityType.newBuilder().setName(request.activityType))
                .setActivityId(request.activityId)
                .setHeader(request.headers)
                .setInput(dataConverter.encodePayloads(request.arguments))
                .setAttempt(attempt)
                .setScheduledTime(timestamp(request.originalScheduleTime))
                .setCurrentAttemptScheduledTime(now)
                .setStartedTime(now)
            request.startToClose?.let { b.setStartToCloseTimeout(duration(it)) }
            request.scheduleToClose?.let { b.setScheduleToCloseTimeout(duration(it)) }
            return b.build()
        }
    }

    private enum class SlotWait { ACQUIRED, CANCELLED, TIMED_OUT }

    private fun cancelledFailure(): Failure = Failure.newBuilder().setMessage("Local activity cancelled")
        .setCanceledFailureInfo(CanceledFailureInfo.getDefaultInstance()).build()

    private fun timeout(type: TimeoutType): Failure = Failure.newBuilder().setMessage("Local activity timed out")
        .setTimeoutFailureInfo(TimeoutFailureInfo.newBuilder().setTimeoutType(type)).build()

    private fun timestamp(i: Instant): Timestamp = Timestamp.newBuilder().setSeconds(i.epochSecond).setNanos(i.nano).build()

    private fun duration(d: Duration): com.google.protobuf.Duration =
        d.toComponents { s, n -> com.google.protobuf.Duration.newBuilder().setSeconds(s).setNanos(n).build() }
}

/**
 * The local activities of one run: started from the engine's requests, cancelled on the engine's behalf, and their
 * outcomes queued in [results] until a workflow task of the run feeds them to the engine (outcomes may arrive
 * between tasks, while the run waits for the task that follows a workflow task heartbeat).
 */
internal class RunLocalActivities(private val runner: LocalActivityRunner) {
    /** Outcomes by local activity sequence number, in the order they ended. */
    val results: Channel<Pair<Int, LocalActivityCompletion>> = Channel(Channel.UNLIMITED)
    private val running = ConcurrentHashMap<Int, Pair<LocalActivityRunner.LocalActivityExecution, Job>>()

    fun start(request: LocalActivityRequest) {
        val execution = runner.LocalActivityExecution(request)
        val job = runner.launch(execution) { completion ->
            running.remove(request.seq)
            results.send(request.seq to completion)
        }
        running[request.seq] = execution to job
        job.start()
    }

    fun cancel(seq: Int) {
        running[seq]?.first?.cancel()
    }

    /** Stops every local activity of the run without reporting (the run left the worker). */
    fun cancelAll() {
        running.values.forEach { it.second.cancel() }
        running.clear()
    }
}
