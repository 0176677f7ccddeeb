package dev.temporalkt.client

import dev.temporalkt.api.command.v1.Command
import dev.temporalkt.api.command.v1.RequestCancelActivityTaskCommandAttributes
import dev.temporalkt.api.command.v1.ScheduleActivityTaskCommandAttributes
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.common.SearchAttributeKey
import dev.temporalkt.common.WorkflowExecutionStatus
import dev.temporalkt.common.buildSearchAttributes
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.failure.RpcException
import dev.temporalkt.failure.RpcStatusCode
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.toList
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private fun scheduleActivity(activityId: String, taskQueue: String): Command = Command.newBuilder()
    .setCommandType(CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK)
    .setScheduleActivityTaskCommandAttributes(
        ScheduleActivityTaskCommandAttributes.newBuilder()
            .setActivityId(activityId)
            .setActivityType(ActivityType.newBuilder().setName("ChargeCard"))
            .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
            .setScheduleToCloseTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(600))
            .setStartToCloseTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(600)),
    )
    .build()

private fun cancelActivity(scheduledEventId: Long): Command = Command.newBuilder()
    .setCommandType(CommandType.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK)
    .setRequestCancelActivityTaskCommandAttributes(RequestCancelActivityTaskCommandAttributes.newBuilder().setScheduledEventId(scheduledEventId))
    .build()

/** Schedules one activity from the workflow and picks up its activity task, returning the task. */
private suspend fun startActivity(client: Client, workflow: ScriptedWorkflow, activityId: String): PollActivityTaskQueueResponse {
    workflow.tasks.respond(workflow.tasks.poll(), listOf(scheduleActivity(activityId, workflow.taskQueue)))
    val task = client.connection.workflowService.pollActivityTaskQueue(
        PollActivityTaskQueueRequest.newBuilder().setNamespace(client.namespace).setIdentity(client.identity)
            .setTaskQueue(TaskQueue.newBuilder().setName(workflow.taskQueue)).build(),
    )
    task.activityId shouldBe activityId
    return task
}

/** Waits for the workflow task that reports the activity's outcome and returns that event. */
private suspend fun activityOutcome(workflow: ScriptedWorkflow, type: EventType): HistoryEvent {
    val task = workflow.tasks.poll()
    val event = ScriptedWorkflowTasks.newEvents(task).single { it.eventType == type }
    workflow.tasks.respond(task, listOf(ScriptedWorkflowTasks.complete()))
    return event
}

class ClientVisibilityAndActivitySpec : FunSpec({
    for ((server, target) in clientTestServers()) {
        test("$server: an activity completed asynchronously by task token delivers its result") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "async-token")
                client.startWorkflow<String>("Payment", options = workflow.options)
                val task = startActivity(client, workflow, "charge-1")
                val pending = client.getWorkflowHandle<String>(workflow.workflowId).describe().pendingActivities.single()
                pending.activityId shouldBe "charge-1"
                pending.activityType.name shouldBe "ChargeCard"
                val activity = client.getAsyncActivityHandle(task.taskToken.toByteArray())
                activity.heartbeat("half way")
                activity.complete("charged 42")
                val completed = activityOutcome(workflow, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
                completed.activityTaskCompletedEventAttributes.result.getPayloads(0).data.toStringUtf8() shouldBe "\"charged 42\""
            }
        }

        test("$server: an activity failed asynchronously by workflow and activity id delivers the failure") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "async-id")
                client.startWorkflow<String>("Payment", options = workflow.options)
                startActivity(client, workflow, "charge-2")
                val activity = client.getAsyncActivityHandle(workflow.workflowId, "charge-2")
                activity.fail(ApplicationFailure("card expired", type = "CardError", nonRetryable = true))
                val failed = activityOutcome(workflow, EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                val failure = failed.activityTaskFailedEventAttributes.failure
                failure.message shouldBe "card expired"
                failure.applicationFailureInfo.type shouldBe "CardError"
                // The activity is closed now: completing it again is an RPC error with NOT_FOUND.
                shouldThrow<RpcException> { activity.complete("late") }.code shouldBe RpcStatusCode.NOT_FOUND
            }
        }

        test("$server: a heartbeat after cancellation was requested throws, and the cancellation is reported") {
            withClient(target()) { client ->
                val workflow = ScriptedWorkflow(client, "async-cancel")
                val handle = client.startWorkflow<String>("Payment", options = workflow.options)
                val task = startActivity(client, workflow, "charge-3")
                // A signal gives the workflow a task in which it requests the activity's cancellation.
                handle.signal("cancelPayment")
                val next = workflow.tasks.poll()
                val scheduled = next.history.eventsList.single { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED }
                workflow.tasks.respond(next, listOf(cancelActivity(scheduled.eventId)))
                val activity = client.getAsyncActivityHandle(task.taskToken.toByteArray())
                val error = eventually(30.seconds) { shouldThrow<AsyncActivityCanceledException> { activity.heartbeat() } }
                error.reason shouldBe AsyncActivityCanceledException.Reason.CANCEL_REQUESTED
                activity.reportCancellation(listOf("stopped"))
                val canceled = activityOutcome(workflow, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED)
                canceled.activityTaskCanceledEventAttributes.details.getPayloads(0).data.toStringUtf8() shouldBe "\"stopped\""
            }
        }
    }

    test("dev server: listWorkflows pages lazily and countWorkflows groups by status (dev server only)") {
        withClient(SharedServers.devServer().target) { client ->
            val tag = uniqueId("batch")
            val key = SearchAttributeKey.forKeyword("CustomKeywordField")
            val handles = (1..3).map { index ->
                val workflow = ScriptedWorkflow(client, "listed-$index")
                client.startWorkflow<String>(
                    "Listed", options = workflow.options.copy(searchAttributes = buildSearchAttributes { set(key, tag) }),
                )
            }
            handles.first().terminate("one of them ends")
            val query = "CustomKeywordField = '$tag'"
            eventually(1.minutes) {
                val listed = client.listWorkflows(query, pageSize = 1).toList()
                listed.map { it.workflowId }.toSet() shouldBe handles.map { it.id }.toSet()
                listed.single { it.workflowId == handles.first().id }.status shouldBe WorkflowExecutionStatus.TERMINATED
                listed.first().searchAttributes[key] shouldBe tag
            }
            client.listWorkflows(query, pageSize = 1, limit = 2).toList().size shouldBe 2
            client.countWorkflows(query).count shouldBe 3
            val groups = client.countWorkflows("$query GROUP BY ExecutionStatus").groups
            groups.associate { it.groupValues.single() to it.count } shouldBe mapOf("Running" to 2L, "Terminated" to 1L)
            handles.drop(1).forEach { it.terminate() }
        }
    }
})

