package dev.temporalkt.samples.asynccompletion

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.complete
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.runBlocking
import kotlin.time.Duration.Companion.days

/** A signature request handed to an outside system: the document and the activity's task token. */
class SignatureRequest(val document: String, val taskToken: ByteArray)

/**
 * An activity that hands its work to an outside system (here a channel standing for a queue or an e-mail) with its
 * task token and returns without a result; the system completes the activity later through the client.
 */
class SignatureActivities(private val outbox: Channel<SignatureRequest>) {
    @Activity
    suspend fun requestSignature(document: String): String {
        val context = activityContext()
        outbox.send(SignatureRequest(document, context.info.taskToken))
        context.completeAsynchronously()
    }
}

/** Waits for a document's signature, which may take days. */
@Workflow
class SignatureWorkflow {
    @WorkflowRun
    suspend fun run(document: String): String = Workflow.executeActivity(
        SignatureActivities::requestSignature, document,
        options = ActivityOptions(startToCloseTimeout = 7.days),
    )
}

/** Requests the signature of [document], plays the outside system that signs it, and returns the workflow's result. */
suspend fun runAsyncCompletion(client: Client, document: String, signer: String, workflowId: String, taskQueue: String = "signatures"): String {
    val outbox = Channel<SignatureRequest>(Channel.UNLIMITED)
    return Worker(client, taskQueue, workflows = listOf(SignatureWorkflow::class), activities = listOf(SignatureActivities(outbox))).start().use {
        val handle = client.startWorkflow(SignatureWorkflow::run, document, WorkflowOptions(id = workflowId, taskQueue = taskQueue))
        // The outside system: receives the request, and completes the activity by its task token.
        val request = outbox.receive()
        client.getAsyncActivityHandle(request.taskToken).complete("${request.document} signed by $signer")
        handle.result()
    }
}

/**
 * Async activity completion: an activity completed from outside the worker by its task token.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.asynccompletion.AsyncCompletionSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val id = SampleServer.uniqueId("signature")
        val result = runAsyncCompletion(client, "lease.pdf", "Grace", id)
        println("Workflow $id: its activity was completed from outside the worker: $result")
    }
}
