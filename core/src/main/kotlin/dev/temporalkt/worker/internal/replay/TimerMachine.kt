@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.CancelTimerCommandAttributes
import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.StartTimerCommandAttributes
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.sdk.v1.UserMetadata
import dev.temporalkt.worker.activation.ActivationJob
import dev.temporalkt.worker.activation.WorkflowCommand

/**
 * One durable timer. The timer id sent to the server is the command's `seq`, as in the Rust core.
 *
 * Created → (TimerStarted) Started → (TimerFired) Fired, or → CancelTimer command → (TimerCanceled).
 * Cancelling before the start command was sent drops the start command and sends nothing.
 *
 * The machine is final once it fired, its cancellation was recorded, or its start command was dropped: it then
 * stops listening for events and calls [onFinal], so the engine forgets it (a run that sleeps in a loop keeps no
 * machine per past timer). A cancel of the same seq after that finds no machine and sends nothing, as the final
 * machine would have done.
 */
internal class TimerMachine(
    private val ctx: MachineContext,
    val seq: Int,
    private val onFinal: (TimerMachine) -> Unit,
) {
    private enum class State { CREATED, STARTED, CANCEL_SENT, DONE }

    private var state = State.CREATED
    private lateinit var startCommand: PendingCommand
    var startedEventId: Long = 0
        private set

    fun start(cmd: WorkflowCommand.StartTimer, description: String) {
        val attrs = StartTimerCommandAttributes.newBuilder()
            .setTimerId(seq.toString())
            .setStartToFireTimeout(ProtoConversions.toProto(cmd.startToFire))
        val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
            .setStartTimerCommandAttributes(attrs)
        if (cmd.summary != null) command.setUserMetadata(UserMetadata.newBuilder().setSummary(cmd.summary))
        startCommand = ctx.enqueueListening(
            command.build(), description, EventType.EVENT_TYPE_TIMER_STARTED,
            matches = { it.timerStartedEventAttributes.timerId == seq.toString() },
            onRecorded = { e ->
                startedEventId = e.eventId
                state = State.STARTED
            },
            onEvent = { fired(it.eventId) },
        )
    }

    fun cancel(description: String) {
        when (state) {
            State.CREATED -> if (ctx.dropQueued(startCommand)) finish()
            State.STARTED -> {
                state = State.CANCEL_SENT
                val command = Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_CANCEL_TIMER)
                    .setCancelTimerCommandAttributes(CancelTimerCommandAttributes.newBuilder().setTimerId(seq.toString()))
                    .build()
                ctx.enqueue(
                    PendingCommand(
                        command, description, EventType.EVENT_TYPE_TIMER_CANCELED, ctx.replaying,
                        matches = { it.timerCanceledEventAttributes.timerId == seq.toString() },
                        onRecorded = { finish() },
                    ),
                )
            }
            State.CANCEL_SENT, State.DONE -> Unit
        }
    }

    private fun fired(eventId: Long) {
        if (state == State.STARTED) {
            ctx.resolve(ActivationJob.FireTimer(seq), eventId)
            finish()
        }
    }

    private fun finish() {
        state = State.DONE
        if (startedEventId != 0L) ctx.unroute(startedEventId)
        onFinal(this)
    }
}
