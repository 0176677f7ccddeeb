@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelActivityTaskCommandAttributes
import dev.temporalkt.api.command.v1.ScheduleActivityTaskCommandAttributes
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.common.ActivityCancellationType
import dev.temporalkt.worker.activation.ActivityResolution
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * One activity, from its schedule command to its resolution.
 *
 * Scheduled (command queued) → (ActivityTaskScheduled) → (ActivityTaskStarted) → one of
 * Completed / Failed / TimedOut / Canceled events, each resolving the activity.
 *
 * Cancellation, by [ActivityCancellationType]:
 * - before the schedule command was sent (same task): the command is dropped and the activity
 *   resolves Cancelled at once, whatever the type;
 * - TRY_CANCEL: a request-cancel command is queued and the activity resolves Cancelled at once;
 *   later events of the activity are ignored;
 * - WAIT_CANCELLATION_COMPLETED: a request-cancel command is queued; the activity resolves on
 *   ActivityTaskCanceled, or on a completion, failure or timeout that raced the request;
 * - ABANDON: no command; resolves Cancelled at once and later events are ignored.
 *
 * ## When the machine is final
 * The machine is final as soon as it resolves the activity (completed, failed, timed out or cancelled, whichever
 * comes first): from then on it sends no command and delivers no job, whatever arrives. It then calls [onResolved],
 * and the engine forgets the machine and its route, so the schedule command and its arguments can be collected.
 * What may still arrive for it, and how that is handled without the machine:
 * - a request to cancel the same seq (workflow code cancelling an activity already resolved): no machine is found,
 *   so no command is queued, as a resolved machine would do;
 * - after a TRY_CANCEL or ABANDON resolution, the activity's own late events (ActivityTaskStarted, then Completed,
 *   Failed, TimedOut or Canceled), live and on replay: their route is gone, so the engine drops them silently,
 *   as the resolved machine ignored them;
 * - after a TRY_CANCEL resolution, ActivityTaskCancelRequested: it matches the request-cancel command, which stays
 *   queued on its own until history records it, so replay still checks it.
 */
