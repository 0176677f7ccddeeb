package dev.temporalkt.testing.internal

import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.FetchWorkflowHistoryEventsInput
import dev.temporalkt.client.PollWorkflowUpdateInput
import dev.temporalkt.client.StartWorkflowUpdateInput
import dev.temporalkt.client.WorkflowUpdateHandle
import dev.temporalkt.client.WorkflowUpdateStage
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * The client interceptor of a time-skipping environment: the calls that wait for a workflow to get somewhere run
 * with the server's clock unlocked, so a workflow sleeping for a month gets there as soon as nothing else runs:
 * - history fetches that wait for new events (which is how workflow results are awaited);
 * - waits for an update's result.
 *
 * Calls in a coroutine marked with [Disabled] wait in real time.
 */
internal class AutoTimeSkipping(private val clock: TimeSkippingClock) : ClientInterceptor {
    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor =
        object : ClientOutboundInterceptor(next) {
            override fun fetchWorkflowHistoryEvents(input: FetchWorkflowHistoryEventsInput): Flow<HistoryEvent> {
                val events = super.fetchWorkflowHistoryEvents(input)
                if (!input.waitNewEvent) return events
                return flow { skippingTime { emitAll(events) } }
            }

            // On the test server, an update request that waits for completion while the clock jumps ends with
            // NOT_FOUND; so the request waits only for acceptance, with the clock held, and the completion is awaited
            // through pollWorkflowUpdate, which the handle's result() calls.
            override suspend fun startWorkflowUpdate(input: StartWorkflowUpdateInput): WorkflowUpdateHandle<Any?> =
                if (input.waitForStage == WorkflowUpdateStage.COMPLETED && currentCoroutineContext()[DisabledKey] == null) {
                    super.startWorkflowUpdate(input.copy(waitForStage = WorkflowUpdateStage.ACCEPTED))
                } else {
                    super.startWorkflowUpdate(input)
                }

            override suspend fun pollWorkflowUpdate(input: PollWorkflowUpdateInput): Any? =
                skippingTime { super.pollWorkflowUpdate(input) }
        }

    private suspend fun <T> skippingTime(wait: suspend () -> T): T =
        if (currentCoroutineContext()[DisabledKey] != null) wait() else clock.unlockedWhile(wait)

    /** Marks a coroutine whose waits must not skip time. */
    internal object Disabled : AbstractCoroutineContextElement(DisabledKey)

    /** The key of [Disabled]. */
    internal object DisabledKey : CoroutineContext.Key<Disabled>
}
