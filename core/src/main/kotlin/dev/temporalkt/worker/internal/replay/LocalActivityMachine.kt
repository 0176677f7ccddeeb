@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.worker.activation.WorkflowCommand
import java.time.Instant

/**
 * What a [LocalActivityMachine] needs from the engine besides the [MachineContext]: handing requests to the
 * worker, withdrawing them, asking the worker to cancel a running attempt, the current workflow time, and the
 * completion time of each resolution (workflow time moves on to it when the resolution is delivered).
 */
internal interface LocalActivityHost {
    fun requestExecution(request: LocalActivityRequest)

    /** Removes the request for [seq] if the worker has not taken it yet; `false` if it is already running. */
    fun withdrawRequest(seq: Int): Boolean

    fun requestCancel(seq: Int)

    val workflowTime: Instant?

    /** The local activity [seq] resolves with the outcome recorded at [completeTime] (`null` when not recorded). */
    fun resolvedAt(seq: Int, completeTime: Instant?)
}

/**
 * One local activity, from its schedule command to its marker in history.
 *
 * New work: scheduling produces no command; the engine asks the worker to run it ([LocalActivityHost.requestExecution]).
 * When the worker reports the outcome, a RecordMarker command with a [LocalActivityMarker] is queued and the
 * resolution is delivered in the next activation. On replay nothing runs: the outcome comes from the marker, found
 * either by looking ahead into the command events of the task being replayed (so it resolves in the same activation
 * as it did originally) or when the marker event itself is reached. A local activity still without marker when
 * replay reaches new work runs then (its first run ended before a marker was recorded). Its marker may be recorded
 * in a later task than the one that scheduled it only if the local activity outlived that task, which every SDK's
 * worker then completes as a workflow task heartbeat at 80 % of the task timeout; a replayed task that completed
 * sooner without the marker shows that the local activity never ran there: the engine reports non-determinism.
 *
 * Cancellation, by [ActivityCancellationType]: TRY_CANCEL asks the worker to cancel the attempt and resolves
 * cancelled at once (recording a cancel marker); ABANDON resolves cancelled at once and lets the attempt run on;
 * WAIT_CANCELLATION_COMPLETED asks the worker to cancel and waits for the attempt's outcome. A local activity
 * cancelled before the worker took it resolves cancelled at once whatever the type. On replay, a cancel marker of
 * a TRY_CANCEL or ABANDON local activity resolves it when the workflow cancels it, as it did originally.
 */
