@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.internal.workflow

import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.client.Connection
import dev.temporalkt.client.EagerWorkflowDispatch
import dev.temporalkt.client.EagerWorkflowTaskSlot
import dev.temporalkt.client.EagerWorkflowTaskTarget
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.poll.SlotPermit
import dev.temporalkt.worker.internal.poll.SlotSupplier
import dev.temporalkt.worker.internal.threads.WorkerThreads
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import org.slf4j.LoggerFactory
import java.util.concurrent.atomic.AtomicBoolean
import kotlin.time.Duration

/**
 * Receives the first workflow task of workflows that clients of this process start eagerly (see
 * [EagerWorkflowDispatch]): while [open], it offers the worker's free workflow task [slots] and runs a dispatched
 * task with [handle] in its own coroutine, as if a poller had received it.
 */
internal class EagerWorkflowTasks(
    override val connection: Connection,
    override val namespace: String,
    override val taskQueue: String,
    private val slots: SlotSupplier,
    parent: Job,
    private val handle: suspend (PollWorkflowTaskQueueResponse) -> Unit,
) : EagerWorkflowTaskTarget {
    private val logger = LoggerFactory.getLogger(EagerWorkflowTasks::class.java)
    private val handlers = SupervisorJob(parent)
    private val scope = CoroutineScope(WorkerThreads.dispatcher + handlers + CoroutineName("eager-workflow:$taskQueue"))

    @Volatile
    private var open = false

    /** Offers the worker's slots to eager starts. */
    fun open() {
        open = true
        EagerWorkflowDispatch.register(this)
    }

    /** Stops offering slots; tasks already dispatched keep running. */
    fun close() {
        open = false
        EagerWorkflowDispatch.unregister(this)
    }

    /** Waits up to [timeout] for dispatched tasks to finish, then cancels the rest. */
    suspend fun drain(timeout: Duration) {
        val done = withTimeoutOrNull(timeout) { handlers.children.toList().joinAll() } != null
        if (!done) handlers.cancelAndJoin()
    }

    override fun tryReserveEagerSlot(): EagerWorkflowTaskSlot? {
        if (!open) return null
        val permit = slots.tryAcquire() ?: return null
        return Slot(permit)
    }

    private inner class Slot(private val permit: SlotPermit) : EagerWorkflowTaskSlot {
        private val used = AtomicBoolean(false)

        override fun dispatch(task: PollWorkflowTaskQueueResponse) {
            check(used.compareAndSet(false, true)) { "This eager workflow task slot was already used or released" }
            scope.launch {
                try {
                    handle(task)
                } catch (e: CancellationException) {
                    throw e
                } catch (e: Throwable) {
                    logger.error("Handling the eagerly dispatched workflow task of run {} failed", task.workflowExecution.runId, e)
                } finally {
                    permit.release()
                }
            }
        }

        override fun release() {
            if (used.compareAndSet(false, true)) permit.release()
        }
    }
}
