@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.workflow.internal

import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.failure.ActivityFailure
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.RetryState
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.WorkflowCommand
import dev.temporalkt.worker.interceptor.StartActivityInput
import dev.temporalkt.worker.interceptor.StartLocalActivityInput
import dev.temporalkt.workflow.ActivityHandle
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.LocalActivityOptions
import java.time.Instant
import kotlin.reflect.KType

/**
 * The activities and local activities of one run: records their ScheduleActivity / ScheduleLocalActivity and
 * cancellation commands and applies the ResolveActivity jobs that answer them. A local activity that the core asks to
 * back off ([ActivityResolution.Backoff]) waits on a durable timer and is scheduled again with a new sequence number
 * and the next attempt; its handle stays the same.
 */
internal class RunActivities(private val run: WorkflowInstance) {
    private class PendingActivity(
        val handle: ActivityHandleImpl<*>,
        val resultType: KType,
        /** For local activities: schedules the next attempt after a backoff. */
        val reschedule: ((attempt: Int, originalScheduleTime: Instant?) -> Unit)? = null,
    )

    private var seq = 0
    private var pendingOrNull: HashMap<Int, PendingActivity>? = null
    private val pending: HashMap<Int, PendingActivity>
        get() = pendingOrNull ?: HashMap<Int, PendingActivity>().also { pendingOrNull = it }

    @Suppress("UNCHECKED_CAST")
    fun <R> schedule(activityType: String, args: List<Any?>, argTypes: List<KType>, resultType: KType, options: ActivityOptions): ActivityHandle<R> {
        run.requireMutable("Workflow.startActivity")
        return run.interceptorChain.outbound.startActivity(StartActivityInput(activityType, args, argTypes, resultType, options)) as ActivityHandle<R>
    }

    /** Records the ScheduleActivity command: the end of the outbound interceptor chain. */
    fun <R> scheduleCommand(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: ActivityOptions,
        headers: Header,
    ): ActivityHandleImpl<R> {
        run.requireMutable("Workflow.startActivity")
        requireTimeoutsAndArguments("Activity '$activityType'", "ActivityOptions", options.startToCloseTimeout, options.scheduleToCloseTimeout, args, argTypes)
        val seq = ++seq
        val activityId = options.activityId ?: seq.toString()
        run.emit(
            WorkflowCommand.ScheduleActivity(
                seq = seq,
                activityId = activityId,
                activityType = activityType,
                taskQueue = options.taskQueue ?: run.options.taskQueue,
                arguments = run.payloadConverter.toPayloads(args, argTypes),
                headers = headers,
                scheduleToClose = options.scheduleToCloseTimeout,
                scheduleToStart = options.scheduleToStartTimeout,
                startToClose = options.startToCloseTimeout,
                heartbeat = options.heartbeatTimeout,
                retryPolicy = options.retryPolicy?.toProto(),
                cancellationType = options.cancellationType,
                doNotEagerlyExecute = options.disableEagerExecution,
                summary = options.summary?.let(run::stringPayload),
            ),
        )
        val handle = ActivityHandleImpl<R>(this, seq, activityId, activityType)
        pending[seq] = PendingActivity(handle, resultType)
        return handle
    }

    @Suppress("UNCHECKED_CAST")
    fun <R> scheduleLocal(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: LocalActivityOptions,
    ): ActivityHandle<R> {
        run.requireMutable("Workflow.startLocalActivity")
        return run.interceptorChain.outbound.startLocalActivity(
            StartLocalActivityInput(activityType, args, argTypes, resultType, options),
        ) as ActivityHandle<R>
    }

