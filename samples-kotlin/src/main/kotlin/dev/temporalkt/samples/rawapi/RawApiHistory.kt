package dev.temporalkt.samples.rawapi

import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.common.v1.WorkflowType
import dev.temporalkt.api.history.v1.HistoryEvent
import dev.temporalkt.api.taskqueue.v1.TaskQueue
import dev.temporalkt.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest
import dev.temporalkt.api.workflowservice.v1.StartWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.TerminateWorkflowExecutionRequest
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.samples.bootstrap.SampleServer
import kotlinx.coroutines.runBlocking
import java.util.UUID
import kotlin.reflect.typeOf

/**
 * **Raw gRPC API, not the SDK's workflow API.** Most users never need this: it shows the generated Temporal service
 * stubs (`connection.workflowService`) that the SDK is built on, for calls the SDK does not wrap. It starts a workflow
 * execution by hand (no worker is polling, so it waits for its first workflow task), terminates it, and prints its
 * history.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.rawapi.RawApiHistoryKt`.
 */
fun main(): Unit = runBlocking {
    val converter = DataConverter.default
    SampleServer.run { client ->
        client.connection.let { connection ->
            println("Server capabilities: ${connection.systemInfo().capabilities.toString().lines().filter { it.isNotBlank() }.joinToString(", ")}")
            val workflowId = "raw-api-${UUID.randomUUID()}"
            val started = connection.workflowService.startWorkflowExecution(
                StartWorkflowExecutionRequest.newBuilder()
                    .setNamespace(connection.namespace)
                    .setIdentity(connection.identity)
                    .setRequestId(UUID.randomUUID().toString())
                    .setWorkflowId(workflowId)
                    .setWorkflowType(WorkflowType.newBuilder().setName("Greeting"))
                    .setTaskQueue(TaskQueue.newBuilder().setName("samples"))
                    .setInput(converter.encode(listOf("World"), listOf(typeOf<String>())))
                    .build(),
            )
            println("Started workflow $workflowId, run ${started.runId}")
            val execution = WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(started.runId).build()
            connection.workflowService.terminateWorkflowExecution(
                TerminateWorkflowExecutionRequest.newBuilder()
                    .setNamespace(connection.namespace)
                    .setWorkflowExecution(execution)
                    .setReason("sample finished")
                    .setIdentity(connection.identity)
                    .build(),
            )
            val history = connection.workflowService.getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace(connection.namespace).setExecution(execution).build(),
            ).history
            println("History of $workflowId:")
            for (event in history.eventsList) println("  ${describe(event, converter)}")
        }
    }
}

private suspend fun describe(event: HistoryEvent, converter: DataConverter): String {
    val name = event.eventType.name.removePrefix("EVENT_TYPE_")
    val detail = when {
        event.hasWorkflowExecutionStartedEventAttributes() -> event.workflowExecutionStartedEventAttributes.let {
            "type=${it.workflowType.name} taskQueue=${it.taskQueue.name} input=${decode(it.input, converter)}"
        }
        event.hasWorkflowExecutionTerminatedEventAttributes() -> "reason=${event.workflowExecutionTerminatedEventAttributes.reason}"
        event.hasWorkflowTaskScheduledEventAttributes() -> "taskQueue=${event.workflowTaskScheduledEventAttributes.taskQueue.name}"
        else -> ""
    }
    return "%3d %-32s %s".format(event.eventId, name, detail).trimEnd()
}

private suspend fun decode(payloads: Payloads, converter: DataConverter): List<Any?> =
    converter.decode(payloads, List(payloads.payloadsCount) { typeOf<String>() })
