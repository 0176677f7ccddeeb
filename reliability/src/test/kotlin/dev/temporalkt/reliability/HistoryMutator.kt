package dev.temporalkt.reliability

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.client.WorkflowHistory
import kotlin.random.Random

/** One mutated history: either a [History] to replay or JSON text to read first, and what was done to it. */
class HistoryMutation(val description: String, val history: History?, val json: String?)

/**
 * Deterministic mutations of recorded histories: the same seed gives the same mutations, so a failure names the
 * seed and index that reproduce it.
 */
class HistoryMutator(seed: Long) {
    private val random = Random(seed)

    private val concreteEventTypes = EventType.entries.filter {
        it != EventType.EVENT_TYPE_UNSPECIFIED && it != EventType.UNRECOGNIZED
    }

    /** A mutation of [source] (named [name] in the description). */
    fun mutate(name: String, source: History): HistoryMutation {
        val events = source.eventsList
        val i = random.nextInt(events.size)
        val event = events[i]
        fun replaced(vararg changed: HistoryEvent) = History.newBuilder().addAllEvents(events.take(i) + changed + events.drop(i + 1)).build()
        return when (random.nextInt(11)) {
            0 -> HistoryMutation("$name: event ${event.eventId} (${event.eventType}) dropped", replaced(), null)
            1 -> {
                val j = random.nextInt(events.size)
                val list = events.toMutableList().apply { add(j, removeAt(i)) }
                HistoryMutation("$name: event ${event.eventId} (${event.eventType}) moved to position $j", History.newBuilder().addAllEvents(list).build(), null)
            }
            2 -> {
                val j = (i + 1).coerceAtMost(events.size - 1)
                val list = events.toMutableList().apply { set(i, events[j]); set(j, event) }
                HistoryMutation("$name: events at positions $i and $j swapped", History.newBuilder().addAllEvents(list).build(), null)
            }
            3 -> {
                val id = listOf(0L, -1L, event.eventId + 1, random.nextLong(1, 1_000), Long.MAX_VALUE).random(random)
                HistoryMutation("$name: event ${event.eventId} (${event.eventType}) renumbered to $id", replaced(event.toBuilder().setEventId(id).build()), null)
            }
            4 -> {
                val type = concreteEventTypes.random(random)
                HistoryMutation("$name: event ${event.eventId} (${event.eventType}) retyped as $type without its attributes", replaced(event.toBuilder().setEventType(type).build()), null)
            }
            5 -> HistoryMutation("$name: event ${event.eventId} (${event.eventType}) duplicated", replaced(event, event), null)
            6 -> {
                val keep = random.nextInt(events.size)
                HistoryMutation("$name: truncated to $keep events", History.newBuilder().addAllEvents(events.take(keep)).build(), null)
            }
            7 -> {
                val (what, changed) = changeAttributes(event)
                HistoryMutation("$name: event ${event.eventId} (${event.eventType}): $what", replaced(changed), null)
            }
            8 -> {
                val cleared = event.toBuilder().clearAttributes().build()
                HistoryMutation("$name: event ${event.eventId} (${event.eventType}) lost its attributes", replaced(cleared), null)
            }
            9 -> {
                val json = WorkflowHistory("fuzz", source).toJson(compact = random.nextBoolean())
                val cut = random.nextInt(json.length)
                HistoryMutation("$name: JSON truncated to $cut of ${json.length} characters", null, json.take(cut))
            }
            else -> {
                val json = WorkflowHistory("fuzz", source).toJson(compact = true)
                val at = random.nextInt(json.length)
                val replacement = "{}[]\",:0a-\\".random(random)
                HistoryMutation(
                    "$name: JSON character $at '${json[at]}' replaced by '$replacement'",
                    null,
                    json.substring(0, at) + replacement + json.substring(at + 1),
                )
            }
        }
    }

    /** Changes one attribute the replay reads: a name, an id, a reference to another event, an argument. */
    private fun changeAttributes(event: HistoryEvent): Pair<String, HistoryEvent> {
        val b = event.toBuilder()
        val otherId = random.nextLong(-1, 40)
        return when {
            b.hasWorkflowExecutionStartedEventAttributes() -> when (random.nextInt(3)) {
                0 -> "workflow type renamed" to b.apply { workflowExecutionStartedEventAttributesBuilder.workflowTypeBuilder.name = "Renamed" }.build()
                1 -> "input cleared" to b.apply { workflowExecutionStartedEventAttributesBuilder.clearInput() }.build()
                else -> "input payload data garbled" to b.apply {
                    val input = workflowExecutionStartedEventAttributesBuilder.inputBuilder
                    if (input.payloadsCount > 0) input.getPayloadsBuilder(0).data = com.google.protobuf.ByteString.copyFromUtf8("{not json")
                }.build()
            }
            b.hasActivityTaskScheduledEventAttributes() -> when (random.nextInt(2)) {
                0 -> "activity type renamed" to b.apply { activityTaskScheduledEventAttributesBuilder.activityTypeBuilder.name = "renamed" }.build()
                else -> "activity id changed" to b.apply { activityTaskScheduledEventAttributesBuilder.activityId = "x$otherId" }.build()
            }
            b.hasActivityTaskStartedEventAttributes() ->
                "scheduled event id set to $otherId" to b.apply { activityTaskStartedEventAttributesBuilder.scheduledEventId = otherId }.build()
            b.hasActivityTaskCompletedEventAttributes() -> when (random.nextInt(2)) {
                0 -> "scheduled event id set to $otherId" to b.apply { activityTaskCompletedEventAttributesBuilder.scheduledEventId = otherId }.build()
                else -> "result payload data garbled" to b.apply {
                    val result = activityTaskCompletedEventAttributesBuilder.resultBuilder
                    if (result.payloadsCount > 0) result.getPayloadsBuilder(0).data = com.google.protobuf.ByteString.copyFromUtf8("[1,")
                }.build()
            }
            b.hasTimerStartedEventAttributes() -> "timer id changed" to b.apply { timerStartedEventAttributesBuilder.timerId = "t$otherId" }.build()
            b.hasTimerFiredEventAttributes() -> when (random.nextInt(2)) {
                0 -> "timer id changed" to b.apply { timerFiredEventAttributesBuilder.timerId = "t$otherId" }.build()
                else -> "started event id set to $otherId" to b.apply { timerFiredEventAttributesBuilder.startedEventId = otherId }.build()
            }
            b.hasWorkflowExecutionSignaledEventAttributes() ->
                "signal renamed" to b.apply { workflowExecutionSignaledEventAttributesBuilder.signalName = "unknownSignal" }.build()
            b.hasWorkflowTaskCompletedEventAttributes() ->
                "scheduled event id set to $otherId" to b.apply { workflowTaskCompletedEventAttributesBuilder.scheduledEventId = otherId }.build()
            b.hasWorkflowTaskStartedEventAttributes() ->
                "scheduled event id set to $otherId" to b.apply { workflowTaskStartedEventAttributesBuilder.scheduledEventId = otherId }.build()
            else -> "event time cleared" to b.clearEventTime().build()
        }
    }
}