internal class ActivityMachine(
    private val ctx: MachineContext,
    private val cmd: WorkflowCommand.ScheduleActivity,
    private val defaultTaskQueue: String,
    private val onResolved: (ActivityMachine) -> Unit,
) {
    /** Sequence number of the activity in its run. */
    val seq: Int get() = cmd.seq

    private enum class State { CREATED, SCHEDULED, STARTED, CANCEL_REQUESTED, DONE }

    private var state = State.CREATED
    private var resolved = false
    private lateinit var scheduleCommand: PendingCommand
    var scheduledEventId: Long = 0
        private set
    private var startedEventId: Long = 0

    fun schedule(description: String) {
        val attrs = ScheduleActivityTaskCommandAttributes.newBuilder()
            .setActivityId(cmd.activityId)
            .setActivityType(ActivityType.newBuilder().setName(cmd.activityType))
            .setTaskQueue(TaskQueue.newBuilder().setName(cmd.taskQueue.ifEmpty { defaultTaskQueue }))
            .setInput(cmd.arguments)
            // asked for unless the activity opted out; the worker keeps it only where it can run the task at once
            // (dev.temporalkt.worker.internal.activity.EagerActivityReservation)
            .setRequestEagerExecution(!cmd.doNotEagerlyExecute)
        if (cmd.headers.fieldsCount > 0) attrs.setHeader(cmd.headers)
        cmd.scheduleToClose?.let { attrs.setScheduleToCloseTimeout(ProtoConversions.toProto(it)) }
        cmd.scheduleToStart?.let { attrs.setScheduleToStartTimeout(ProtoConversions.toProto(it)) }
        cmd.startToClose?.let { attrs.setStartToCloseTimeout(ProtoConversions.toProto(it)) }
        cmd.heartbeat?.let { attrs.setHeartbeatTimeout(ProtoConversions.toProto(it)) }
        cmd.retryPolicy?.let { attrs.setRetryPolicy(it) }
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
            .setScheduleActivityTaskCommandAttributes(attrs)
        if (cmd.summary != null) command.setUserMetadata(UserMetadata.newBuilder().setSummary(cmd.summary))
        scheduleCommand = ctx.enqueueListening(
            command.build(), description, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            matches = {
                val a = it.activityTaskScheduledEventAttributes
                a.activityType.name == cmd.activityType && a.activityId == cmd.activityId
            },
            onRecorded = { e ->
                scheduledEventId = e.eventId
                state = State.SCHEDULED
            },
            onEvent = { onEvent(it) },
        )
    }

    fun requestCancel(description: String) {
        when (state) {
            State.CREATED -> if (ctx.dropQueued(scheduleCommand)) {
                state = State.DONE
                resolveCancelled(null)
            }
            State.SCHEDULED, State.STARTED -> when (cmd.cancellationType) {
                ActivityCancellationType.ABANDON -> {
                    state = State.DONE
                    resolveCancelled(null)
                }
                ActivityCancellationType.TRY_CANCEL -> {
                    queueCancelCommand(description)
                    resolveCancelled(null)
                }
                ActivityCancellationType.WAIT_CANCELLATION_COMPLETED -> queueCancelCommand(description)
            }
            State.CANCEL_REQUESTED, State.DONE -> Unit
        }
    }

    private fun queueCancelCommand(description: String) {
        state = State.CANCEL_REQUESTED
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK)
            .setRequestCancelActivityTaskCommandAttributes(
                RequestCancelActivityTaskCommandAttributes.newBuilder().setScheduledEventId(scheduledEventId),
            ).build()
        ctx.enqueue(
            PendingCommand(
                command, description, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED, ctx.replaying,
                matches = { it.activityTaskCancelRequestedEventAttributes.scheduledEventId == scheduledEventId },
            ),
        )
    }

    /** Applies a non-command activity event (started, completed, failed, timed out, canceled). */
    private fun onEvent(e: HistoryEvent) {
        when (e.eventType) {
            EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
                startedEventId = e.eventId
                if (state == State.SCHEDULED) state = State.STARTED
            }
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> finish(e) {
                ActivityResolution.Completed(e.activityTaskCompletedEventAttributes.result.payloadsList.firstOrNull())
            }
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED -> finish(e) {
                val a = e.activityTaskFailedEventAttributes
                ActivityResolution.Failed(
                    ActivityFailures.failed(
                        ActivityFailures.info(cmd.activityType, cmd.activityId, a.scheduledEventId, a.startedEventId, a.identity, a.retryState),
                        if (a.hasFailure()) a.failure else null,
                    ),
                )
            }
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> finish(e) {
                val a = e.activityTaskTimedOutEventAttributes
                ActivityResolution.Failed(
                    ActivityFailures.timedOut(
                        ActivityFailures.info(cmd.activityType, cmd.activityId, a.scheduledEventId, a.startedEventId, "", a.retryState),
                        if (a.hasFailure()) a.failure else null,
                    ),
                )
            }
            EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED -> finish(e) {
                val a = e.activityTaskCanceledEventAttributes
                ActivityResolution.Cancelled(
                    ActivityFailures.cancelled(
                        ActivityFailures.info(
                            cmd.activityType, cmd.activityId, a.scheduledEventId, a.startedEventId, a.identity,
                            RetryState.RETRY_STATE_CANCEL_REQUESTED,
                        ),
                        if (a.hasDetails()) a.details else null,
                    ),
                )
            }
            else -> Unit
        }
    }

    private inline fun finish(e: HistoryEvent, resolution: () -> ActivityResolution) {
        state = State.DONE
        if (!resolved) {
            resolved = true
            ctx.resolve(ActivationJob.ResolveActivity(cmd.seq, resolution()), e.eventId)
            onResolved(this)
        }
    }

    private fun resolveCancelled(details: dev.temporalkt.api.common.v1.Payloads?) {
        if (resolved) return
        resolved = true
        val info = ActivityFailures.info(
            cmd.activityType, cmd.activityId, scheduledEventId, startedEventId, "", RetryState.RETRY_STATE_CANCEL_REQUESTED,
        )
        ctx.resolve(ActivationJob.ResolveActivity(cmd.seq, ActivityResolution.Cancelled(ActivityFailures.cancelled(info, details))))
        onResolved(this)
    }
}
