package dev.temporalkt.testing

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.Client
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.testing.scripted.ScriptedWorkflowTasks
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.UUID
import kotlin.reflect.typeOf

/**
 * What the first workflow task of a signal-with-start looks like on each server, through the raw API. Both servers
 * record the signal in the first task; the time-skipping test server records it after WorkflowTaskScheduled and then
 * reports a `started_event_id` that names the signal instead of the WorkflowTaskStarted event, which the worker
 * corrects (see the worker's handling of polled tasks).
 */
class SignalWithStartFirstTaskSpec : FunSpec({
    suspend fun firstTask(target: String): Pair<List<EventType>, Long> {
        val client = Client.connect(ConnectionOptions(target = target))
        try {
            val taskQueue = "sws-first-task-${UUID.randomUUID()}"
            client.signalWithStart<String>(
                "AnyType", listOf("input"), typeOf<String>(),
                WorkflowOptions(id = "sws-first-task-${UUID.randomUUID()}", taskQueue = taskQueue), "poke", listOf("now"),
            )
            val tasks = ScriptedWorkflowTasks(client.connection, taskQueue)
            val task = tasks.poll()
            tasks.respond(task, listOf(ScriptedWorkflowTasks.complete()))
            return task.history.eventsList.map { it.eventType } to task.startedEventId
        } finally {
            client.connection.close()
        }
    }

    test("embedded test server: the first task's started event id names the signal, not the WorkflowTaskStarted event") {
        EmbeddedTestServer.start().use { server ->
            val (types, startedEventId) = firstTask(server.target)
            types shouldBe listOf(
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
                EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
                EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
            )
            startedEventId shouldBe 3L
        }
    }

    test("dev server: the first task's started event id names its WorkflowTaskStarted event") {
        val (types, startedEventId) = firstTask(SharedServers.devServer().target)
        types shouldBe listOf(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
        )
        startedEventId shouldBe 4L
    }
})
