package dev.temporalkt.worker.internal.replay

import com.google.protobuf.ByteString
import com.google.protobuf.Timestamp
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.RetryState
import dev.temporalkt.api.failure.v1.Failure
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.protocol.v1.Message
import dev.temporalkt.api.query.v1.WorkflowQuery
import dev.temporalkt.api.sdk.v1.WorkflowTaskCompletedMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import java.time.Instant

/** Text payload for tests. */
fun text(s: String): Payload = Payload.newBuilder()
    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
    .setData(ByteString.copyFromUtf8("\"$s\"")).build()

fun payloads(vararg s: String): Payloads = Payloads.newBuilder().addAllPayloads(s.map { text(it) }).build()

/**
 * Builds histories event by event, the way the server writes them. Event `n` happens at
 * [start] + `n` seconds.
 */
class HistoryBuilder(
    val workflowType: String = "Order",
    val workflowId: String = "o-1",
    val runId: String = "r-1",
) {
    val start: Instant = Instant.parse("2026-01-01T00:00:00Z")
    val events = ArrayList<HistoryEvent>()
    private var lastStarted = 0L

    fun timeOf(eventId: Long): Instant = start.plusSeconds(eventId)

    fun add(type: EventType, at: Instant? = null, fill: HistoryEvent.Builder.() -> Unit = {}): Long {
        val id = events.size + 1L
        val t = at ?: timeOf(id)
        val b = HistoryEvent.newBuilder().setEventId(id).setEventType(type)
            .setEventTime(Timestamp.newBuilder().setSeconds(t.epochSecond))
        b.fill()
        events.add(b.build())
        return id
    }

    fun started(input: Payloads = payloads("in")): Long = add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
        workflowExecutionStartedEventAttributesBuilder.setWorkflowType(WorkflowType.newBuilder().setName(workflowType))
            .setTaskQueue(TaskQueue.newBuilder().setName("orders")).setInput(input)
            .setOriginalExecutionRunId(runId).setFirstExecutionRunId(runId).setAttempt(1).setIdentity("starter")
    }

    /** WorkflowTaskScheduled + WorkflowTaskStarted; returns the started event id. */
    fun workflowTask(sizeBytes: Long = 0, suggestCan: Boolean = false): Long {
        val sched = add(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED)
        lastStarted = add(EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
            workflowTaskStartedEventAttributesBuilder.setScheduledEventId(sched).setHistorySizeBytes(sizeBytes)
                .setSuggestContinueAsNew(suggestCan)
        }
        return lastStarted
    }

    fun completed(flags: List<Int> = emptyList()): Long = add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        workflowTaskCompletedEventAttributesBuilder.setStartedEventId(lastStarted)
            .setScheduledEventId(lastStarted - 1)
            .setSdkMetadata(WorkflowTaskCompletedMetadata.newBuilder().addAllLangUsedFlags(flags))
    }

    fun fullWorkflowTask(flags: List<Int> = emptyList()): Long = workflowTask().also { completed(flags) }

    /**
     * WorkflowTaskCompleted of a workflow task heartbeat: a worker keeping a local activity running across the task
     * completes it at 80 % of the (default, 10 s) workflow task timeout.
     */
    fun heartbeatCompleted(): Long = add(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, at = timeOf(lastStarted).plusSeconds(8)) {
        workflowTaskCompletedEventAttributesBuilder.setStartedEventId(lastStarted).setScheduledEventId(lastStarted - 1)
    }

    fun timerStarted(seq: Int): Long = add(EventType.EVENT_TYPE_TIMER_STARTED) {
        timerStartedEventAttributesBuilder.setTimerId(seq.toString())
    }

    fun timerFired(seq: Int, startedId: Long): Long = add(EventType.EVENT_TYPE_TIMER_FIRED) {
        timerFiredEventAttributesBuilder.setTimerId(seq.toString()).setStartedEventId(startedId)
    }

    fun timerCanceled(seq: Int, startedId: Long): Long = add(EventType.EVENT_TYPE_TIMER_CANCELED) {
        timerCanceledEventAttributesBuilder.setTimerId(seq.toString()).setStartedEventId(startedId)
    }

    fun activityScheduled(type: String, id: String): Long = add(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        activityTaskScheduledEventAttributesBuilder.setActivityType(ActivityType.newBuilder().setName(type)).setActivityId(id)
            .setTaskQueue(TaskQueue.newBuilder().setName("orders"))
    }

    fun activityStarted(scheduled: Long): Long = add(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
        activityTaskStartedEventAttributesBuilder.setScheduledEventId(scheduled).setIdentity("worker-1")
    }

    fun activityCompleted(scheduled: Long, started: Long, result: Payload): Long = add(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        activityTaskCompletedEventAttributesBuilder.setScheduledEventId(scheduled).setStartedEventId(started)
            .setResult(Payloads.newBuilder().addPayloads(result))
    }

    fun activityFailed(scheduled: Long, started: Long, failure: Failure): Long = add(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED) {
        activityTaskFailedEventAttributesBuilder.setScheduledEventId(scheduled).setStartedEventId(started)
            .setFailure(failure).setIdentity("worker-1").setRetryState(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED)
    }

    fun activityCancelRequested(scheduled: Long): Long = add(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED) {
        activityTaskCancelRequestedEventAttributesBuilder.setScheduledEventId(scheduled)
    }

    fun activityCanceled(scheduled: Long, started: Long, details: Payloads): Long = add(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED) {
        activityTaskCanceledEventAttributesBuilder.setScheduledEventId(scheduled).setStartedEventId(started)
            .setDetails(details).setIdentity("worker-1")
    }

    fun signaled(name: String, input: Payloads = payloads(name)): Long = add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) {
        workflowExecutionSignaledEventAttributesBuilder.setSignalName(name).setInput(input).setIdentity("client")
    }

    fun cancelRequested(cause: String): Long = add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED) {
        workflowExecutionCancelRequestedEventAttributesBuilder.setCause(cause)
    }

    fun workflowCompleted(result: Payload): Long = add(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
        workflowExecutionCompletedEventAttributesBuilder.setResult(Payloads.newBuilder().addPayloads(result))
    }

    fun patchMarker(id: String, deprecated: Boolean = false): Long = add(EventType.EVENT_TYPE_MARKER_RECORDED) {
        markerRecordedEventAttributesBuilder.setMarkerName(PatchMarkers.MARKER_NAME).putAllDetails(PatchMarkers.details(id, deprecated))
    }

    /** The polled task holding events from [fromEventId] on; the task's started event is the last WorkflowTaskStarted. */
    fun task(
        fromEventId: Long = 1,
        messages: List<Message> = emptyList(),
        queries: Map<String, WorkflowQuery> = emptyMap(),
        legacyQuery: WorkflowQuery? = null,
    ): PollWorkflowTaskQueueResponse {
        val b = PollWorkflowTaskQueueResponse.newBuilder()
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
            .setWorkflowType(WorkflowType.newBuilder().setName(workflowType))
            .setHistory(History.newBuilder().addAllEvents(events.filter { it.eventId >= fromEventId }))
            .addAllMessages(messages)
            .putAllQueries(queries)
        if (legacyQuery != null) b.setQuery(legacyQuery) else b.setStartedEventId(lastStarted)
        return b.build()
    }
}
