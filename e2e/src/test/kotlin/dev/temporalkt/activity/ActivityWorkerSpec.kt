@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.activity

import com.google.protobuf.ByteString
import dev.temporalkt.activity.internal.ActivityWorkerOptions
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.api.common.v1.Payloads
import dev.temporalkt.api.enums.v1.EventType
import dev.temporalkt.api.enums.v1.PendingActivityState
import dev.temporalkt.api.enums.v1.TimeoutType
import dev.temporalkt.api.common.v1.WorkflowExecution
import dev.temporalkt.api.workflowservice.v1.DescribeWorkflowExecutionRequest
import dev.temporalkt.api.workflowservice.v1.RespondActivityTaskCompletedRequest
import dev.temporalkt.common.RetryPolicy
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.DefaultPayloadConverter
import dev.temporalkt.converter.PayloadCodec
import dev.temporalkt.converter.fromPayload
import dev.temporalkt.converter.toPayload
import dev.temporalkt.failure.ApplicationFailure
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.testing.EmbeddedTestServer
import dev.temporalkt.testing.SharedServers
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import io.kotest.matchers.types.shouldBeInstanceOf
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeout
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.Duration.Companion.minutes
import kotlin.time.Duration.Companion.seconds

private val json = DefaultPayloadConverter()

private fun arg(value: Any?): Payload = when (value) {
    is String -> json.toPayload(value)
    is Int -> json.toPayload(value)
    else -> json.toPayload<Any?>(value)
}

private fun Payload.text(): String = data.toStringUtf8()

class GreetingActivities {
    @Activity
    suspend fun greet(name: String): String {
        delay(1.milliseconds)
        return "Hello, $name"
    }

    @Activity(name = "describe-blocking")
    fun describe(count: Int, label: String): String {
        val info = ActivityContext.current().info
        return "$label x$count by ${info.activityType} attempt ${info.attempt} of ${info.workflowType} on ${Thread.currentThread().name.isNotEmpty()}"
    }

    @Activity
    fun declineCard(code: String): String = throw ApplicationFailure.nonRetryable("card declined", "CardDeclined", code, 42)

    @Activity
    suspend fun outOfStock(item: String): Unit = throw IllegalStateException("no stock for $item")
}

class ResumingActivities {
    val seen = mutableListOf<String>()

    @Activity
    suspend fun importRows(total: Int): String {
        val context = activityContext()
        val info = context.info
        if (info.attempt == 1) {
            context.heartbeat("row", 7)
            context.heartbeat("row", 8)
            throw ApplicationFailure("database went away", type = "Transient")
        }
        seen += "attempt ${info.attempt}: ${info.heartbeatDetailsCount} details"
        return "resumed at ${info.heartbeatDetail<String>(0)} ${info.heartbeatDetail<Int>(1)} of $total"
    }
}

class CancellableActivities {
    val started = CompletableDeferred<Unit>()
    val observed = CompletableDeferred<Throwable>()

    @Activity
    suspend fun poll(): String {
        val context = activityContext()
        started.complete(Unit)
        try {
            while (true) {
                context.heartbeat()
                delay(100.milliseconds)
            }
        } catch (e: Throwable) {
            observed.complete(e)
            throw e
        }
    }

    @Activity
    fun pollBlocking(): String {
        val context = ActivityContext.current()
        started.complete(Unit)
        try {
            while (true) {
                context.heartbeat("still here")
                context.throwIfCancelled()
                Thread.sleep(50)
            }
        } catch (e: Throwable) {
            observed.complete(e)
            throw e
        }
    }

    @Activity
    suspend fun silent(): String {
        started.complete(Unit)
        try {
            awaitCancellation()
        } catch (e: Throwable) {
            observed.complete(e)
            throw e
        }
    }
}

class AsyncActivities {
    val token = CompletableDeferred<ByteArray>()

    @Activity
    fun handOff(order: String): String {
        val context = ActivityContext.current()
        token.complete(context.info.taskToken)
        context.completeAsynchronously()
    }
}

class SlowActivities {
    val started = CompletableDeferred<Unit>()

    @Activity
    suspend fun finishUp(): String {
        val context = activityContext()
        started.complete(Unit)
        context.awaitWorkerShutdown()
        delay(300.milliseconds)
        return "finished after the shutdown notice, shutting down: ${context.isWorkerShuttingDown}, cancelled: ${context.isCancelled}"
    }
}