    /** Records the ScheduleLocalActivity command (and those of its retries): the end of the outbound interceptor chain. */
    fun <R> scheduleLocalCommand(
        activityType: String,
        args: List<Any?>,
        argTypes: List<KType>,
        resultType: KType,
        options: LocalActivityOptions,
        headers: Header,
    ): ActivityHandleImpl<R> {
        run.requireMutable("Workflow.startLocalActivity")
        requireTimeoutsAndArguments(
            "Local activity '$activityType'", "LocalActivityOptions", options.startToCloseTimeout, options.scheduleToCloseTimeout, args, argTypes,
        )
        val arguments = run.payloadConverter.toPayloads(args, argTypes)
        val firstSeq = seq + 1
        val handle = ActivityHandleImpl<R>(this, firstSeq, options.activityId ?: firstSeq.toString(), activityType, isLocal = true)
        fun schedule(attempt: Int, originalScheduleTime: Instant?) {
            val seq = ++seq
            handle.seq = seq
            run.emit(
                WorkflowCommand.ScheduleLocalActivity(
                    seq = seq,
                    activityId = handle.activityId,
                    activityType = activityType,
                    arguments = arguments,
                    attempt = attempt,
                    originalScheduleTime = originalScheduleTime,
                    headers = headers,
                    scheduleToClose = options.scheduleToCloseTimeout,
                    scheduleToStart = options.scheduleToStartTimeout,
                    startToClose = options.startToCloseTimeout,
                    retryPolicy = options.retryPolicy?.toProto(),
                    localRetryThreshold = options.localRetryThreshold,
                    cancellationType = options.cancellationType,
                ),
            )
            pending[seq] = PendingActivity(handle, resultType, ::schedule)
        }
        schedule(attempt = 1, originalScheduleTime = null)
        return handle
    }

    private fun requireTimeoutsAndArguments(
        what: String,
        optionsClass: String,
        startToClose: kotlin.time.Duration?,
        scheduleToClose: kotlin.time.Duration?,
        args: List<Any?>,
        argTypes: List<KType>,
    ) {
        require(startToClose != null || scheduleToClose != null) {
            "$what: start-to-close or schedule-to-close timeout is required; set " +
                "$optionsClass(startToCloseTimeout = ...) or $optionsClass(scheduleToCloseTimeout = ...)"
        }
        require(args.size == argTypes.size) { "$what takes ${argTypes.size} argument(s) $argTypes but was given ${args.size}" }
    }

    fun requestCancel(handle: ActivityHandleImpl<*>) {
        run.requireMutable("ActivityHandle.cancel")
        if (run.evicting) return
        val backoffTimer = handle.backoffTimer
        when {
            backoffTimer != null -> {
                // Between attempts nothing runs: drop the retry and report the cancellation at once.
                handle.backoffTimer = null
                run.timers.cancelTimer(backoffTimer)
                handle.result.completeExceptionally(
                    ActivityFailure(
                        "Local activity cancelled while waiting to retry", 0, 0, "", handle.activityType,
                        handle.activityId, RetryState.CANCEL_REQUESTED, CanceledFailure("Local activity cancelled"),
                    ),
                )
            }
            handle.isLocal -> run.emit(WorkflowCommand.RequestCancelLocalActivity(handle.seq))
            else -> run.emit(WorkflowCommand.RequestCancelActivity(handle.seq))
        }
    }

    fun resolve(job: ActivationJob.ResolveActivity) {
        val pending = pendingOrNull?.remove(job.seq)
            ?: return run.failTask(unknownResolution("activity", job.seq))
        if (pendingOrNull?.isEmpty() == true) pendingOrNull = null
        val result = pending.handle.result
        when (val resolution = job.result) {
            is ActivityResolution.Completed -> try {
                result.complete(run.decodeResult(resolution.result, pending.resultType))
            } catch (e: Exception) {
                result.completeExceptionally(e)
            }
            is ActivityResolution.Failed -> result.completeExceptionally(run.toException(resolution.failure))
            is ActivityResolution.Cancelled -> result.completeExceptionally(run.toException(resolution.failure))
            is ActivityResolution.Backoff -> {
                val reschedule = pending.reschedule
                    ?: return run.failTask(
                        IllegalStateException("ActivityResolution.Backoff for activity ${job.seq}, which is not a local activity"),
                    )
                val handle = pending.handle
                handle.backoffTimer = run.timers.startTimer(resolution.backoff) {
                    handle.backoffTimer = null
                    reschedule(resolution.attempt, resolution.originalScheduleTime)
                }
            }
        }
    }

    /** The activities still waiting for a resolution, for the stack trace query. */
    fun describePending(): List<String> = pendingOrNull.orEmpty().map { (seq, p) ->
        "${if (p.handle.isLocal) "local activity" else "activity"} $seq '${p.handle.activityType}' (id ${p.handle.activityId})"
    }

    /** Whether no activity waits for a resolution. */
    val isEmpty: Boolean get() = pendingOrNull.isNullOrEmpty()

    /** The run is torn down: every coroutine waiting for an activity resumes with [error]. */
    fun failAll(error: Throwable) {
        pendingOrNull?.values?.forEach { it.handle.result.completeExceptionally(error) }
        pendingOrNull = null
    }
}
