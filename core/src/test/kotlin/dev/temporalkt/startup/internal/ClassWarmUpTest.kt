@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.startup.internal

import dev.temporalkt.api.enums.v1.CommandType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** The warm-ups ignore their failures when they run, so a mistake in their messages would go unseen but for this. */
class ClassWarmUpTest : FunSpec({
    test("the history warm-up writes and parses a workflow task with its six events") {
        val task = ClassWarmUp.warmUpHistory()
        task.history.eventsList.map { it.eventType } shouldBe listOf(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED,
        )
        val input = task.history.getEvents(0).workflowExecutionStartedEventAttributes.input.getPayloads(0)
        input.metadataMap["encoding"]?.toStringUtf8() shouldBe "json/plain"
        input.data.toStringUtf8() shouldBe "\"\""
    }

    test("the worker warm-up writes and parses a completion, an activity task and its completion") {
        val (completion, activityTask, activityCompletion) = ClassWarmUp.warmUpWorker()
        (completion as RespondWorkflowTaskCompletedRequest).commandsList.map { it.commandType } shouldBe listOf(
            CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK,
            CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
        )
        (activityTask as PollActivityTaskQueueResponse).activityType.name shouldBe "a"
        (activityCompletion as RespondActivityTaskCompletedRequest).result.payloadsCount shouldBe 1
    }
})