class DynamicActivities {
    @Activity(dynamic = true)
    suspend fun anything(args: List<Payload>): String {
        val context = activityContext()
        val first: Int = context.payloadConverter.fromPayload(args[0])
        return "${context.info.activityType} got ${args.size} args, first ${first + 1}"
    }
}

class ObservedActivities {
    @Activity
    suspend fun diagnostics(order: Order): String {
        val context = activityContext()
        context.logger.info("processing {}", order.id)
        val before = ActivityContext.current().info.activityType
        val onIo = withContext(Dispatchers.IO) { ActivityContext.current().info.activityId }
        val after = ActivityContext.current() === context
        return "${order.id}:${order.quantity} $before $onIo $after"
    }
}

data class Order(val id: String, val quantity: Int)

/** Reverses payload bytes and marks them, so a payload that skipped the codec is easy to spot. */
class ReversingCodec : PayloadCodec {
    override suspend fun encode(payloads: List<Payload>): List<Payload> = payloads.map {
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("binary/reversed"))
            .setData(ByteString.copyFrom(it.toByteArray().reversedArray()))
            .build()
    }

    override suspend fun decode(payloads: List<Payload>): List<Payload> = payloads.map {
        check(it.metadataMap["encoding"]?.toStringUtf8() == "binary/reversed") { "payload was not encoded by the codec: $it" }
        Payload.parseFrom(it.data.toByteArray().reversedArray())
    }
}

