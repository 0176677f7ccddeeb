package dev.temporalkt.benchmarks

import com.google.protobuf.ByteString
import com.google.protobuf.Timestamp
import dev.temporalkt.api.command.v1.StartTimerCommandAttributes
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.sdk.v1.WorkflowTaskCompletedMetadata
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import java.time.Duration
import java.time.Instant

/**
 * The workflow tasks the server hands a worker for one run of a workflow that sleeps in a loop (`BenchTimerLoop`),
 * with the events it writes. The first task holds WorkflowExecutionStarted, WorkflowTaskScheduled and
 * WorkflowTaskStarted; each later one is a sticky task holding only the events new to the cached run: the previous
 * task's WorkflowTaskCompleted, TimerStarted for the timer it started, TimerFired, WorkflowTaskScheduled and
 * WorkflowTaskStarted. Event ids and times follow from the timer's number, so the caller keeps no history state
 * beside the run it measures.
 */
object TimerLoopHistory {
    const val WORKFLOW_TYPE = "BenchTimerLoop"
    private const val EVENTS_IN_FIRST_TASK = 3L
    private const val EVENTS_PER_TIMER = 5L
    private val START: Instant = Instant.parse("2026-01-01T00:00:00Z")

    /** The run's first task: started, then its first workflow task. */
    fun firstTask(workflowId: String, runId: String, taskQueue: String): PollWorkflowTaskQueueResponse {
        val started = event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, START) {
            workflowExecutionStartedEventAttributesBuilder
                .setWorkflowType(WorkflowType.newBuilder().setName(WORKFLOW_TYPE))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .setWorkflowTaskTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(10))
                .setOriginalExecutionRunId(runId).setFirstExecutionRunId(runId).setAttempt(1).setIdentity("bench-starter")
        }
        return task(workflowId, runId, listOf(started) + workflowTask(2, START), previousStartedEventId = 0)
    }

    /**
     * The sticky task after timer number [timer] (1 for the first) fired: the previous task completed with [command]
     * (the StartTimer it sent) and [metadata] (its SDK metadata), which the server records in WorkflowTaskCompleted.
     * All timers must have [command]'s duration.
     */
    fun timerFiredTask(
        workflowId: String,
        runId: String,
        timer: Int,
        command: StartTimerCommandAttributes,
        metadata: WorkflowTaskCompletedMetadata,
    ): PollWorkflowTaskQueueResponse {
        val duration = Duration.ofSeconds(command.startToFireTimeout.seconds, command.startToFireTimeout.nanos.toLong())
        val previousStarted = EVENTS_IN_FIRST_TASK + EVENTS_PER_TIMER * (timer - 1)
        val previousTaskTime = START + (duration + Duration.ofSeconds(1)).multipliedBy(timer - 1L)
        val completedAt = previousTaskTime + Duration.ofMillis(20)
        val completed = event(previousStarted + 1, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, completedAt) {
            workflowTaskCompletedEventAttributesBuilder.setScheduledEventId(previousStarted - 1).setStartedEventId(previousStarted)
                .setIdentity("bench-worker").setSdkMetadata(metadata)
        }
        val timerStarted = event(previousStarted + 2, EventType.EVENT_TYPE_TIMER_STARTED, completedAt) {
            timerStartedEventAttributesBuilder.setTimerId(command.timerId).setStartToFireTimeout(command.startToFireTimeout)
                .setWorkflowTaskCompletedEventId(completed.eventId)
        }
        val firedAt = completedAt + duration
        val fired = event(previousStarted + 3, EventType.EVENT_TYPE_TIMER_FIRED, firedAt) {
            timerFiredEventAttributesBuilder.setTimerId(command.timerId).setStartedEventId(timerStarted.eventId)
        }
        return task(workflowId, runId, listOf(completed, timerStarted, fired) + workflowTask(previousStarted + 4, firedAt), previousStarted)
    }

    private fun workflowTask(scheduledId: Long, at: Instant): List<HistoryEvent> = listOf(
        event(scheduledId, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, at) {
            workflowTaskScheduledEventAttributesBuilder.setStartToCloseTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(10)).setAttempt(1)
        },
        event(scheduledId + 1, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, at) {
            workflowTaskStartedEventAttributesBuilder.setScheduledEventId(scheduledId).setIdentity("bench-worker")
        },
    )

    private fun task(workflowId: String, runId: String, events: List<HistoryEvent>, previousStartedEventId: Long): PollWorkflowTaskQueueResponse =
        PollWorkflowTaskQueueResponse.newBuilder()
            .setTaskToken(ByteString.copyFromUtf8("$runId/${events.last().eventId}"))
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
            .setWorkflowType(WorkflowType.newBuilder().setName(WORKFLOW_TYPE))
            .setPreviousStartedEventId(previousStartedEventId)
            .setStartedEventId(events.last().eventId)
            .setAttempt(1)
            .setHistory(History.newBuilder().addAllEvents(events))
            .build()

    private fun event(id: Long, type: EventType, at: Instant, fill: HistoryEvent.Builder.() -> Unit): HistoryEvent =
        HistoryEvent.newBuilder().setEventId(id).setEventType(type)
            .setEventTime(Timestamp.newBuilder().setSeconds(at.epochSecond).setNanos(at.nano))
            .apply(fill)
            .build()
}
