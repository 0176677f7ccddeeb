package dev.temporalkt.startup.internal

import com.google.protobuf.ByteString
import com.google.protobuf.Message
import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.CompleteWorkflowExecutionCommandAttributes
import dev.temporalkt.api.command.v1.ScheduleActivityTaskCommandAttributes
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.ActivityTaskCompletedEventAttributes
import dev.temporalkt.api.history.v1.ActivityTaskScheduledEventAttributes
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.history.v1.WorkflowExecutionStartedEventAttributes
import dev.temporalkt.api.history.v1.WorkflowTaskCompletedEventAttributes
import dev.temporalkt.api.history.v1.WorkflowTaskScheduledEventAttributes
import dev.temporalkt.api.history.v1.WorkflowTaskStartedEventAttributes
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import dev.temporalkt.internal.InternalTemporalApi
import java.lang.management.ManagementFactory
import java.util.concurrent.atomic.AtomicBoolean

/**
 * Loads, on background threads, the classes a process's first Temporal calls and a worker's first tasks need, while
 * the process is still connecting and the worker reading its definitions.
 *
 * A worker's first workflow task parses a history (the history event message and, through the JVM's verification of
 * it, every event type's classes, and the descriptors of the files they are declared in), builds commands and a
 * completion; its first activity task does the same for activities; and the first activation reads the thread CPU
 * clock of the JVM's thread management bean (the deadlock detector's). Loaded by the thread that handles the first
 * task, that is about a quarter of a second between the task's arrival and its completion, on a worker's critical
 * path. Loaded here, it overlaps with what the process does before its first poll returns — the connection's first
 * calls, in flight on the transport thread while the caller waits, and the reading of the worker's definitions —
 * and uses a core that is otherwise idle then:
 *  - [startForConnection], by every connection: a workflow task's history, as bytes and back (clients read results
 *    from histories too);
 *  - [startForWorker], by every worker: commands, a workflow task's completion, an activity task and its completion,
 *    and the thread management bean.
 *
 * Each runs once per process, on a daemon thread of its own. They only build, serialise and parse messages in memory,
 * from data of their own: no user code, nothing sent, nothing kept; a failure is ignored (the first task then loads
 * what it needs itself). A thread that reaches a class a warm-up is initialising waits for it, as it would for any
 * thread initialising the class; generated message classes and their descriptors initialise without cycles, so this
 * never deadlocks.
 */
@InternalTemporalApi
public object ClassWarmUp {
    private val historyStarted = AtomicBoolean()
    private val workerStarted = AtomicBoolean()

    /**
     * Starts warming up what every connection's user needs, clients included (a workflow's result is read from its
     * history): history events, payloads and headers. The first call in the process starts it; later calls do nothing.
     */
    public fun startForConnection() {
        if (historyStarted.compareAndSet(false, true)) launch("temporal-connection-warm-up") { warmUpHistory() }
    }

    /**
     * Starts warming up a worker's first tasks (commands, completions, activity tasks, the thread management bean).
     * The first call in the process starts it; later calls do nothing.
     */
    public fun startForWorker() {
        if (workerStarted.compareAndSet(false, true)) launch("temporal-worker-warm-up", ::warmUpWorker)
    }

    private fun launch(name: String, body: () -> Unit) {
        Thread({ runCatching(body) }, name).apply {
            isDaemon = true
            start()
        }
    }

    /** A workflow task's history, as bytes on the wire and back; returns what was parsed. */
    internal fun warmUpHistory(): PollWorkflowTaskQueueResponse =
        PollWorkflowTaskQueueResponse.parseFrom(workflowTask().toByteArray())

    /**
     * A workflow task's completion and a first activity task and its completion, as bytes on the wire and back, and
     * the thread management bean; returns the messages parsed.
     */
    internal fun warmUpWorker(): List<Message> {
        ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported
        return listOf(
            RespondWorkflowTaskCompletedRequest.parseFrom(workflowCompletion().toByteArray()),
            PollActivityTaskQueueResponse.parseFrom(activityTask().toByteArray()),
            RespondActivityTaskCompletedRequest.parseFrom(activityCompletion().toByteArray()),
        )
    }

