package dev.temporalkt.testing.internal

import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.client.FetchWorkflowHistoryEventsInput
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.emitAll
import kotlinx.coroutines.flow.flow
import kotlin.coroutines.AbstractCoroutineContextElement
import kotlin.coroutines.CoroutineContext

/**
 * The client interceptor of a time-skipping environment: every history fetch that waits for new events (which is
 * how workflow results are awaited) runs with the server's clock unlocked, so a workflow sleeping for a month
 * completes as soon as nothing else runs. Fetches in a coroutine marked with [Disabled] wait in real time.
 */
internal class AutoTimeSkipping(private val clock: TimeSkippingClock) : ClientInterceptor {
    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor =
        object : ClientOutboundInterceptor(next) {
            override fun fetchWorkflowHistoryEvents(input: FetchWorkflowHistoryEventsInput): Flow<HistoryEvent> {
                val events = super.fetchWorkflowHistoryEvents(input)
                if (!input.waitNewEvent) return events
                return flow {
                    if (currentCoroutineContext()[DisabledKey] != null) {
                        emitAll(events)
                    } else {
                        clock.unlockedWhile { emitAll(events) }
                    }
                }
            }
        }

    /** Marks a coroutine whose waits must not skip time. */
    internal object Disabled : AbstractCoroutineContextElement(DisabledKey)

    /** The key of [Disabled]. */
    internal object DisabledKey : CoroutineContext.Key<Disabled>
}
