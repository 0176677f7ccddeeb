package dev.temporalkt.samples.batch

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.activityContext
import dev.temporalkt.client.Client
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.samples.bootstrap.SampleServer
import dev.temporalkt.worker.Worker
import dev.temporalkt.workflow.ActivityOptions
import dev.temporalkt.workflow.Workflow
import dev.temporalkt.workflow.WorkflowRun
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.runBlocking
import kotlinx.serialization.Serializable
import kotlin.time.Duration.Companion.hours
import kotlin.time.Duration.Companion.seconds

/** What a batch attempt did: which attempt it was, where it resumed, and the records it processed. */
@Serializable
data class BatchReport(val attempt: Int, val resumedAfter: Int, val processed: List<Int>)

/**
 * Processes records `1..count`, heartbeating the number of the last record done. When the worker dies (or is restarted)
 * mid-batch, the next attempt reads that number from its heartbeat details and resumes after it instead of starting
 * over.
 *
 * [beforeRecord] is a hook for the sample and its test: it is called before each record and may stop the attempt there.
 */
class BatchActivities(private val beforeRecord: suspend (record: Int) -> Unit = {}) {
    @Activity
    suspend fun processRecords(count: Int): BatchReport {
        val context = activityContext()
        val resumedAfter = if (context.info.heartbeatDetailsCount > 0) context.info.heartbeatDetail<Int>() else 0
        val processed = mutableListOf<Int>()
        for (record in resumedAfter + 1..count) {
            beforeRecord(record)
            processed += record // the real work on the record goes here
            context.heartbeat(record)
        }
        return BatchReport(context.info.attempt, resumedAfter, processed)
    }
}

/** Runs the batch as one long activity with a heartbeat timeout, retried on another worker when its worker goes away. */
@Workflow
class BatchJobWorkflow {
    @WorkflowRun
    suspend fun run(count: Int): BatchReport = Workflow.executeActivity(
        BatchActivities::processRecords, count,
        options = ActivityOptions(
            startToCloseTimeout = 1.hours,
            heartbeatTimeout = 10.seconds,
            retryPolicy = RetryPolicy(initialInterval = 1.seconds),
        ),
    )
}

/**
 * Starts a batch of [count] records. The workflow runs on a worker of its own; the activity runs on a first activity
 * worker that stops before record [stopBefore] (as if its process were shutting down), and is shut down; a second
 * activity worker then finishes the batch. Returns the second attempt's report.
 */
suspend fun runBatchWithRestart(client: Client, count: Int, stopBefore: Int, workflowId: String, taskQueue: String = "batch"): BatchReport {
    val reached = Channel<Int>(Channel.UNLIMITED)
    val stalling = BatchActivities { record ->
        if (record == stopBefore) {
            reached.send(record)
            awaitCancellation() // the worker's shutdown cancels the attempt here
        }
    }
    return Worker(client, taskQueue, workflows = listOf(BatchJobWorkflow::class)).start().use {
        val handle = client.startWorkflow(BatchJobWorkflow::run, count, WorkflowOptions(id = workflowId, taskQueue = taskQueue))
        Worker(client, taskQueue, activities = listOf(stalling)).start().use {
            reached.receive()
            println("First activity worker: shutting down before record $stopBefore")
        } // the shutdown cancels the attempt; its last heartbeat (record stopBefore - 1) is sent before it fails
        println("Second activity worker: starting")
        Worker(client, taskQueue, activities = listOf(BatchActivities())).start().use {
            handle.result()
        }
    }
}

/**
 * A heartbeating batch job that resumes after a worker restart.
 *
 * Run with `mvn -B -q -pl samples-kotlin exec:java -Dexec.mainClass=dev.temporalkt.samples.batch.BatchJobSampleKt`.
 */
fun main(): Unit = runBlocking {
    SampleServer.run { client ->
        val id = SampleServer.uniqueId("batch")
        val report = runBatchWithRestart(client, count = 10, stopBefore = 5, workflowId = id)
        println("Workflow $id: attempt ${report.attempt} resumed after record ${report.resumedAfter} and processed ${report.processed}")
    }
}
