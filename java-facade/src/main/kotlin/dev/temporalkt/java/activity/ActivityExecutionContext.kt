@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.java.activity

import dev.temporalkt.activity.ActivityCancellationReason
import dev.temporalkt.activity.ActivityCancelledException
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.activity.internal.AsyncCompletion
import dev.temporalkt.java.client.TemporalClient
import dev.temporalkt.java.internal.JavaKType
import dev.temporalkt.metrics.MetricMeter
import org.slf4j.Logger

/**
 * The running activity attempt, seen from a Java activity method: its [getInfo], heartbeats (with details a retry
 * reads back), cancellation, asynchronous completion, logging and the worker's client. Get it with [current] on the
 * thread that runs the activity method; keep the object to use it from other threads (callbacks of a future the
 * method returns).
 *
 * ```java
 * public class Uploads {
 *     @Activity
 *     public int upload(List<String> files) {
 *         ActivityExecutionContext context = ActivityExecutionContext.current();
 *         int next = context.getInfo().getHeartbeatDetails(Integer.class).orElse(0); // resume after a retry
 *         for (int i = next; i < files.size(); i++) {
 *             context.throwIfCancelled();   // cancellation arrives with heartbeat responses
 *             store(files.get(i));
 *             context.heartbeat(i + 1);      // progress, read back by the next attempt
 *         }
 *         return files.size();
 *     }
 * }
 * ```
 *
 * **Cancellation** is delivered in the response to a heartbeat, so an activity that should be cancellable must
 * heartbeat, and needs a heartbeat timeout to learn of it promptly. A blocking method checks [isCancelled] or calls
 * [throwIfCancelled] (which throws [ActivityCancelledException], to let propagate); for a method returning a
 * `CompletionStage`, the worker cancels that stage and reports the attempt cancelled.
 */
public class ActivityExecutionContext private constructor(private val context: ActivityContext) {
    /** What the attempt knows about itself. */
    public fun getInfo(): ActivityInfo = ActivityInfo(context.info)

    /**
     * Records a heartbeat with [details] (each converted by its runtime class, with Jackson for Java types). Cheap to
     * call often: heartbeats are throttled, the newest details win, and the last ones are sent before the attempt ends;
     * a retried attempt reads them with [ActivityInfo.getHeartbeatDetails].
     */
    public fun heartbeat(vararg details: Any?) {
        val values = details.toList()
        context.heartbeatWithTypes(values, values.map { JavaKType.of(it?.javaClass ?: Any::class.java) })
    }

    /** Whether the attempt has been cancelled. */
    public fun isCancelled(): Boolean = context.cancellationReason != null

    /** Why the attempt was cancelled (cancel requested, paused, reset, timed out, worker shutdown...), or `null`. */
    public fun getCancellationReason(): ActivityCancellationReason? = context.cancellationReason

    /** Throws [ActivityCancelledException] (with the reason) when the attempt has been cancelled. */
    public fun throwIfCancelled() {
        context.cancellationReason?.let { throw ActivityCancelledException(it) }
    }

    /** Whether the worker is shutting down (the attempt is cancelled once its graceful shutdown timeout passes). */
    public fun isWorkerShuttingDown(): Boolean = context.isWorkerShuttingDown

    /** The task token of the attempt, which completes it from elsewhere after [doNotCompleteOnReturn]. */
    public fun getTaskToken(): ByteArray = context.info.taskToken

    /**
     * Asks the worker not to complete the activity when the activity method returns: the activity stays started until
     * something completes, fails or cancels it with the [getTaskToken] task token through a client
     * (`client.getAsyncActivityHandle(taskToken).complete(result)`), or it times out. Call it on the thread running
     * the activity method, before it returns.
     *
     * ```java
     * @Activity
     * public String requestApproval(String document) {
     *     ActivityExecutionContext context = ActivityExecutionContext.current();
     *     approvals.send(document, context.getTaskToken()); // someone approves later with the token
     *     context.doNotCompleteOnReturn();
     *     return null; // ignored
     * }
     * ```
     */
    public fun doNotCompleteOnReturn() {
        AsyncCompletion.request()
    }

    /**
     * A logger whose output carries the attempt's identity as SLF4J MDC entries (`temporal.activityId`,
     * `temporal.activityType`, `temporal.attempt`, `temporal.workflowId`, `temporal.workflowRunId`,
     * `temporal.workflowType`, `temporal.taskQueue`, `temporal.namespace`). The same entries as a map:
     * `getInfo().getLogContext()`.
     */
    public fun getLogger(): Logger = context.logger

    /** The worker's metric meter, with the attributes `namespace`, `task_queue` and `activity_type`. */
    public fun getMetricMeter(): MetricMeter = context.metricMeter

    /**
     * The client of the worker running the activity, to signal, query or start workflows from the activity.
     *
     * @throws IllegalStateException when the activity is not run by a worker.
     */
    public fun getClient(): TemporalClient = TemporalClient.of(context.client)

    override fun toString(): String = "ActivityExecutionContext(${context.info})"

    /** Access to the current attempt. */
    public companion object {
        /**
         * The context of the activity attempt running on this thread.
         *
         * @throws IllegalStateException outside an activity method.
         */
        @JvmStatic
        public fun current(): ActivityExecutionContext = ActivityExecutionContext(
            ActivityContext.current(),
        )
    }
}
