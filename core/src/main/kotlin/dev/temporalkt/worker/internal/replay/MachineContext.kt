@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.LogicFlag

/** What the per-command state machines may do to the engine that owns them. */
internal interface MachineContext {
    /** `true` while the activation being answered replays history. */
    val replaying: Boolean

    /**
     * Whether the behaviour behind [flag] applies now: while replaying, only if history recorded the flag by the task
     * being replayed (a history written before the behaviour replays the old one); otherwise always, and the flag is
     * recorded with the task's completion.
     */
    fun tryUse(flag: LogicFlag): Boolean

    /** Queues a command; it waits for its event (replay) or is sent with the task (new work). */
    fun enqueue(command: PendingCommand)

    /** Drops a queued command that neither history nor the server has seen; `false` if it was not queued. */
    fun dropQueued(command: PendingCommand): Boolean

    /** Delivers [job] to workflow code in the next activation. [eventId] orders it among history-driven jobs. */
    fun resolve(job: ActivationJob, eventId: Long = Long.MAX_VALUE)

    /**
     * Sends later events that refer to [commandEventId] (their scheduled, started or initiated event id)
     * to [handler].
     */
    fun route(commandEventId: Long, handler: (HistoryEvent) -> Unit)

    /** Stops sending events that refer to [commandEventId] anywhere: the machine listening for them is final. */
    fun unroute(commandEventId: Long)
}

/**
 * Queues [command], whose event history must record as [expects] (and pass [matches]); once it does, [onRecorded] sees
 * that event and every later event referring to it (the command's outcome) goes to [onEvent]. Returns the queued
 * command, for [MachineContext.dropQueued] while it has not been sent.
 *
 * ```
 * scheduleCommand = ctx.enqueueListening(command, description, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
 *     matches = { it.activityTaskScheduledEventAttributes.activityId == cmd.activityId },
 *     onRecorded = { scheduledEventId = it.eventId }, onEvent = { onEvent(it) })
 * ```
 */
internal fun MachineContext.enqueueListening(
    command: Command,
    description: String,
    expects: EventType,
    matches: (HistoryEvent) -> Boolean,
    onRecorded: (HistoryEvent) -> Unit,
    onEvent: (HistoryEvent) -> Unit,
): PendingCommand = PendingCommand(
    command, description, expects, replaying, matches,
    onRecorded = { e ->
        onRecorded(e)
        route(e.eventId, onEvent)
    },
).also(::enqueue)
