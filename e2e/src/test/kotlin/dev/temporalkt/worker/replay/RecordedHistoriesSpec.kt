@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.worker.replay

import com.google.protobuf.ByteString
import dev.temporalkt.api.common.v1.ActivityType
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.signal
import dev.temporalkt.client.startWorkflow
import dev.temporalkt.failure.CanceledFailure
import dev.temporalkt.failure.WorkflowFailedException
import dev.temporalkt.worker.Worker
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.matchers.collections.shouldContainAll
import io.kotest.matchers.types.shouldBeInstanceOf
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.history.v1.History
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueRequest
import dev.temporalkt.api.workflowservice.v1.PollWorkflowTaskQueueResponse
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCompletedRequest
import dev.temporalkt.api.workflowservice.v1.SignalWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.fixtures.RecordedWorkflows
import dev.temporalkt.worker.internal.replay.WorkflowRunEngine
import dev.temporalkt.worker.internal.replay.WorkflowTaskCompletion
import dev.temporalkt.testing.SharedServers
import dev.temporalkt.fixtures.HistoryFixtures
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import dev.temporalkt.worker.activation.WorkflowActivation
import dev.temporalkt.worker.activation.WorkflowActivationCompletion
import dev.temporalkt.worker.activation.WorkflowCommand
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import java.util.UUID
import kotlin.time.Duration.Companion.seconds

private fun json(s: String): Payload = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
    .setData(ByteString.copyFromUtf8("\"$s\"")).build()

/**
 * Drives scripted workflows through [WorkflowRunEngine] against the dev server, then checks that the
 * server's history replays in a fresh engine without non-determinism and without new commands. With
 * `-Dtemporalkt.recordHistoriesTo=<dir>` the histories are also written there as JSON (how the fixtures
 * in core's test resources were made).
 */
