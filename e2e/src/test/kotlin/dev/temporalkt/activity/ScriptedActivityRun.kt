@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.activity

import dev.temporalkt.activity.internal.ActivityRegistry
import dev.temporalkt.activity.internal.ActivityWorker
import dev.temporalkt.activity.internal.ActivityWorkerOptions
import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelActivityTaskCommandAttributes
import dev.temporalkt.api.command.v1.ScheduleActivityTaskCommandAttributes
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.SignalWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import java.util.UUID
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * One workflow played by hand that schedules one activity, with an [ActivityWorker] running the given activities on
 * the same task queue name; helpers read the history events the workflow sees.
 */
class ScriptedActivityRun(
    val connection: Connection,
    activities: List<Any>,
    options: ActivityWorkerOptions = ActivityWorkerOptions(gracefulShutdownTimeout = 5.seconds),
    val dataConverter: DataConverter = DataConverter.default,
) {
    val taskQueue = "activity-spec-${UUID.randomUUID()}"
    val workflowId = "activity-spec-${UUID.randomUUID()}"
    val tasks = ScriptedWorkflowTasks(connection, taskQueue)
    val worker = ActivityWorker(connection, taskQueue, dataConverter, ActivityRegistry.of(activities), options)
    lateinit var runId: String
    private var scheduledEventId = 0L

    /** Starts the workflow, answers its first task with ScheduleActivityTask and starts the worker. */
    suspend fun schedule(
        activityType: String,
        arguments: List<Payload>,
        startToCloseTimeout: Duration = 30.seconds,
        heartbeatTimeout: Duration? = null,
        retryPolicy: RetryPolicy = RetryPolicy(maximumAttempts = 1),
    ) {
        runId = connection.workflowService.startWorkflowExecution(
            StartWorkflowExecutionRequest.newBuilder()
                .setNamespace(connection.namespace)
                .setIdentity(connection.identity)
                .setRequestId(UUID.randomUUID().toString())
                .setWorkflowId(workflowId)
                .setWorkflowType(WorkflowType.newBuilder().setName("ScriptedActivityWorkflow"))
                .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                .build(),
        ).runId
        val first = tasks.poll()
        val attributes = ScheduleActivityTaskCommandAttributes.newBuilder()
            .setActivityId("activity-1")
            .setActivityType(ActivityType.newBuilder().setName(activityType))
            .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
            .setInput(Payloads.newBuilder().addAllPayloads(arguments))
            .setStartToCloseTimeout(protoDuration(startToCloseTimeout))
            .setRetryPolicy(retryPolicy.toProto())
        if (heartbeatTimeout != null) attributes.setHeartbeatTimeout(protoDuration(heartbeatTimeout))
        tasks.respond(
            first,
            listOf(
                Command.newBuilder()
                    .setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
                    .setScheduleActivityTaskCommandAttributes(attributes)
                    .build(),
            ),
        )
        scheduledEventId = first.history.eventsList.last().eventId + 2 // WorkflowTaskCompleted, then ActivityTaskScheduled
        worker.start()
    }

    /** Sends a signal so the workflow gets a task, and answers it with RequestCancelActivityTask. */
    suspend fun requestCancel() {
        connection.workflowService.signalWorkflowExecution(
            SignalWorkflowExecutionRequest.newBuilder()
                .setNamespace(connection.namespace)
                .setIdentity(connection.identity)
                .setRequestId(UUID.randomUUID().toString())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                .setSignalName("cancel-activity")
                .build(),
        )
        val task = tasks.poll()
        tasks.respond(
            task,
            listOf(
                Command.newBuilder()
                    .setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK)
                    .setRequestCancelActivityTaskCommandAttributes(
                        RequestCancelActivityTaskCommandAttributes.newBuilder().setScheduledEventId(scheduledEventId),
                    )
                    .build(),
            ),
        )
    }

    /** Polls workflow tasks until one carries an event of [type]; returns that event. */
    suspend fun awaitEvent(type: EventType): HistoryEvent {
        while (true) {
            val task: PollWorkflowTaskQueueResponse = tasks.poll()
            val event = ScriptedWorkflowTasks.newEvents(task).firstOrNull { it.eventType == type }
            if (event != null) {
                tasks.respond(task, listOf(ScriptedWorkflowTasks.complete()))
                return event
            }
            tasks.respond(task, emptyList())
        }
    }

    /** Polls the next workflow task and returns the activity event in it (completed, failed, canceled, timed out). */
    suspend fun awaitActivityResolution(): HistoryEvent {
        val terminal = setOf(
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
        )
        while (true) {
            val task = tasks.poll()
            val event = ScriptedWorkflowTasks.newEvents(task).firstOrNull { it.eventType in terminal }
            if (event != null) {
                tasks.respond(task, listOf(ScriptedWorkflowTasks.complete()))
                return event
            }
            tasks.respond(task, emptyList())
        }
    }

    suspend fun close() {
        worker.shutdown()
        connection.close()
    }

    companion object {
        suspend fun open(
            target: String,
            activities: List<Any>,
            options: ActivityWorkerOptions = ActivityWorkerOptions(gracefulShutdownTimeout = 5.seconds),
            dataConverter: DataConverter = DataConverter.default,
        ) = ScriptedActivityRun(Connection.connect(ConnectionOptions(target = target)), activities, options, dataConverter)

        fun protoDuration(duration: Duration): com.google.protobuf.Duration = com.google.protobuf.Duration.newBuilder()
            .setSeconds(duration.inWholeSeconds)
            .setNanos((duration.inWholeNanoseconds % 1_000_000_000).toInt())
            .build()
    }
}
