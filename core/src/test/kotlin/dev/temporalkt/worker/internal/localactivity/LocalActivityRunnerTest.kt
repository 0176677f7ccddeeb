@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.worker.internal.localactivity

import dev.temporalkt.api.common.v1.Header
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.worker.internal.activity.ActivityOutcome
import dev.temporalkt.worker.internal.activity.RunningActivityTask
import dev.temporalkt.worker.internal.replay.LocalActivityRequest
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import java.time.Instant
import java.util.Collections
import kotlin.time.Duration.Companion.seconds

/** Local activity code whose attempts, told apart by activity id (the seq), run until the test opens their gate. */
class GatedLocalActivities {
    val started: MutableList<Int> = Collections.synchronizedList(mutableListOf())
    val startedSignal = Channel<Int>(Channel.UNLIMITED)
    val gates = (1..10).associateWith { CompletableDeferred<Unit>() }

    suspend fun execute(attempt: RunningActivityTask): ActivityOutcome {
        val seq = attempt.task.activityId.toInt()
        started += seq
        startedSignal.send(seq)
        gates.getValue(seq).await()
        return ActivityOutcome.Completed(DataConverter.default.payloadConverter.toPayload(seq, kotlin.reflect.typeOf<Int>()))
    }
}

class LocalActivityRunnerTest : FunSpec({
    suspend fun request(seq: Int) = LocalActivityRequest(
        seq = seq, activityId = "$seq", activityType = "gated",
        arguments = DataConverter.default.encode(listOf(seq), listOf(kotlin.reflect.typeOf<Int>())),
        headers = Header.getDefaultInstance(), attempt = 1, originalScheduleTime = Instant.now(),
        scheduleToClose = null, scheduleToStart = null, startToClose = 30.seconds, retryPolicy = null,
        localRetryThreshold = 60.seconds, namespace = "default", taskQueue = "q", workflowId = "wf", runId = "run",
        workflowType = "W",
    )

    // The workflow worker starts local activities from a coroutine-scheduler thread (Dispatchers.IO), as here: the
    // scheduler runs the task dispatched last from such a thread first, which reversed the order of two starts.
    test("with one slot, local activities run in the order they were started, and one cancelled while waiting never runs") {
        repeat(20) {
            val activities = GatedLocalActivities()
            val runner = LocalActivityRunner(DataConverter.default, activities::execute, maxConcurrent = 1)
            try {
                val run = runner.forRun()
                val requests = (1..4).map { request(it) }
                withContext(Dispatchers.IO) { requests.forEach { run.start(it) } }
                withTimeout(10.seconds) {
                    activities.startedSignal.receive() shouldBe 1
                    run.cancel(3)
                    val (cancelledSeq, cancelled) = run.results.receive()
                    cancelledSeq shouldBe 3
                    cancelled.failure?.hasCanceledFailureInfo() shouldBe true
                    for (seq in listOf(1, 2, 4)) {
                        activities.gates.getValue(seq).complete(Unit)
                        val (doneSeq, done) = run.results.receive()
                        doneSeq shouldBe seq
                        DataConverter.default.payloadConverter.fromPayload(done.result!!, kotlin.reflect.typeOf<Int>()) shouldBe seq
                    }
                }
                activities.started shouldBe listOf(1, 2, 4)
            } finally {
                runner.shutdown()
            }
        }
    }
})