class RecordedHistoriesSpec : FunSpec({
    suspend fun drive(
        name: String,
        workflow: (WorkflowActivation) -> List<WorkflowCommand>,
        input: Payload = json("in"),
        afterFirstTask: suspend (Connection, String, String) -> Unit = { _, _, _ -> },
    ): History {
        val server = SharedServers.devServer()
        val connection = Connection.connect(ConnectionOptions(target = server.target, namespace = server.namespace))
        try {
            val queue = "replay-$name-${UUID.randomUUID()}"
            val workflowId = "wf-$name"
            connection.workflowService.startWorkflowExecution(
                StartWorkflowExecutionRequest.newBuilder().setNamespace(server.namespace).setWorkflowId(workflowId + queue.takeLast(8))
                    .setWorkflowType(WorkflowType.newBuilder().setName(name)).setTaskQueue(TaskQueue.newBuilder().setName(queue))
                    .setInput(Payloads.newBuilder().addPayloads(input)).setRequestId(UUID.randomUUID().toString())
                    .setWorkflowRunTimeout(com.google.protobuf.Duration.newBuilder().setSeconds(60))
                    .build(),
            )
            val tasks = ScriptedWorkflowTasks(connection, queue)
            val engine = WorkflowRunEngine(server.namespace, queue)
            var task: PollWorkflowTaskQueueResponse
            var first = true
            while (true) {
                task = tasks.poll()
                engine.applyWorkflowTask(task)
                while (true) {
                    val activation = engine.nextActivation() ?: break
                    engine.applyCompletion(WorkflowActivationCompletion.Successful(activation.runId, workflow(activation)))
                }
                val completion = engine.taskCompletion()
                tasks.respond(task, completion.commands, completion.messages)
                if (first) afterFirstTask(connection, task.workflowExecution.workflowId, queue)
                first = false
                if (completion.commands.any { it.commandType.name.endsWith("COMPLETE_WORKFLOW_EXECUTION") }) break
            }
            val history = connection.workflowService.getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(server.namespace).setExecution(task.workflowExecution).build(),
            ).history
            HistoryFixtures.recordIfRequested(name, history)
            return history
        } finally {
            connection.close(5.seconds)
        }
    }

    fun replay(history: History, workflow: (WorkflowActivation) -> List<WorkflowCommand>): WorkflowTaskCompletion {
        val first = history.eventsList.first().workflowExecutionStartedEventAttributes
        val engine = WorkflowRunEngine("default", first.taskQueue.name)
        engine.applyWorkflowTask(
            PollWorkflowTaskQueueResponse.newBuilder().setHistory(history).setStartedEventId(Long.MAX_VALUE)
                .setWorkflowType(first.workflowType)
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId("replayed").setRunId(first.originalExecutionRunId))
                .build(),
        )
        while (true) {
            val a = engine.nextActivation() ?: break
            a.isReplaying shouldBe true
            engine.applyCompletion(WorkflowActivationCompletion.Successful(a.runId, workflow(a)))
        }
        return engine.taskCompletion()
    }

    test("dev server: timer with a signal arriving while it runs replays") {
        val history = drive("timerAndSignal", RecordedWorkflows.timerAndSignal) { connection, workflowId, _ ->
            connection.workflowService.signalWorkflowExecution(
                SignalWorkflowExecutionRequest.newBuilder().setNamespace(connection.namespace)
                    .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .setSignalName("poke").setInput(Payloads.newBuilder().addPayloads(json("p"))).build(),
            )
        }
        history.eventsList.map { it.eventType } shouldBe history.eventsList.map { it.eventType }.also {
            it.last() shouldBe EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
        }
        replay(history, RecordedWorkflows.timerAndSignal).commands.shouldBeEmpty()
    }

    test("dev server: an activity completed by hand replays") {
        val history = drive("activity", RecordedWorkflows.activity) { connection, _, queue ->
            val act = connection.workflowService.pollActivityTaskQueue(
                PollActivityTaskQueueRequest.newBuilder().setNamespace(connection.namespace)
                    .setTaskQueue(TaskQueue.newBuilder().setName(queue)).build(),
            )
            act.activityType shouldBe ActivityType.newBuilder().setName("charge").build()
            connection.workflowService.respondActivityTaskCompleted(
                RespondActivityTaskCompletedRequest.newBuilder().setNamespace(connection.namespace).setTaskToken(act.taskToken)
                    .setResult(Payloads.newBuilder().addPayloads(json("paid"))).build(),
            )
        }
        history.eventsList.last().workflowExecutionCompletedEventAttributes.result.getPayloads(0) shouldBe json("paid")
        replay(history, RecordedWorkflows.activity).commands.shouldBeEmpty()
    }

    test("dev server: patch marker, search attribute upsert and a cancelled timer replay") {
        val history = drive("patchUpsertCancel", RecordedWorkflows.patchUpsertCancel)
        history.eventsList.map { it.eventType }.filter {
            it == EventType.EVENT_TYPE_MARKER_RECORDED || it == EventType.EVENT_TYPE_TIMER_CANCELED ||
                it == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
        } shouldBe listOf(
            // the patch marker (no TemporalChangeVersion upsert: that is opt-in), the workflow's own upsert
            EventType.EVENT_TYPE_MARKER_RECORDED, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
            EventType.EVENT_TYPE_TIMER_CANCELED,
        )
        history.eventsList.filter { it.eventType == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES }
            .map { it.upsertWorkflowSearchAttributesEventAttributes.searchAttributes.indexedFieldsMap.keys } shouldBe
            listOf(setOf("CustomKeywordField"))
        replay(history, RecordedWorkflows.patchUpsertCancel).commands.shouldBeEmpty()
    }

    test("dev server: child workflows completed, failed, cancelled and not started, external signal and cancel, memo and search attributes replay") {
        val tag = "parent-${UUID.randomUUID()}"
        val client = Client.connect(ConnectionOptions(target = SharedServers.devServer().target))
        try {
            Worker(client, "$tag-children", workflows = scenarioWorkflows, activities = listOf(ScenarioActivities())).start().use {
                val target = client.startWorkflow<List<String>>("ScenarioMessages", options = WorkflowOptions(id = "$tag-target", taskQueue = "$tag-children"))
                val cancelTarget = client.startWorkflow<String>("ScenarioCancelled", options = WorkflowOptions(id = "$tag-cancel-target", taskQueue = "$tag-children"))
                val history = drive("childrenAndExternal", RecordedWorkflows.ChildrenAndExternal(), input = json(tag))
                history.eventsList.last().workflowExecutionCompletedEventAttributes.result.getPayloads(0) shouldBe json(
                    "cancel 2 requested; child 1 Completed; child 2 Failed; child 3 Cancelled; " +
                        "child 4 not started: START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS; signal 1 delivered",
                )
                history.eventsList.map { it.eventType } shouldContainAll listOf(
                    EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
                    EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
                    EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED, EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED,
                    EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED,
                )
                replay(history, RecordedWorkflows.ChildrenAndExternal()).commands.shouldBeEmpty()
                target.signal("finish")
                target.result() shouldBe listOf("from-parent")
                shouldThrow<WorkflowFailedException> { cancelTarget.result() }.cause.shouldBeInstanceOf<CanceledFailure>()
            }
        } finally {
            client.connection.close()
        }
    }
})
