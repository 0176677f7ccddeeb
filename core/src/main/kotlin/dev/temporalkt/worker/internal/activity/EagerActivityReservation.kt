package dev.temporalkt.worker.internal.activity

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.poll.SlotPermit
import org.slf4j.LoggerFactory

/**
 * The activity slots one workflow task completion holds for eager activity execution, and the commands it sends.
 *
 * ## Eager activity execution
 * A schedule-activity command may ask the server to hand the new activity task straight back in the response to
 * the workflow task completion (`request_eager_execution`), which saves the activity task a trip through the task
 * queue and a poll. The replay engine sets the request on every schedule command whose activity did not opt out
 * (`ActivityOptions.disableEagerExecution`); [reserve] then keeps it only where this worker can run the task at once:
 * 1. the worker runs activities and eager execution is not disabled for it (there is a [EagerActivityDispatcher]);
 * 2. the activity's task queue is the worker's own;
 * 3. fewer than [MAX_PER_COMPLETION] commands of this completion kept it already (in command order);
 * 4. an activity slot is free now: it is reserved for the task the server may return.
 *
 * Every other command goes out with the request cleared. After the completion, [deliver] runs each returned activity
 * task on one reserved slot and releases the slots the server did not use (it may decline any request); when the
 * completion fails, [release] gives every slot back.
 *
 * ```
 * val eager = EagerActivityReservation.reserve(completion.commands, dispatcher)
 * val response = try { respondWorkflowTaskCompleted(request.addAllCommands(eager.commands)) } catch (e: Throwable) { eager.release(); throw e }
 * eager.deliver(response.activityTasksList)
 * ```
 */
@InternalTemporalApi
public class EagerActivityReservation private constructor(
    /** The commands to send, each schedule-activity command's eager request kept or cleared as described above. */
    public val commands: List<Command>,
    private val dispatcher: EagerActivityDispatcher?,
    private val permits: ArrayDeque<SlotPermit>,
) {
    /** How many activity slots are reserved. */
    public val reserved: Int get() = permits.size

    /**
     * Runs each of [tasks] on a reserved slot (the server returns only activities this completion asked for, so
     * there are at most as many), then releases the slots left over.
     */
    public fun deliver(tasks: List<PollActivityTaskQueueResponse>) {
        for (task in tasks) {
            val permit = permits.removeFirstOrNull()
            if (permit == null) {
                // Never expected: a task nobody asked for still runs here if it can, rather than wait for its timeout.
                log.warn(
                    "The server returned more eager activity tasks than were requested; activity {} ({}) {}",
                    task.activityId, task.activityType.name,
                    if (dispatcher == null) "is left to its timeout (this worker runs no activities)" else "runs without a reserved slot",
                )
            }
            dispatcher?.dispatch(task, permit ?: UnreservedSlot)
        }
        release()
    }

    /** Releases every slot still reserved (the completion failed, or the server declined the requests). */
    public fun release() {
        while (true) permits.removeFirstOrNull()?.release() ?: break
    }

    /** Stands in for a slot when the server returned a task no slot was reserved for. */
    private object UnreservedSlot : SlotPermit {
        override val isReleased: Boolean get() = false

        override fun release() {}
    }

    public companion object {
        /** At most this many activities of one workflow task completion are asked for eagerly. */
        public const val MAX_PER_COMPLETION: Int = 3

        private val log = LoggerFactory.getLogger(EagerActivityReservation::class.java)

        /** Reserves slots for the eligible schedule-activity commands of [commands]; see the class documentation. */
        public fun reserve(commands: List<Command>, dispatcher: EagerActivityDispatcher?): EagerActivityReservation {
            val permits = ArrayDeque<SlotPermit>(0)
            if (commands.none(::asksForEager)) return EagerActivityReservation(commands, dispatcher, permits)
            val sent = commands.map { command ->
                if (!asksForEager(command)) return@map command
                val keep = dispatcher != null && permits.size < MAX_PER_COMPLETION &&
                    command.scheduleActivityTaskCommandAttributes.taskQueue.name == dispatcher.taskQueue &&
                    dispatcher.tryReserve()?.also { permits.addLast(it) } != null
                if (keep) command else command.withoutEagerRequest()
            }
            return EagerActivityReservation(sent, dispatcher, permits)
        }

        private fun asksForEager(command: Command): Boolean =
            command.commandType == CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK &&
                command.scheduleActivityTaskCommandAttributes.requestEagerExecution

        private fun Command.withoutEagerRequest(): Command = toBuilder()
            .apply { scheduleActivityTaskCommandAttributesBuilder.setRequestEagerExecution(false) }
            .build()
    }
}
