package dev.temporalkt.reliability

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.WorkflowTaskFailedCause
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.WorkflowHistory
import io.kotest.assertions.fail
import kotlinx.coroutines.delay
import kotlinx.coroutines.withTimeoutOrNull
import kotlin.time.Duration

/**
 * Waits until [check] holds, checking every 50 ms; fails with [what] if it does not within [timeout] (a bound on a
 * hang, not a timing assertion: the conditions hold within seconds when the code works).
 */
suspend fun awaitCondition(what: String, timeout: Duration, check: suspend () -> Boolean) {
    withTimeoutOrNull(timeout) {
        while (!check()) delay(50)
    } ?: fail("$what did not happen within $timeout")
}

/** The workflow task failures of this history caused by non-determinism. */
fun WorkflowHistory.nonDeterminismFailures(): List<HistoryEvent> = events.filter {
    it.eventType == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED &&
        it.workflowTaskFailedEventAttributes.cause == WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR
}
