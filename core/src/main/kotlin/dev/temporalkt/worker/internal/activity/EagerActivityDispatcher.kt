package dev.temporalkt.worker.internal.activity

import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.poll.SlotPermit

/**
 * The activity side of a worker as its workflow side sees it for eager activity execution: slots to reserve for
 * the activity tasks a workflow task completion may bring back, and where those tasks run.
 *
 * See [EagerActivityReservation] for when a workflow task asks for eager execution.
 */
@InternalTemporalApi
public interface EagerActivityDispatcher {
    /** The task queue whose activities this worker runs. */
    public val taskQueue: String

    /** A free activity slot, or `null` when none is free or the activity worker is shutting down. */
    public fun tryReserve(): SlotPermit?

    /** Runs [task] (handed out by the server with a workflow task completion) holding [permit], as a polled one. */
    public fun dispatch(task: PollActivityTaskQueueResponse, permit: SlotPermit)
}
