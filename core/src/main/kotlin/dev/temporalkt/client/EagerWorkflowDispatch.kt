package dev.temporalkt.client

import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.internal.InternalTemporalApi
import java.util.concurrent.CopyOnWriteArrayList

/**
 * The workers of this process that can take the first workflow task of a workflow started with
 * [dev.temporalkt.client.WorkflowOptions.requestEagerStart].
 *
 * A running workflow worker registers itself ([register]) and unregisters when it shuts down ([unregister]). A
 * client starting a workflow eagerly asks for a worker of the same [Connection], namespace and task queue with a
 * free workflow task slot ([reserve]); only when it gets one does it set `request_eager_execution` on the start
 * request. The server's answer then either carries the first workflow task, which goes to the worker
 * ([EagerWorkflowTaskSlot.dispatch]), or not, and the slot is given back ([EagerWorkflowTaskSlot.release]).
 *
 * ```kotlin
 * val slot = EagerWorkflowDispatch.reserve(client.connection, client.namespace, "orders")
 * request.setRequestEagerExecution(slot != null)
 * val response = service.startWorkflowExecution(request.build())
 * if (slot != null) {
 *     if (response.hasEagerWorkflowTask()) slot.dispatch(response.eagerWorkflowTask) else slot.release()
 * }
 * ```
 */
@InternalTemporalApi
public object EagerWorkflowDispatch {
    private val targets = CopyOnWriteArrayList<EagerWorkflowTaskTarget>()

    /** Makes [target] a candidate for eagerly started workflows until [unregister]. Registering twice does nothing. */
    public fun register(target: EagerWorkflowTaskTarget) {
        targets.addIfAbsent(target)
    }

    /** Stops offering [target]; tasks already dispatched to it are not affected. */
    public fun unregister(target: EagerWorkflowTaskTarget) {
        targets.remove(target)
    }

    /** Number of registered targets (informational). */
    public val registeredCount: Int get() = targets.size

    /**
     * Reserves a workflow task slot of a registered worker polling [taskQueue] of [namespace] through [connection],
     * or returns `null` when there is none or none has a free slot. The caller must either
     * [dispatch][EagerWorkflowTaskSlot.dispatch] a task to the slot or [release][EagerWorkflowTaskSlot.release] it.
     */
    public fun reserve(connection: Connection, namespace: String, taskQueue: String): EagerWorkflowTaskSlot? {
        for (target in targets) {
            if (target.connection !== connection || target.namespace != namespace || target.taskQueue != taskQueue) continue
            target.tryReserveEagerSlot()?.let { return it }
        }
        return null
    }
}

/** A workflow worker that accepts eagerly dispatched workflow tasks; see [EagerWorkflowDispatch]. */
@InternalTemporalApi
public interface EagerWorkflowTaskTarget {
    /** The connection the worker polls through; only clients of the same connection may dispatch to it. */
    public val connection: Connection

    /** The namespace the worker polls. */
    public val namespace: String

    /** The (normal) task queue the worker polls. */
    public val taskQueue: String

    /** Takes a free workflow task slot if the worker is running and has one, else returns `null`. */
    public fun tryReserveEagerSlot(): EagerWorkflowTaskSlot?
}

/** A workflow task slot reserved for an eagerly started workflow. Exactly one of its functions must be called. */
@InternalTemporalApi
public interface EagerWorkflowTaskSlot {
    /**
     * Hands the start response's workflow task to the worker, which processes it like a polled task (payloads still
     * encoded by the codecs) and releases the slot when done. Returns at once.
     */
    public fun dispatch(task: PollWorkflowTaskQueueResponse)

    /** Gives the slot back unused (the server returned no task, or the start request failed). Idempotent. */
    public fun release()
}