/** The activity worker end to end: a hand-played workflow schedules activities and reads back the history events. */
class ActivityWorkerSpec : FunSpec({
    val embedded = lazy { EmbeddedTestServer.start() }
    afterSpec { if (embedded.isInitialized()) embedded.value.close() }
    val servers = listOf(
        "embedded test server" to { embedded.value.target },
        "dev server" to { SharedServers.devServer().target },
    )

    for ((server, target) in servers) {
        test("$server: a suspend activity's result is reported as a json/plain payload") {
            val run = ScriptedActivityRun.open(target(), listOf(GreetingActivities()))
            try {
                run.schedule("greet", listOf(arg("Temporal")))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                val payload = event.activityTaskCompletedEventAttributes.result.getPayloads(0)
                payload.metadataMap["encoding"]!!.toStringUtf8() shouldBe "json/plain"
                payload.text() shouldBe "\"Hello, Temporal\""
            } finally {
                run.close()
            }
        }

        test("$server: a blocking activity runs on the executor with its context and a renamed type") {
            val run = ScriptedActivityRun.open(target(), listOf(GreetingActivities()))
            try {
                run.schedule("describe-blocking", listOf(arg(3), arg("box")))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                event.activityTaskCompletedEventAttributes.result.getPayloads(0).text() shouldBe
                    "\"box x3 by describe-blocking attempt 1 of ScriptedActivityWorkflow on true\""
            } finally {
                run.close()
            }
        }

        test("$server: an ApplicationFailure keeps its type, details and non-retryable flag") {
            val run = ScriptedActivityRun.open(target(), listOf(GreetingActivities()))
            try {
                run.schedule("declineCard", listOf(arg("51")), retryPolicy = RetryPolicy(maximumAttempts = 5))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED
                val failure = event.activityTaskFailedEventAttributes.failure
                failure.message shouldBe "card declined"
                failure.applicationFailureInfo.type shouldBe "CardDeclined"
                failure.applicationFailureInfo.nonRetryable shouldBe true
                failure.applicationFailureInfo.details.payloadsList.map { it.text() } shouldBe listOf("\"51\"", "42")
            } finally {
                run.close()
            }
        }

        test("$server: a plain exception becomes an application failure named after its class") {
            val run = ScriptedActivityRun.open(target(), listOf(GreetingActivities()))
            try {
                run.schedule("outOfStock", listOf(arg("socks")))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED
                val failure = event.activityTaskFailedEventAttributes.failure
                failure.message shouldBe "no stock for socks"
                failure.applicationFailureInfo.type shouldBe "IllegalStateException"
                failure.applicationFailureInfo.nonRetryable shouldBe false
                failure.stackTrace shouldStartWith "dev.temporalkt.activity.GreetingActivities.outOfStock"
            } finally {
                run.close()
            }
        }

        test("$server: the retried attempt sees the last heartbeat details of the failed one") {
            val activities = ResumingActivities()
            val run = ScriptedActivityRun.open(target(), listOf(activities))
            try {
                run.schedule("importRows", listOf(arg(100)), retryPolicy = RetryPolicy(initialInterval = 1.seconds, maximumAttempts = 3))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                event.activityTaskCompletedEventAttributes.result.getPayloads(0).text() shouldBe "\"resumed at row 8 of 100\""
                activities.seen shouldBe listOf("attempt 2: 2 details")
            } finally {
                run.close()
            }
        }

        test("$server: a cancellation request reaches a heartbeating suspend activity, reported as canceled") {
            val activities = CancellableActivities()
            val run = ScriptedActivityRun.open(target(), listOf(activities))
            try {
                run.schedule("poll", emptyList(), heartbeatTimeout = 2.seconds, startToCloseTimeout = 5.minutes)
                withTimeout(30.seconds) { activities.started.await() }
                run.requestCancel()
                val observed = withTimeout(30.seconds) { activities.observed.await() }
                observed.shouldBeInstanceOf<ActivityCancelledException>().reason shouldBe ActivityCancellationReason.CANCEL_REQUESTED
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED
            } finally {
                run.close()
            }
        }

        test("$server: an activity that does not heartbeat times out and is cancelled with HEARTBEAT_TIMEOUT") {
            val activities = CancellableActivities()
            val run = ScriptedActivityRun.open(target(), listOf(activities))
            try {
                run.schedule("silent", emptyList(), heartbeatTimeout = 1.seconds, startToCloseTimeout = 5.minutes)
                val observed = withTimeout(30.seconds) { activities.observed.await() }
                observed.shouldBeInstanceOf<ActivityCancelledException>().reason shouldBe ActivityCancellationReason.HEARTBEAT_TIMEOUT
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT
                event.activityTaskTimedOutEventAttributes.failure.timeoutFailureInfo.timeoutType shouldBe TimeoutType.TIMEOUT_TYPE_HEARTBEAT
            } finally {
                run.close()
            }
        }

        test("$server: completeAsynchronously leaves the activity started until completed with its task token") {
            val activities = AsyncActivities()
            val run = ScriptedActivityRun.open(target(), listOf(activities))
            try {
                run.schedule("handOff", listOf(arg("order-7")))
                val token = withTimeout(30.seconds) { activities.token.await() }
                // the worker has let go of the attempt without reporting anything
                while (run.worker.runningActivities > 0) delay(10.milliseconds)
                val pending = run.connection.workflowService.describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(run.connection.namespace)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(run.workflowId).setRunId(run.runId))
                        .build(),
                ).pendingActivitiesList.single()
                pending.state shouldBe PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                val result = arg("done elsewhere")
                run.connection.workflowService.respondActivityTaskCompleted(
                    RespondActivityTaskCompletedRequest.newBuilder()
                        .setNamespace(run.connection.namespace)
                        .setIdentity("external-system")
                        .setTaskToken(ByteString.copyFrom(token))
                        .setResult(Payloads.newBuilder().addPayloads(result))
                        .build(),
                )
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                event.activityTaskCompletedEventAttributes.result.getPayloads(0) shouldBe result
                event.activityTaskCompletedEventAttributes.identity shouldBe "external-system"
            } finally {
                run.close()
            }
        }

        test("$server: a wrong argument count fails the attempt, non-retryable, saying what the activity takes") {
            val run = ScriptedActivityRun.open(target(), listOf(GreetingActivities()))
            try {
                run.schedule("greet", listOf(arg("a"), arg("b")), retryPolicy = RetryPolicy(maximumAttempts = 5))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED
                val failure = event.activityTaskFailedEventAttributes.failure
                failure.message shouldBe "Activity 'greet' takes 1 argument (name: kotlin.String) but was called with 2; " +
                    "call it with arguments matching the function's parameters"
                failure.applicationFailureInfo.type shouldBe "WrongArgumentCount"
                failure.applicationFailureInfo.nonRetryable shouldBe true
            } finally {
                run.close()
            }
        }

        test("$server: graceful shutdown notifies a running activity and lets it finish") {
            val activities = SlowActivities()
            val run = ScriptedActivityRun.open(target(), listOf(activities), ActivityWorkerOptions(gracefulShutdownTimeout = 1.minutes))
            try {
                run.schedule("finishUp", emptyList())
                withTimeout(30.seconds) { activities.started.await() }
                run.worker.shutdown() shouldBe true
                run.worker.runningActivities shouldBe 0
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                event.activityTaskCompletedEventAttributes.result.getPayloads(0).text() shouldBe
                    "\"finished after the shutdown notice, shutting down: true, cancelled: false\""
            } finally {
                run.close()
            }
        }

        test("$server: a dynamic activity receives unregistered types with their raw arguments") {
            val run = ScriptedActivityRun.open(target(), listOf(DynamicActivities()))
            try {
                run.schedule("made-up-type", listOf(arg(41), arg("x")))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                event.activityTaskCompletedEventAttributes.result.getPayloads(0).text() shouldBe "\"made-up-type got 2 args, first 42\""
            } finally {
                run.close()
            }
        }

        test("$server: an unregistered activity type fails the attempt naming the registered ones") {
            val run = ScriptedActivityRun.open(target(), listOf(GreetingActivities()))
            try {
                run.schedule("gret", listOf(arg("typo")))
                val failure = run.awaitActivityResolution().activityTaskFailedEventAttributes.failure
                failure.message shouldBe "Activity type 'gret' is not registered on the worker for task queue '${run.taskQueue}'; " +
                    "registered: declineCard, describe-blocking, greet, outOfStock. Register it on this worker or fix the " +
                    "activity name the workflow uses"
                failure.applicationFailureInfo.type shouldBe "NotFoundError"
            } finally {
                run.close()
            }
        }

        test("$server: an undecodable argument fails the attempt naming the parameter") {
            val run = ScriptedActivityRun.open(target(), listOf(ObservedActivities()))
            try {
                run.schedule("diagnostics", listOf(arg("not an order")))
                val failure = run.awaitActivityResolution().activityTaskFailedEventAttributes.failure
                failure.message shouldStartWith "Activity 'diagnostics' cannot decode argument 0 (parameter 'order' of type " +
                    "dev.temporalkt.activity.Order): Cannot decode payload with encoding 'json/plain' into type 'dev.temporalkt.activity.Order'"
                failure.applicationFailureInfo.type shouldBe "ArgumentDecodingFailed"
                failure.applicationFailureInfo.nonRetryable shouldBe true
            } finally {
                run.close()
            }
        }

        test("$server: the codec decodes arguments and encodes results; the context follows the coroutine across threads") {
            val codec = ReversingCodec()
            val run = ScriptedActivityRun.open(
                target(),
                listOf(ObservedActivities()),
                dataConverter = DataConverter(codecs = listOf(codec)),
            )
            try {
                run.schedule("diagnostics", codec.encode(listOf(json.toPayload(Order("o-1", 3)))))
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
                val onServer = event.activityTaskCompletedEventAttributes.result.getPayloads(0)
                onServer.metadataMap["encoding"]!!.toStringUtf8() shouldBe "binary/reversed"
                codec.decode(listOf(onServer)).single().text() shouldBe "\"o-1:3 diagnostics activity-1 true\""
            } finally {
                run.close()
            }
        }

        test("$server: a blocking activity sees the cancellation request through throwIfCancelled") {
            val activities = CancellableActivities()
            val run = ScriptedActivityRun.open(target(), listOf(activities))
            try {
                run.schedule("pollBlocking", emptyList(), heartbeatTimeout = 2.seconds, startToCloseTimeout = 5.minutes)
                withTimeout(30.seconds) { activities.started.await() }
                run.requestCancel()
                val observed = withTimeout(30.seconds) { activities.observed.await() }
                observed.shouldBeInstanceOf<ActivityCancelledException>().reason shouldBe ActivityCancellationReason.CANCEL_REQUESTED
                run.awaitActivityResolution().eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED
            } finally {
                run.close()
            }
        }

        test("$server: after the graceful shutdown timeout running activities are cancelled and fail as WorkerShutdown") {
            val activities = CancellableActivities()
            val run = ScriptedActivityRun.open(target(), listOf(activities), ActivityWorkerOptions(gracefulShutdownTimeout = 200.milliseconds))
            try {
                run.schedule("silent", emptyList(), startToCloseTimeout = 5.minutes)
                withTimeout(30.seconds) { activities.started.await() }
                run.worker.shutdown() shouldBe true
                activities.observed.await().shouldBeInstanceOf<ActivityCancelledException>().reason shouldBe
                    ActivityCancellationReason.WORKER_SHUTDOWN
                val event = run.awaitActivityResolution()
                event.eventType shouldBe EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED
                val failure = event.activityTaskFailedEventAttributes.failure
                failure.message shouldBe "Activity was cancelled because its worker shut down"
                failure.applicationFailureInfo.type shouldBe "WorkerShutdown"
                failure.applicationFailureInfo.nonRetryable shouldBe false
            } finally {
                run.close()
            }
        }
    }
})
