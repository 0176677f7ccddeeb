package dev.temporalkt.worker.internal.replay

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.protocol.v1.Message

/**
 * A command issued by workflow code that history has not confirmed yet. It waits in the engine's
 * queue until the event the server records for it arrives ([expects]), or is sent to the server when
 * the current task is new work.
 *
 * @property description how the command is named in non-determinism messages, e.g. `StartTimer(seq 1)`.
 * @property createdWhileReplaying issued in an activation that replays history, so history must hold its event.
 * @property matches further checks on an event of type [expects] (ids, types, names); a mismatch is non-determinism.
 * @property onRecorded applied to the owning state machine once the event matched.
 * @property message protocol message sent together with the command (update acceptances and responses).
 * @property isPatchMarker marker commands for patches, which replay may skip (deprecated patches).
 */
internal class PendingCommand(
    val command: Command,
    val description: String,
    val expects: EventType,
    val createdWhileReplaying: Boolean,
    val matches: (HistoryEvent) -> Boolean = { true },
    val onRecorded: (HistoryEvent) -> Unit = {},
    val message: Message? = null,
    val patchId: String? = null,
) {
    val isPatchMarker: Boolean get() = patchId != null

    /** Whether the command closes the run (complete, fail, cancel, continue as new); it must be the task's last. */
    val closesRun: Boolean get() = command.commandType in CLOSING_COMMAND_TYPES

    /** Handed to the server with a task completion; history must record it at the start of the next task. */
    var sent: Boolean = false
}

private val CLOSING_COMMAND_TYPES = setOf(
    CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
    CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
    CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
    CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
)
