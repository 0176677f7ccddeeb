package dev.temporalkt.samples.batch

import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.client.WorkflowOptions
import dev.temporalkt.client.typed.startWorkflow
import dev.temporalkt.samples.SampleTestServer
import dev.temporalkt.worker.Worker
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import java.util.Collections

class BatchJobSampleTest : FunSpec({
    test("after its activity worker is restarted, the batch resumes after the record of the last heartbeat") {
        val client = SampleTestServer.client
        val taskQueue = SampleTestServer.unique("batch")
        val firstWorkerRecords = Collections.synchronizedList(mutableListOf<Int>())
        val stopped = Channel<Int>(Channel.UNLIMITED)
        val stalling = BatchActivities { record ->
            firstWorkerRecords += record
            if (record == 7) {
                stopped.send(record)
                awaitCancellation()
            }
        }
        Worker(client, taskQueue, workflows = listOf(BatchJobWorkflow::class)).start().use {
            val handle = client.startWorkflow(BatchJobWorkflow::run, 12, WorkflowOptions(id = SampleTestServer.unique("batch"), taskQueue = taskQueue))
            Worker(client, taskQueue, activities = listOf(stalling)).start().use {
                stopped.receive() shouldBe 7
            }
            Worker(client, taskQueue, activities = listOf(BatchActivities())).start().use {
                handle.result() shouldBe BatchReport(attempt = 2, resumedAfter = 6, processed = (7..12).toList())
            }
            firstWorkerRecords shouldBe (1..7).toList()
            val started = handle.fetchHistory().events.filter { it.eventType == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED }
            started.map { it.activityTaskStartedEventAttributes.attempt } shouldBe listOf(2)
        }
    }

    test("the sample's own restart resumes after the last heartbeat too") {
        runBatchWithRestart(SampleTestServer.client, count = 10, stopBefore = 5, SampleTestServer.unique("batch"), SampleTestServer.unique("q")) shouldBe
            BatchReport(attempt = 2, resumedAfter = 4, processed = (5..10).toList())
    }
})
