package dev.temporalkt.testing

import dev.temporalkt.activity.Activity
import dev.temporalkt.activity.ActivityCancellationReason
import dev.temporalkt.activity.ActivityCancelledException
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.activity.CompleteAsyncException
import dev.temporalkt.activity.activityContext
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.client.Client
import dev.temporalkt.client.Connection
import dev.temporalkt.client.ConnectionOptions
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.PayloadConversionException
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.converter.toPayload
import dev.temporalkt.metrics.MetricCounter
import dev.temporalkt.metrics.MetricGauge
import dev.temporalkt.metrics.MetricHistogram
import dev.temporalkt.metrics.MetricMeter
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.yield
import org.slf4j.MDC
import java.lang.reflect.Type
import java.util.Collections
import java.util.concurrent.CountDownLatch
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/** Activities as an application writes them; nothing registers them anywhere. */
class UploadActivities {
    @Activity
    suspend fun upload(chunks: Int): String {
        val context = activityContext()
        for (index in 0 until chunks) {
            yield()
            context.heartbeat(index, "chunk-$index")
        }
        return "${context.info.activityId}: $chunks chunks"
    }

    @Activity
    fun checksum(lines: List<String>): Int {
        val context = ActivityContext.current()
        var sum = 0
        for ((index, line) in lines.withIndex()) {
            context.throwIfCancelled()
            sum += line.length
            context.heartbeat(index)
        }
        return sum
    }
}

/** An activity that waits until it is cancelled, then reports what its context said. */
class WaitingActivities(private val started: CompletableDeferred<Unit>) {
    val reasonSeen = CompletableDeferred<ActivityCancellationReason?>()

    @Activity
    suspend fun waitForever() {
        started.complete(Unit)
        try {
            awaitCancellation()
        } catch (e: ActivityCancelledException) {
            reasonSeen.complete(ActivityContext.current().cancellationReason)
            throw e
        }
    }
}

/** A blocking activity that does one item, then waits for the test before checking for cancellation. */
class PausingActivities(private val started: CompletableDeferred<Unit>, private val proceed: CountDownLatch) {
    @Activity
    fun process(items: List<String>): Int {
        val context = ActivityContext.current()
        for ((index, item) in items.withIndex()) {
            context.throwIfCancelled()
            context.heartbeat(item)
            if (index == 0) {
                started.complete(Unit)
                proceed.await()
            }
        }
        return items.size
    }
}

/** A value the default payload converter cannot encode: reading its property fails. */
class Unavailable {
    val value: String get() = error("not available")
}

/** A converter that refuses to encode anything. */
private object RefusingConverter : PayloadConverter {
    override fun toPayload(value: Any?, type: KType): Payload =
        throw PayloadConversionException(PayloadConversionException.Direction.ENCODE, null, type.toString(), "refused")

    override fun fromPayload(payload: Payload, type: KType): Any? = error("not used")

    override fun toPayload(value: Any?, type: Type): Payload = error("not used")

    override fun fromPayload(payload: Payload, type: Type): Any? = error("not used")
}

/** Records the counters' values with their attributes. */
private class RecordingMeter : MetricMeter {
    val counted: MutableList<Pair<Long, Map<String, String>>> = Collections.synchronizedList(mutableListOf())

    override fun counter(name: String, description: String, unit: String): MetricCounter =
        MetricCounter { value, attributes -> counted += value to attributes }

    override fun histogram(name: String, description: String, unit: String): MetricHistogram = MetricHistogram { _, _ -> }

    override fun gauge(name: String, description: String, unit: String): MetricGauge = MetricGauge { _, _ -> }
}