    // Messages are built inside the warm-ups, on their threads: as properties of this object they would be built by
    // the thread that first touches it, the caller of a start function.
    private fun payloads(): Payloads =
        Payloads.newBuilder()
            .addPayloads(Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain")).setData(ByteString.copyFromUtf8("\"\"")))
            .build()

    private fun header(): Header = Header.newBuilder().putFields("", payloads().getPayloads(0)).build()

    private fun event(id: Long, type: EventType, fill: HistoryEvent.Builder.() -> Unit): HistoryEvent =
        HistoryEvent.newBuilder().setEventId(id).setEventType(type).apply(fill).build()

    private fun workflowTask(): PollWorkflowTaskQueueResponse {
        val history = History.newBuilder()
            .addEvents(event(1, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED) {
                workflowExecutionStartedEventAttributes = WorkflowExecutionStartedEventAttributes.newBuilder()
                    .setWorkflowType(WorkflowType.newBuilder().setName("w"))
                    .setTaskQueue(TaskQueue.newBuilder().setName("q"))
                    .setInput(payloads())
                    .setHeader(header())
                    .build()
            })
            .addEvents(event(2, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
                workflowTaskScheduledEventAttributes = WorkflowTaskScheduledEventAttributes.getDefaultInstance()
            })
            .addEvents(event(3, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
                workflowTaskStartedEventAttributes = WorkflowTaskStartedEventAttributes.newBuilder().setScheduledEventId(2).build()
            })
            .addEvents(event(4, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
                workflowTaskCompletedEventAttributes = WorkflowTaskCompletedEventAttributes.newBuilder().setStartedEventId(3).build()
            })
            .addEvents(event(5, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                activityTaskScheduledEventAttributes = ActivityTaskScheduledEventAttributes.newBuilder()
                    .setActivityType(ActivityType.newBuilder().setName("a")).setInput(payloads()).setHeader(header()).build()
            })
            .addEvents(event(6, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
                activityTaskCompletedEventAttributes = ActivityTaskCompletedEventAttributes.newBuilder().setResult(payloads()).build()
            })
        return PollWorkflowTaskQueueResponse.newBuilder()
            .setTaskToken(ByteString.copyFromUtf8("t"))
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("w").setRunId("r"))
            .setWorkflowType(WorkflowType.newBuilder().setName("w"))
            .setHistory(history)
            .build()
    }

    private fun workflowCompletion(): RespondWorkflowTaskCompletedRequest =
        RespondWorkflowTaskCompletedRequest.newBuilder()
            .setTaskToken(ByteString.copyFromUtf8("t"))
            .addCommands(Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
                .setScheduleActivityTaskCommandAttributes(ScheduleActivityTaskCommandAttributes.newBuilder()
                    .setActivityId("1").setActivityType(ActivityType.newBuilder().setName("a")).setInput(payloads()).setHeader(header())))
            .addCommands(Command.newBuilder().setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                .setCompleteWorkflowExecutionCommandAttributes(CompleteWorkflowExecutionCommandAttributes.newBuilder().setResult(payloads())))
            .build()

    private fun activityTask(): PollActivityTaskQueueResponse =
        PollActivityTaskQueueResponse.newBuilder()
            .setTaskToken(ByteString.copyFromUtf8("t"))
            .setActivityType(ActivityType.newBuilder().setName("a"))
            .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("w").setRunId("r"))
            .setInput(payloads())
            .setHeader(header())
            .build()

    private fun activityCompletion(): RespondActivityTaskCompletedRequest =
        RespondActivityTaskCompletedRequest.newBuilder().setTaskToken(ByteString.copyFromUtf8("t")).setResult(payloads()).build()
}
