package dev.temporalkt.samples.nexus

import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.executeWorkflow
import dev.temporalkt.nexus.NexusOperation
import dev.temporalkt.nexus.NexusOperationContext
import dev.temporalkt.nexus.NexusService
import dev.temporalkt.nexus.WorkflowRunOperation
import dev.temporalkt.nexus.WorkflowRunOperationOptions
import dev.temporalkt.nexus.nexusClient
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.testing.WorkflowEnvironment
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.seconds

/** The workflow behind the asynchronous operation [TranslationService.translateDocument]. */
@Workflow
class TranslateDocumentWorkflow {
    @WorkflowRun
    suspend fun run(document: String): String {
        // The translators' work. (On the embedded server an open Nexus operation holds its clock, so this second is real.)
        Workflow.sleep(1.seconds, summary = "translators at work")
        return "$document, translated"
    }
}

/**
 * The handler side: a Nexus service another team (another namespace, another worker) exposes through an endpoint.
 * A synchronous operation answers at once; a workflow-run operation starts a workflow whose result is the operation's.
 */
@NexusService
class TranslationService {
    @NexusOperation
    suspend fun translateWord(word: String): String = when (word) {
        "hello" -> "hola"
        "thanks" -> "gracias"
        else -> "[$word]"
    }

    @NexusOperation
    suspend fun translateDocument(document: String): WorkflowRunOperation<String> = WorkflowRunOperation.start(
        TranslateDocumentWorkflow::run, document,
        options = WorkflowRunOperationOptions(workflowId = "translate-${NexusOperationContext.current().requestId}"),
    )
}

/** The caller side: a workflow calling both operations through the endpoint it is given. */
@Workflow
class TranslationCallerWorkflow {
    @WorkflowRun
    suspend fun run(endpoint: String, word: String): List<String> {
        val translations = Workflow.nexusClient(TranslationService::class, endpoint)
        val translatedWord = translations.executeOperation(TranslationService::translateWord, word)
        val document = translations.startOperation(TranslationService::translateDocument, "handbook.md")
        return listOf(translatedWord, document.result())
    }
}

/**
 * Creates an endpoint [endpointName] that routes to the handler's task queue, runs a handler worker and a caller worker
 * (each on its own task queue, as two teams would), runs the caller workflow, and deletes the endpoint.
 */
suspend fun runNexus(client: Client, endpointName: String, workflowId: String, taskQueuePrefix: String = "nexus"): List<String> {
    val handlerQueue = "$taskQueuePrefix-handler"
    val callerQueue = "$taskQueuePrefix-caller"
    // The endpoint is made through the operator service (here with the test kit's helper, on any server); in
    // production it is usually created with `temporal operator nexus endpoint create` or in Temporal Cloud's UI.
    val operator = WorkflowEnvironment.fromClient(client)
    val endpoint = operator.createNexusEndpoint(endpointName, handlerQueue)
    try {
        Worker(client, handlerQueue, workflows = listOf(TranslateDocumentWorkflow::class), nexusServices = listOf(TranslationService())).start().use {
            Worker(client, callerQueue, workflows = listOf(TranslationCallerWorkflow::class)).start().use {
                return client.executeWorkflow(TranslationCallerWorkflow::run, endpointName, "hello", WorkflowOptions(id = workflowId, taskQueue = callerQueue))
            }
        }
    } finally {
        operator.deleteNexusEndpoint(endpoint)
    }
}

/**
 * A Nexus caller and handler.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.nexus.NexusSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val id = SampleServer.uniqueId("translation")
        val endpoint = SampleServer.uniqueId("translation-endpoint")
        val result = runNexus(client, endpoint, id)
        println("Workflow $id called TranslationService through Nexus endpoint $endpoint: $result")
    }
}