class ActivityEnvironmentSpec : FunSpec({
    test("activity environment: a suspend activity's heartbeats are recorded in order and passed to onHeartbeat") {
        val info = ActivityEnvironment.defaultInfo(activityId = "upload-1", activityType = "upload")
        val seen = Collections.synchronizedList(mutableListOf<List<Any?>>())
        val env = ActivityEnvironment(info = info, onHeartbeat = { seen += it })

        val (result, infoSeen) = env.run { UploadActivities().upload(3) to activityContext().info }

        result shouldBe "upload-1: 3 chunks"
        infoSeen shouldBeSameInstanceAs info
        env.heartbeats shouldBe listOf(listOf(0, "chunk-0"), listOf(1, "chunk-1"), listOf(2, "chunk-2"))
        seen shouldBe env.heartbeats
    }

    test("activity environment: a blocking activity finds the context with ActivityContext.current()") {
        val env = ActivityEnvironment()

        env.run { UploadActivities().checksum(listOf("a", "bb", "ccc")) } shouldBe 6

        env.heartbeats shouldBe listOf(listOf(0), listOf(1), listOf(2))
    }

    test("activity environment: the default info describes a first attempt and previous heartbeats can be given") {
        val info = ActivityEnvironment.defaultInfo()
        info.attempt shouldBe 1
        info.isLocal shouldBe false
        info.heartbeatTimeout.shouldBeNull()
        info.deadline.shouldBeNull()
        info.heartbeatDetailsCount shouldBe 0
        info.startedTime shouldBe info.scheduledTime

        val converter = DataConverter.default.payloadConverter
        val retry = ActivityEnvironment.defaultInfo(attempt = 2, heartbeatDetails = listOf(converter.toPayload(41)))
        ActivityEnvironment(info = retry).run { activityContext().info.heartbeatDetail<Int>() + 1 } shouldBe 42
    }

    test("activity environment: cancel() ends a waiting suspend activity with ActivityCancelledException and its reason") {
        val started = CompletableDeferred<Unit>()
        val activities = WaitingActivities(started)
        val env = ActivityEnvironment()

        coroutineScope {
            val running = async { env.run { activities.waitForever() } }
            started.await()
            env.cancel(ActivityCancellationReason.PAUSED)

            shouldThrow<ActivityCancelledException> { running.await() }.reason shouldBe ActivityCancellationReason.PAUSED
        }
        activities.reasonSeen.await() shouldBe ActivityCancellationReason.PAUSED
    }

    test("activity environment: a blocking activity sees cancel() from another coroutine through throwIfCancelled()") {
        val started = CompletableDeferred<Unit>()
        val proceed = CountDownLatch(1)
        val env = ActivityEnvironment()

        coroutineScope {
            val running = async(Dispatchers.IO) { env.run { PausingActivities(started, proceed).process(listOf("a", "b", "c")) } }
            try {
                started.await()
                env.cancel(ActivityCancellationReason.RESET)
            } finally {
                proceed.countDown()
            }

            shouldThrow<ActivityCancelledException> { running.await() }.reason shouldBe ActivityCancellationReason.RESET
        }
        env.heartbeats shouldBe listOf(listOf("a"))
    }

    test("activity environment: cancel() before run() starts the attempt cancelled, and only the first reason counts") {
        val env = ActivityEnvironment()
        env.cancel(ActivityCancellationReason.HEARTBEAT_TIMEOUT)
        env.cancel(ActivityCancellationReason.CANCEL_REQUESTED)

        shouldThrow<ActivityCancelledException> { env.run { UploadActivities().checksum(listOf("a")) } }
            .reason shouldBe ActivityCancellationReason.HEARTBEAT_TIMEOUT
        env.heartbeats.shouldBeEmpty()

        val seenBeforeSuspending = CompletableDeferred<ActivityCancellationReason?>()
        shouldThrow<ActivityCancelledException> {
            env.run {
                val context = activityContext()
                seenBeforeSuspending.complete(context.cancellationReason.takeIf { context.isCancelled })
                awaitCancellation()
            }
        }.reason shouldBe ActivityCancellationReason.HEARTBEAT_TIMEOUT
        seenBeforeSuspending.await() shouldBe ActivityCancellationReason.HEARTBEAT_TIMEOUT
    }

    test("activity environment: shutDownWorker() resumes awaitWorkerShutdown() without cancelling the activity") {
        val waiting = CompletableDeferred<Unit>()
        val env = ActivityEnvironment()

        coroutineScope {
            val running = async {
                env.run {
                    val context = activityContext()
                    val before = context.isWorkerShuttingDown
                    waiting.complete(Unit)
                    context.awaitWorkerShutdown()
                    Triple(before, context.isWorkerShuttingDown, context.isCancelled)
                }
            }
            waiting.await()
            env.shutDownWorker()

            running.await() shouldBe Triple(false, true, false)
        }
        env.run { activityContext().awaitWorkerShutdown() }
    }

    test("activity environment: a heartbeat detail the converter cannot encode fails with PayloadConversionException") {
        val seen = Collections.synchronizedList(mutableListOf<List<Any?>>())
        val env = ActivityEnvironment(onHeartbeat = { seen += it })

        shouldThrow<PayloadConversionException> { env.run { activityContext().heartbeat("fine", Unavailable()) } }
            .index shouldBe 1

        val refusing = ActivityEnvironment(payloadConverter = RefusingConverter, onHeartbeat = { seen += it })
        shouldThrow<PayloadConversionException> {
            refusing.run { activityContext().heartbeatWithTypes(listOf(listOf(1, 2)), listOf(typeOf<List<Int>>())) }
        }.reason shouldBe "refused"

        env.heartbeats.shouldBeEmpty()
        refusing.heartbeats.shouldBeEmpty()
        seen.shouldBeEmpty()
    }

    test("activity environment: the client is the one given, and without one using it says to pass one") {
        shouldThrow<IllegalStateException> { ActivityEnvironment().run { activityContext().client } }
            .message shouldContain "pass one with ActivityEnvironment(client = ...)"

        Connection.open(ConnectionOptions(target = "127.0.0.1:1")).use { connection ->
            val client = Client(connection)
            ActivityEnvironment(client = client).run { activityContext().client } shouldBeSameInstanceAs client
        }
    }

    test("activity environment: completeAsynchronously() comes out of run() as CompleteAsyncException") {
        shouldThrow<CompleteAsyncException> { ActivityEnvironment().run { activityContext().completeAsynchronously() } }
    }

    test("activity environment: metrics carry the worker's attributes; logging has the MDC entries only inside run()") {
        val meter = RecordingMeter()
        val info = ActivityEnvironment.defaultInfo(activityId = "a-7", activityType = "report", taskQueue = "reports")
        val env = ActivityEnvironment(info = info, metricMeter = meter)

        val mdcInside = env.run {
            val context = ActivityContext.current()
            context.metricMeter.counter("rows").add(5, mapOf("table" to "orders"))
            context.logger.info("reporting")
            MDC.get("temporal.activityId") to MDC.get("temporal.workflowId")
        }

        mdcInside shouldBe ("a-7" to "test-workflow")
        meter.counted shouldBe listOf(
            5L to mapOf("namespace" to "default", "task_queue" to "reports", "activity_type" to "report", "table" to "orders"),
        )
        MDC.get("temporal.activityId").shouldBeNull()
    }

    test("activity environment: ActivityContext.current() still throws outside run()") {
        val env = ActivityEnvironment()
        env.run { ActivityContext.current().info } shouldBeSameInstanceAs env.info

        shouldThrow<IllegalStateException> { ActivityContext.current() }.message shouldContain "outside an activity"
        shouldThrow<IllegalStateException> { activityContext() }.message shouldContain "outside an activity"
    }
})
