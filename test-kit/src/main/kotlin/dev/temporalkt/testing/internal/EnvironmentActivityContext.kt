@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.testing.internal

import dev.temporalkt.activity.ActivityCancellationReason
import dev.temporalkt.activity.ActivityCancelledException
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.activity.internal.ActivityContextElement
import dev.temporalkt.activity.newCompleteAsyncException
import dev.temporalkt.client.Client
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.metrics.MetricMeter
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.Job
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.job
import org.slf4j.Logger
import org.slf4j.LoggerFactory
import kotlin.reflect.KType

/**
 * The [ActivityContext] of a [dev.temporalkt.testing.ActivityEnvironment]: one attempt whose heartbeats are recorded
 * instead of sent, and whose cancellation and worker shutdown the test triggers. Thread-safe.
 */
internal class EnvironmentActivityContext(
    override val info: ActivityInfo,
    override val payloadConverter: PayloadConverter,
    metricMeter: MetricMeter,
    private val environmentClient: Client?,
    private val onHeartbeat: (List<Any?>) -> Unit,
) : ActivityContext {
    override val logger: Logger = LoggerFactory.getLogger("dev.temporalkt.activity.${info.activityType}")

    override val metricMeter: MetricMeter = metricMeter.withAttributes(
        mapOf("namespace" to info.workflowNamespace, "task_queue" to info.taskQueue, "activity_type" to info.activityType),
    )

    private val lock = Any()

    /** The details of every heartbeat, in order; guarded by [lock]. */
    private val recorded = ArrayList<List<Any?>>()

    /** The coroutines of the blocks [run] is running; guarded by [lock]. */
    private val running = LinkedHashSet<Job>()

    @Volatile
    private var reason: ActivityCancellationReason? = null

    private val shutdown = CompletableDeferred<Unit>()

    /** A snapshot of the details of every heartbeat so far, in order. */
    val heartbeats: List<List<Any?>> get() = synchronized(lock) { recorded.toList() }

    override fun heartbeatWithTypes(details: List<Any?>, types: List<KType>) {
        // converted as the worker does, so a detail it could not send fails here too; the payloads are not kept
        payloadConverter.toPayloads(details, types)
        val copy = details.toList()
        synchronized(lock) { recorded += copy }
        onHeartbeat(copy)
    }

    override val cancellationReason: ActivityCancellationReason? get() = reason

    override val isWorkerShuttingDown: Boolean get() = shutdown.isCompleted

    override suspend fun awaitWorkerShutdown() {
        shutdown.await()
    }

    override val client: Client
        get() = environmentClient ?: throw IllegalStateException(
            "This ActivityEnvironment has no client, so ActivityContext.client is not available: pass one with " +
                "ActivityEnvironment(client = ...) to test an activity that uses it",
        )

    override fun completeAsynchronously(): Nothing = throw newCompleteAsyncException()

    /**
     * Cancels the attempt with [cancelReason] and the blocks running in [run]; only the first reason counts. Returns
     * whether this call cancelled it.
     */
    fun cancel(cancelReason: ActivityCancellationReason): Boolean {
        val jobs = synchronized(lock) {
            if (reason != null) return false
            reason = cancelReason
            running.toList()
        }
        jobs.forEach { it.cancel(ActivityCancelledException(cancelReason)) }
        return true
    }

    /** Tells the attempt the worker is shutting down. */
    fun shutDownWorker() {
        shutdown.complete(Unit)
    }

    /**
     * Runs [block] in a coroutine that carries this context, as the worker runs a `suspend` activity; [cancel] cancels
     * that coroutine (at once when the attempt is already cancelled, once the block has started).
     */
    suspend fun <R> run(block: suspend () -> R): R = coroutineScope {
        val attempt = async(ActivityContextElement(this@EnvironmentActivityContext)) {
            val job = coroutineContext.job
            track(job)
            try {
                block()
            } finally {
                synchronized(lock) { running -= job }
            }
        }
        attempt.await()
    }

    private fun track(job: Job) {
        val cancelledWith = synchronized(lock) {
            running += job
            reason
        }
        cancelledWith?.let { job.cancel(ActivityCancelledException(it)) }
    }

    override fun toString(): String = "ActivityContext($info)"
}
