package dev.temporalkt.testing

import dev.temporalkt.activity.ActivityNames
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.WorkflowHistory
import dev.temporalkt.workflow.WorkflowNames
import kotlin.reflect.KFunction
import kotlin.time.Duration
import kotlin.time.toJavaDuration

/**
 * Readable assertions over a workflow history: each checks that an event is (or is not) there and, when it fails,
 * throws an [AssertionError] that says what was expected and lists the history's events, one per line. They return the
 * assertion object, so they chain.
 *
 * ```kotlin
 * HistoryAssert.assertThat(handle.fetchHistory())
 *     .hasActivityScheduled(GreetingActivities::composeGreeting)
 *     .hasTimerStarted(30.days)
 *     .hasSignal("approve")
 *     .hasNoFailedWorkflowTask()
 * ```
 *
 * ```java
 * HistoryAssert.assertThat(history).hasTimerStarted(Duration.ofDays(30)).hasWorkflowCompleted();
 * ```
 */
public class HistoryAssert private constructor(
    /** The history under test. */
    public val history: History,
) {
    private val events: List<HistoryEvent> get() = history.eventsList

    /** Asserts that an activity of type [activityType] was scheduled (at least [times] times when given). */
    @JvmOverloads
    public fun hasActivityScheduled(activityType: String, times: Int? = null): HistoryAssert {
        val count = events.count {
            it.hasActivityTaskScheduledEventAttributes() && it.activityTaskScheduledEventAttributes.activityType.name == activityType
        }
        check(if (times == null) count > 0 else count == times) {
            "an activity of type '$activityType' scheduled ${times?.let { "$it time(s)" } ?: "at least once"}, found $count"
        }
        return this
    }

    /** Asserts that the activity [activity] (a reference to its `@Activity` function) was scheduled. */
    @JvmOverloads
    public fun hasActivityScheduled(activity: KFunction<*>, times: Int? = null): HistoryAssert =
        hasActivityScheduled(ActivityNames.of(activity), times)

    /** Asserts that no activity of type [activityType] was scheduled. */
    public fun hasNoActivityScheduled(activityType: String): HistoryAssert = apply {
        check(events.none { it.hasActivityTaskScheduledEventAttributes() && it.activityTaskScheduledEventAttributes.activityType.name == activityType }) {
            "no activity of type '$activityType' scheduled"
        }
    }

    /** Asserts that a timer was started for [duration]. */
    public fun hasTimerStarted(duration: java.time.Duration): HistoryAssert = apply {
        val timers = events.filter { it.hasTimerStartedEventAttributes() }.map {
            val timeout = it.timerStartedEventAttributes.startToFireTimeout
            java.time.Duration.ofSeconds(timeout.seconds, timeout.nanos.toLong())
        }
        check(duration in timers) { "a timer started for $duration; timers started: ${timers.ifEmpty { "none" }}" }
    }

    /** Asserts that a timer was started for [duration]. */
    public fun hasTimerStarted(duration: Duration): HistoryAssert = hasTimerStarted(duration.toJavaDuration())

    /** Asserts that the workflow received the signal [signalName] (at least once). */
    public fun hasSignal(signalName: String): HistoryAssert = apply {
        check(events.any { it.hasWorkflowExecutionSignaledEventAttributes() && it.workflowExecutionSignaledEventAttributes.signalName == signalName }) {
            "the signal '$signalName' received"
        }
    }

    /** Asserts that a child workflow of type [workflowType] was started. */
    public fun hasChildWorkflowStarted(workflowType: String): HistoryAssert = apply {
        check(events.any { it.hasChildWorkflowExecutionStartedEventAttributes() && it.childWorkflowExecutionStartedEventAttributes.workflowType.name == workflowType }) {
            "a child workflow of type '$workflowType' started"
        }
    }

    /** Asserts that a child workflow of the workflow class [workflow] was started. */
    public fun hasChildWorkflowStarted(workflow: kotlin.reflect.KClass<*>): HistoryAssert = hasChildWorkflowStarted(WorkflowNames.of(workflow))

    /** Asserts that an update of handler [updateName] was accepted and completed (successfully or with a failure). */
    public fun hasUpdateCompleted(updateName: String): HistoryAssert = apply {
        val acceptedIds = events.filter { it.hasWorkflowExecutionUpdateAcceptedEventAttributes() }
            .map { it.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest }
            .filter { it.input.name == updateName }
            .map { it.meta.updateId }
            .toSet()
        check(events.any { it.hasWorkflowExecutionUpdateCompletedEventAttributes() && it.workflowExecutionUpdateCompletedEventAttributes.meta.updateId in acceptedIds }) {
            "an update '$updateName' completed (${acceptedIds.size} accepted)"
        }
    }

    /** Asserts that no workflow task failed, and names the first failure's message when one did. */
    public fun hasNoFailedWorkflowTask(): HistoryAssert = apply {
        val failed = events.firstOrNull { it.hasWorkflowTaskFailedEventAttributes() }
        check(failed == null) {
            "no workflow task failed, but event ${failed!!.eventId} did: ${failed.workflowTaskFailedEventAttributes.failure.message}"
        }
    }

    /** Asserts that the run completed successfully. */
    public fun hasWorkflowCompleted(): HistoryAssert = hasEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED)

    /** Asserts that the run continued as new. */
    public fun hasContinuedAsNew(): HistoryAssert = hasEvent(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)

    /** Asserts that an event of type [eventType] is in the history. */
    public fun hasEvent(eventType: EventType): HistoryAssert = apply {
        check(events.any { it.eventType == eventType }) { "an event ${eventType.name.removePrefix("EVENT_TYPE_")}" }
    }

    /** Asserts that [predicate] holds for at least one event; [description] says what is expected, for the failure message. */
    public fun hasEventMatching(description: String, predicate: (HistoryEvent) -> Boolean): HistoryAssert = apply {
        check(events.any(predicate)) { description }
    }

    private inline fun check(condition: Boolean, expected: () -> String) {
        if (!condition) throw AssertionError("Expected ${expected()} in the history:\n${describe(history)}")
    }

    override fun toString(): String = "HistoryAssert(${history.eventsCount} events)"

    /** Starting assertions. */
    public companion object {
        /** Assertions over [history]. */
        @JvmStatic
        public fun assertThat(history: History): HistoryAssert = HistoryAssert(history)

        /** Assertions over [history]. */
        @JvmStatic
        public fun assertThat(history: WorkflowHistory): HistoryAssert = HistoryAssert(history.history)

        /** [history]'s events, one per line: id, type and the detail that tells events of a type apart. */
        @JvmStatic
        public fun describe(history: History): String = history.eventsList.joinToString("\n") { "  ${it.eventId} ${summary(it)}" }

        private fun summary(event: HistoryEvent): String {
            val type = event.eventType.name.removePrefix("EVENT_TYPE_")
            val detail = when {
                event.hasActivityTaskScheduledEventAttributes() -> event.activityTaskScheduledEventAttributes.activityType.name
                event.hasTimerStartedEventAttributes() -> event.timerStartedEventAttributes.startToFireTimeout.let {
                    java.time.Duration.ofSeconds(it.seconds, it.nanos.toLong()).toString()
                }
                event.hasWorkflowExecutionSignaledEventAttributes() -> event.workflowExecutionSignaledEventAttributes.signalName
                event.hasChildWorkflowExecutionStartedEventAttributes() -> event.childWorkflowExecutionStartedEventAttributes.workflowType.name
                event.hasWorkflowExecutionUpdateAcceptedEventAttributes() ->
                    event.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input.name
                event.hasWorkflowTaskFailedEventAttributes() -> event.workflowTaskFailedEventAttributes.failure.message.lineSequence().first()
                else -> null
            }
            return if (detail == null) type else "$type ($detail)"
        }
    }
}
