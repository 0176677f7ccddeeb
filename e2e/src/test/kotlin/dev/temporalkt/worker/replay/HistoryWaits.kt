package dev.temporalkt.worker.replay

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.WorkflowHandle
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.seconds

/**
 * Waits (re-reading the history; the embedded test server does not long-poll history) for the first event of type
 * [then] that comes after an event of every type in [required]; returns it. Fails after 30 s.
 */
suspend fun WorkflowHandle<*>.awaitEvent(then: EventType, vararg required: EventType): HistoryEvent = withTimeout(30.seconds) {
    var found: HistoryEvent? = null
    while (found == null) {
        val missing = required.toMutableSet()
        found = fetchHistory().history.eventsList.firstOrNull { event ->
            val done = missing.isEmpty() && event.eventType == then
            missing -= event.eventType
            done
        }
        if (found == null) delay(20.milliseconds)
    }
    found
}
