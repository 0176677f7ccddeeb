package dev.temporalkt.testing

import dev.temporalkt.activity.ActivityCancellationReason
import dev.temporalkt.activity.ActivityCancelledException
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.client.Client
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.testing.internal.EnvironmentActivityContext
import java.time.Instant

/**
 * Runs activity code with an [ActivityContext] of its own, without a worker, a server or registration, so a unit test
 * can call an activity function directly, see its heartbeats, cancel it and tell it that its worker shuts down.
 *
 * ```kotlin
 * class UploadActivitiesSpec : FunSpec({
 *     test("upload heartbeats every chunk") {
 *         val env = ActivityEnvironment(info = ActivityEnvironment.defaultInfo(activityType = "upload"))
 *         env.run { UploadActivities(storage).upload(file) } shouldBe 3
 *         env.heartbeats shouldBe listOf(listOf(0), listOf(1), listOf(2))
 *     }
 *
 *     test("upload stops when cancelled") {
 *         val firstChunk = CompletableDeferred<Unit>()
 *         val env = ActivityEnvironment(onHeartbeat = { firstChunk.complete(Unit) })
 *         val upload = async { env.run { UploadActivities(storage).upload(file) } }
 *         firstChunk.await()
 *         env.cancel()
 *         shouldThrow<ActivityCancelledException> { upload.await() }.reason shouldBe ActivityCancellationReason.CANCEL_REQUESTED
 *     }
 * })
 * ```
 *
 * Inside [run], [dev.temporalkt.activity.activityContext] and [ActivityContext.current] return the environment's
 * context, and the activity's SLF4J MDC entries are in place. The context behaves as the worker's does: heartbeat
 * details are converted with [payloadConverter] (a detail the worker could not send fails the same way), [metricMeter]
 * gets the attributes `namespace`, `task_queue` and `activity_type` from [info], and
 * [ActivityContext.completeAsynchronously] throws [dev.temporalkt.activity.CompleteAsyncException] out of [run].
 *
 * One environment stands for one attempt: heartbeats, cancellation and worker shutdown carry over from one [run] to
 * the next. Use a new environment for each attempt. All members are thread-safe.
 */