internal class LocalActivityMachine(
    private val ctx: MachineContext,
    private val host: LocalActivityHost,
    private val cmd: WorkflowCommand.ScheduleLocalActivity,
    private val request: LocalActivityRequest,
    private val description: String,
) {
    private enum class State { EXECUTING, WAITING_MARKER, RESOLVED_WAITING_MARKER, MARKER_QUEUED, DONE, ABANDONED }

    private var state = State.EXECUTING
    private var markerCommand: PendingCommand? = null
    private var knownCancel: LocalActivityMarker? = null
    private var scheduledAt: Instant? = null

    val seq: Int get() = cmd.seq

    /** Whether the worker owes this machine an outcome. */
    val isExecuting: Boolean get() = state == State.EXECUTING

    /** Scheduled while replaying and not resolved by a marker yet. */
    val isAwaitingMarker: Boolean get() = state == State.WAITING_MARKER

    /** How the local activity is named in non-determinism messages. */
    val commandDescription: String get() = description

    private val synchronousCancel: Boolean
        get() = cmd.cancellationType != ActivityCancellationType.WAIT_CANCELLATION_COMPLETED

    fun schedule(preResolved: LocalActivityMarker?) {
        scheduledAt = host.workflowTime
        if (!ctx.replaying) {
            state = State.EXECUTING
            host.requestExecution(request)
            return
        }
        state = State.WAITING_MARKER
        if (preResolved != null) offerLookahead(preResolved)
    }

    /**
     * The run closes while this local activity has no outcome: it is abandoned, as in the SDKs on the Rust core. A
     * request the worker has not taken is withdrawn and a running attempt cancelled; no marker is recorded and nothing
     * resolves, live and on replay alike. Returns whether it was abandoned (it had no outcome yet).
     */
    fun abandon(): Boolean {
        when (state) {
            State.EXECUTING -> if (!host.withdrawRequest(cmd.seq)) host.requestCancel(cmd.seq)
            State.WAITING_MARKER -> Unit
            else -> return false
        }
        state = State.ABANDONED
        return true
    }

    /** A marker for this local activity found by looking ahead into the task being replayed. */
    fun offerLookahead(marker: LocalActivityMarker) {
        if (state != State.WAITING_MARKER) return
        if (marker.isCancelled && synchronousCancel) {
            knownCancel = marker
            return
        }
        resolveFrom(marker)
        state = State.RESOLVED_WAITING_MARKER
    }

    /** Replay reached new work while this local activity still had no marker: it runs now. */
    fun startLive() {
        if (state != State.WAITING_MARKER) return
        state = State.EXECUTING
        host.requestExecution(request)
    }

    /** The worker's outcome of the local activity. */
    fun complete(completion: LocalActivityCompletion) {
        if (state != State.EXECUTING) return
        val completeTime = scheduledAt?.plusNanos(completion.runtime.inWholeNanoseconds)
        recordAndResolve(
            LocalActivityMarker(
                seq = cmd.seq,
                attempt = completion.attempt,
                activityId = cmd.activityId,
                activityType = cmd.activityType,
                completeTime = completeTime,
                backoff = completion.backoff,
                originalScheduleTime = completion.originalScheduleTime ?: request.originalScheduleTime,
                result = if (completion.failure == null) completion.result else null,
                failure = completion.failure,
            ),
        )
    }

    fun cancel() {
        when (state) {
            State.EXECUTING -> {
                val notStarted = host.withdrawRequest(cmd.seq)
                if (!notStarted && cmd.cancellationType != ActivityCancellationType.ABANDON) host.requestCancel(cmd.seq)
                if (notStarted || synchronousCancel) recordAndResolve(cancelMarker())
            }
            State.WAITING_MARKER -> knownCancel?.let {
                resolveFrom(it)
                state = State.RESOLVED_WAITING_MARKER
            }
            State.RESOLVED_WAITING_MARKER, State.MARKER_QUEUED, State.DONE, State.ABANDONED -> Unit
        }
    }

    /**
     * The marker event of this local activity.
     *
     * @return `null`, or why the marker does not belong to this local activity (non-determinism).
     */
    fun onMarker(marker: LocalActivityMarker): String? {
        if (marker.activityId != cmd.activityId || marker.activityType != cmd.activityType) {
            return "the local activity marker records activity type '${marker.activityType}' id '${marker.activityId}' " +
                "but the workflow scheduled $description"
        }
        when (state) {
            State.MARKER_QUEUED -> markerCommand?.let { ctx.dropQueued(it) }
            State.WAITING_MARKER -> resolveFrom(marker)
            State.EXECUTING -> {
                if (!host.withdrawRequest(cmd.seq)) host.requestCancel(cmd.seq)
                resolveFrom(marker)
            }
            State.RESOLVED_WAITING_MARKER -> Unit
            State.DONE -> return "history records a second marker for $description"
            State.ABANDONED -> return "history records a marker for $description, which the workflow abandoned when it closed"
        }
        state = State.DONE
        return null
    }

    private fun cancelMarker() = LocalActivityMarker(
        seq = cmd.seq,
        attempt = request.attempt,
        activityId = cmd.activityId,
        activityType = cmd.activityType,
        completeTime = null,
        backoff = null,
        originalScheduleTime = request.originalScheduleTime,
        result = null,
        failure = LocalActivityFailures.cancelled(),
    )

    private fun recordAndResolve(marker: LocalActivityMarker) {
        val command = PendingCommand(
            Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_RECORD_MARKER)
                .setRecordMarkerCommandAttributes(LocalActivityMarkers.command(marker)).build(),
            "RecordMarker(local activity seq ${cmd.seq})",
            EventType.EVENT_TYPE_MARKER_RECORDED,
            createdWhileReplaying = false,
            matches = { LocalActivityMarkers.decode(it)?.seq == cmd.seq },
        )
        markerCommand = command
        ctx.enqueue(command)
        state = State.MARKER_QUEUED
        resolveFrom(marker)
    }

    private fun resolveFrom(marker: LocalActivityMarker) {
        host.resolvedAt(cmd.seq, marker.completeTime)
        ctx.resolve(ActivationJob.ResolveActivity(cmd.seq, LocalActivityFailures.resolution(marker), isLocal = true))
    }
}
