@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.activity

import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.client.Client
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.metrics.MetricMeter
import org.slf4j.Logger
import kotlin.reflect.KType

/**
 * The running activity attempt, seen from inside the activity: its [info], heartbeats, cancellation, asynchronous
 * completion and logging.
 *
 * A `suspend` activity gets it with [activityContext] (or [current]); a blocking activity with [current] on the
 * thread that runs it. Outside an activity both throw [IllegalStateException].
 *
 * ```kotlin
 * @Activity
 * suspend fun transcode(video: Video): Output {
 *     val context = activityContext()
 *     for ((index, chunk) in video.chunks.withIndex()) {
 *         encode(chunk)                  // suspends; a cancellation arrives as ActivityCancelledException
 *         context.heartbeat(index)       // progress, and how cancellation is delivered
 *     }
 *     return Output(video.id)
 * }
 *
 * @Activity
 * fun resize(image: Image): Image {      // blocking: runs on the worker's activity executor
 *     val context = ActivityContext.current()
 *     for (tile in image.tiles) {
 *         context.throwIfCancelled()
 *         process(tile)
 *         context.heartbeat()
 *     }
 *     return image
 * }
 * ```
 *
 * **Cancellation** is delivered in the response to a heartbeat, so an activity that should be cancellable must
 * heartbeat, and must have a heartbeat timeout to be cancelled promptly (heartbeats are throttled to 80% of it, at
 * most every 60 s, 30 s without a timeout). A `suspend` activity is cancelled like any coroutine, with an
 * [ActivityCancelledException] as cause; a blocking one checks [isCancelled] or calls [throwIfCancelled].
 */
public interface ActivityContext {
    /** What the attempt knows about itself. */
    public val info: ActivityInfo

    /** The payload converter of the worker, to convert raw payloads (dynamic activities, heartbeat details). */
    public val payloadConverter: PayloadConverter

    /**
     * A logger whose output carries the activity id, type and attempt and the workflow id, run id, type, task queue
     * and namespace as SLF4J MDC entries (`temporal.activityId`, `temporal.activityType`, `temporal.attempt`,
     * `temporal.workflowId`, `temporal.workflowRunId`, `temporal.workflowType`, `temporal.taskQueue`,
     * `temporal.namespace`) while the activity runs. The same entries, for structured arguments or key-value pairs:
     * [ActivityInfo.logContext].
     */
    public val logger: Logger

    /**
     * The worker's [MetricMeter] ([dev.temporalkt.worker.WorkerOptions.metricMeter]) for custom metrics of the
     * activity, with the attributes `namespace`, `task_queue` and `activity_type`.
     *
     * ```kotlin
     * activityContext().metricMeter.histogram("upload_bytes", unit = "By").record(file.length().toDouble())
     * ```
     */
    public val metricMeter: MetricMeter

    /**
     * The [Client] of the worker running the activity ([dev.temporalkt.worker.Worker.client]), to talk to the server
     * from inside the activity: signal or query workflows, start new ones, complete other activities.
     *
     * ```kotlin
     * @Activity
     * suspend fun notifyOwner(message: String) {
     *     val info = activityContext().info
     *     activityContext().client.getWorkflowHandle<Unit>(info.workflowId).signal("notify", message)
     * }
     * ```
     *
     * @throws IllegalStateException when the activity is not run by a worker (there is no client).
     */
    public val client: Client

    /**
     * Records a heartbeat with [details], each converted with its runtime class. Cheap to call often: heartbeats are
     * throttled, the newest details win and the last ones are sent before the attempt ends. A retried attempt reads
     * them from [ActivityInfo.heartbeatDetail].
     *
     * @throws dev.temporalkt.converter.PayloadConversionException when a detail cannot be converted.
     */
    public fun heartbeat(vararg details: Any?): Unit =
        heartbeatWithTypes(details.toList(), details.map { detail -> detail?.let { PlainKType.starProjected(it.javaClass) } ?: PlainKType.ANY })

    /** Like [heartbeat], with the static [types] of [details] (for generic values such as `List<Order>`). */
    public fun heartbeatWithTypes(details: List<Any?>, types: List<KType>)

    /** Whether the attempt has been cancelled. */
    public val isCancelled: Boolean get() = cancellationReason != null

    /** Why the attempt was cancelled, or `null` while it is not. */
    public val cancellationReason: ActivityCancellationReason?

    /** Throws [ActivityCancelledException] when the attempt has been cancelled. */
    public fun throwIfCancelled() {
        cancellationReason?.let { throw ActivityCancelledException(it) }
    }

    /**
     * Whether the worker is shutting down. The activity may still finish: it is only cancelled (with
     * [ActivityCancellationReason.WORKER_SHUTDOWN]) once the worker's graceful shutdown timeout has passed.
     */
    public val isWorkerShuttingDown: Boolean

    /** Suspends until the worker starts shutting down. */
    public suspend fun awaitWorkerShutdown()

    /**
     * Ends the activity function without completing the activity: the worker reports nothing and the activity stays
     * started until someone completes, fails or cancels it with [ActivityInfo.taskToken] (through the client), or it
     * times out. Throws [CompleteAsyncException], which must not be caught.
     */
    public fun completeAsynchronously(): Nothing

    /** Access to the current context. */
    public companion object {
        /**
         * The context of the activity running on this thread (a blocking activity, or a `suspend` activity's
         * coroutine while it runs).
         *
         * @throws IllegalStateException outside an activity.
         */
        @JvmStatic
        public fun current(): ActivityContext = CurrentActivityContext.get()
            ?: throw IllegalStateException(
                "ActivityContext.current() was called outside an activity: call it from a function annotated with " +
                    "@Activity while the worker runs it (in a suspend activity, activityContext() works from any thread)",
            )
    }
}

/**
 * The context of the `suspend` activity this coroutine belongs to.
 *
 * @throws IllegalStateException outside an activity.
 */
public suspend fun activityContext(): ActivityContext = CurrentActivityContext.get()
    ?: throw IllegalStateException(
        "activityContext() was called outside an activity: call it from a function annotated with @Activity while the " +
            "worker runs it, or keep the activity's coroutine context when launching coroutines inside it",
    )