public class ActivityEnvironment(
    /** The payload converter the activity sees, and converts its heartbeat details with. */
    public val payloadConverter: PayloadConverter = DataConverter.default.payloadConverter,
    /** What the attempt knows about itself; [defaultInfo] unless given. */
    public val info: ActivityInfo = defaultInfo(payloadConverter = payloadConverter),
    /** The meter behind [ActivityContext.metricMeter]; records nothing unless given. */
    public val metricMeter: MetricMeter = MetricMeter.NOOP,
    /** The client the activity sees as [ActivityContext.client]; without one, using it throws [IllegalStateException]. */
    public val client: Client? = null,
    /**
     * Called with the details of every heartbeat, on the thread that heartbeats, once they are converted and recorded
     * in [heartbeats]; an exception it throws comes out of the heartbeat call.
     */
    public val onHeartbeat: (List<Any?>) -> Unit = {},
) {
    private val context = EnvironmentActivityContext(info, payloadConverter, metricMeter, client, onHeartbeat)

    /** The details of every heartbeat so far, in order: a snapshot, one list per heartbeat. */
    public val heartbeats: List<List<Any?>> get() = context.heartbeats

    /**
     * Runs [block] with the environment's [ActivityContext] and returns its result; whatever [block] throws comes out
     * of it. Call a `suspend` or a blocking activity function inside.
     *
     * [block] runs in a coroutine of its own, as a `suspend` activity does on a worker, and on the caller's dispatcher:
     * run a blocking activity that should see a [cancel] while it runs on another thread, e.g. in
     * `withContext(Dispatchers.IO)`.
     *
     * ```kotlin
     * val checksum = withContext(Dispatchers.IO) { env.run { FileActivities().checksum(path) } }
     * ```
     *
     * @throws ActivityCancelledException when the attempt is cancelled before [block] ends (see [cancel]).
     */
    public suspend fun <R> run(block: suspend () -> R): R = context.run(block)

    /**
     * From Java: runs [block] on the calling thread with the environment's [ActivityContext] (as [run] does) and returns
     * its result. Call [cancel] from another thread to cancel it; the activity notices through
     * [ActivityContext.isCancelled] or [ActivityContext.throwIfCancelled], and this method then throws
     * [ActivityCancelledException].
     *
     * ```java
     * ActivityEnvironment env = new ActivityEnvironment();
     * assertEquals(3, env.execute(() -> new UploadActivities(storage).upload(file)));
     * ```
     */
    public fun <R> execute(block: java.util.concurrent.Callable<R>): R = kotlinx.coroutines.runBlocking { context.run { block.call() } }

    /**
     * Cancels the attempt with [reason], as the worker does when the server asks it to (or when the heartbeat timeout
     * or the worker's graceful shutdown timeout passes). Only the first reason counts: later calls change nothing.
     *
     * The activity then sees [ActivityContext.isCancelled] and [ActivityContext.cancellationReason], and
     * [ActivityContext.throwIfCancelled] throws. A block running in [run] is cancelled like a `suspend` activity: its
     * coroutine is cancelled with an [ActivityCancelledException] carrying [reason], so it ends at its next suspension
     * point and [run] throws that exception, also when the block returns normally after the cancellation. Blocking
     * code notices the cancellation by checking [ActivityContext.isCancelled] or calling
     * [ActivityContext.throwIfCancelled].
     *
     * Called before [run], it makes the attempt start cancelled: the block starts, sees the cancellation, and its first
     * suspension point throws.
     */
    public fun cancel(reason: ActivityCancellationReason = ActivityCancellationReason.CANCEL_REQUESTED) {
        context.cancel(reason)
    }

    /**
     * Tells the activity its worker is shutting down: [ActivityContext.isWorkerShuttingDown] becomes `true` and
     * [ActivityContext.awaitWorkerShutdown] resumes. The activity is not cancelled; to test what happens once the
     * worker's graceful shutdown timeout passes, call [cancel] with [ActivityCancellationReason.WORKER_SHUTDOWN].
     */
    public fun shutDownWorker() {
        context.shutDownWorker()
    }

    override fun toString(): String = "ActivityEnvironment($info)"

    /** Building the attempt's [ActivityInfo], and environments from Java. */
    public companion object {
        /**
         * From Java: an environment with the default settings whose [onHeartbeat] is [listener].
         *
         * ```java
         * List<Object> details = new ArrayList<>();
         * ActivityEnvironment env = ActivityEnvironment.withHeartbeatListener(heartbeat -> details.add(heartbeat.get(0)));
         * ```
         */
        @JvmStatic
        public fun withHeartbeatListener(listener: java.util.function.Consumer<List<Any?>>): ActivityEnvironment =
            ActivityEnvironment(onHeartbeat = listener::accept)

        /**
         * An [ActivityInfo] a test can run with: attempt [attempt] (the first unless given), scheduled and started
         * now, no timeouts, not local, and the [heartbeatDetails] a previous attempt left (none unless given), which
         * [ActivityInfo.heartbeatDetail] decodes with [payloadConverter].
         *
         * ```kotlin
         * val converter = DataConverter.default.payloadConverter
         * val retry = ActivityEnvironment.defaultInfo(attempt = 2, heartbeatDetails = listOf(converter.toPayload(41)))
         * ```
         */
        public fun defaultInfo(
            activityId: String = "test-activity",
            activityType: String = "TestActivity",
            attempt: Int = 1,
            taskQueue: String = "test-task-queue",
            workflowNamespace: String = "default",
            workflowId: String = "test-workflow",
            workflowRunId: String = "test-run",
            workflowType: String = "TestWorkflow",
            heartbeatDetails: List<Payload> = emptyList(),
            payloadConverter: PayloadConverter = DataConverter.default.payloadConverter,
        ): ActivityInfo {
            val now = Instant.now()
            return ActivityInfo(
                activityId = activityId,
                activityType = activityType,
                attempt = attempt,
                taskQueue = taskQueue,
                taskToken = "test-task-token".encodeToByteArray(),
                workflowNamespace = workflowNamespace,
                workflowId = workflowId,
                workflowRunId = workflowRunId,
                workflowType = workflowType,
                scheduledTime = now,
                currentAttemptScheduledTime = now,
                startedTime = now,
                scheduleToCloseTimeout = null,
                startToCloseTimeout = null,
                heartbeatTimeout = null,
                isLocal = false,
                heartbeatDetails = heartbeatDetails,
                payloadConverter = payloadConverter,
            )
        }
    }
}
