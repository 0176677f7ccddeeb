package dev.temporalkt.testing

import com.google.protobuf.Empty
import com.google.protobuf.util.Durations
import com.google.protobuf.util.Timestamps
import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.CompleteWorkflowExecutionCommandAttributes
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.command.v1.StartTimerCommandAttributes
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.testservice.v1.TestServiceGrpc
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import io.grpc.ManagedChannelBuilder
import io.grpc.Status
import io.grpc.StatusRuntimeException
import io.kotest.assertions.fail
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import java.util.UUID
import java.util.concurrent.TimeUnit

private const val ONE_DAY_SECONDS = 86_400L

class EmbeddedTimeSkippingSpec : FunSpec({
    test("embedded test server: time skipping fires a one-day timer at once and leaves the shared server's clock free") {
        val server = SharedServers.embedded()
        val workflowId = "time-skipping-${UUID.randomUUID()}"
        val taskQueue = TaskQueue.newBuilder().setName("time-skipping-${UUID.randomUUID()}").build()
        withWorkflowService(server.target) { service ->
            val runId = service.startWorkflowExecution(
                StartWorkflowExecutionRequest.newBuilder()
                    .setNamespace(server.namespace)
                    .setWorkflowId(workflowId)
                    .setWorkflowType(WorkflowType.newBuilder().setName("SleepADay"))
                    .setTaskQueue(taskQueue)
                    .setRequestId(UUID.randomUUID().toString())
                    .build(),
            ).runId
            val poll = PollWorkflowTaskQueueRequest.newBuilder()
                .setNamespace(server.namespace)
                .setTaskQueue(taskQueue)
                .setIdentity("time-skipping-spec")
                .build()

            val firstTask = service.pollWorkflowTaskQueue(poll)
            firstTask.workflowExecution.runId shouldBe runId
            service.respondWorkflowTaskCompleted(
                RespondWorkflowTaskCompletedRequest.newBuilder()
                    .setNamespace(server.namespace)
                    .setTaskToken(firstTask.taskToken)
                    .setIdentity("time-skipping-spec")
                    .addCommands(
                        Command.newBuilder()
                            .setCommandType(CommandType.COMMAND_TYPE_START_TIMER)
                            .setStartTimerCommandAttributes(
                                StartTimerCommandAttributes.newBuilder()
                                    .setTimerId("one-day")
                                    .setStartToFireTimeout(Durations.fromSeconds(ONE_DAY_SECONDS)),
                            ),
                    )
                    .build(),
            )

            // The server skips the day: the next workflow task (for the fired timer) arrives at once.
            val secondTask = try {
                service.pollWorkflowTaskQueue(poll)
            } catch (e: StatusRuntimeException) {
                if (e.status.code != Status.Code.DEADLINE_EXCEEDED) throw e
                fail(
                    "Time did not skip to the one-day timer. The shared embedded server holds its clock while any " +
                        "workflow task is outstanding, and keeps holding it for workflows terminated with a pending " +
                        "task: an earlier test probably did that on SharedServers.embedded() instead of a private " +
                        "EmbeddedTestServer.",
                )
            }
            secondTask.workflowExecution.runId shouldBe runId
            // Completing the workflow (rather than terminating it) releases the clock for later tests.
            service.respondWorkflowTaskCompleted(
                RespondWorkflowTaskCompletedRequest.newBuilder()
                    .setNamespace(server.namespace)
                    .setTaskToken(secondTask.taskToken)
                    .setIdentity("time-skipping-spec")
                    .addCommands(
                        Command.newBuilder()
                            .setCommandType(CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION)
                            .setCompleteWorkflowExecutionCommandAttributes(
                                CompleteWorkflowExecutionCommandAttributes.newBuilder()
                                    .setResult(Payloads.newBuilder().addPayloads(HELLO_JSON_PAYLOAD)),
                            ),
                    )
                    .build(),
            )

            val execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build()
            val events = service.getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(server.namespace).setExecution(execution).build(),
            ).history.eventsList
            val timerStarted = events.single { it.eventType == EventType.EVENT_TYPE_TIMER_STARTED }
            val timerFired = events.single { it.eventType == EventType.EVENT_TYPE_TIMER_FIRED }
            timerFired.timerFiredEventAttributes.timerId shouldBe "one-day"
            events.last().eventType shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
            events.last().workflowExecutionCompletedEventAttributes.result.getPayloads(0) shouldBe HELLO_JSON_PAYLOAD
            Timestamps.between(timerStarted.eventTime, timerFired.eventTime).seconds shouldBeGreaterThanOrEqual ONE_DAY_SECONDS

            val channel = ManagedChannelBuilder.forTarget(server.target).usePlaintext().build()
            try {
                val now = TestServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getCurrentTime(Empty.getDefaultInstance()).time
                Timestamps.between(timerStarted.eventTime, now).seconds shouldBeGreaterThanOrEqual ONE_DAY_SECONDS
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS)
            }
        }
    }
})
