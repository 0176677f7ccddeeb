@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.client.Client
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import dev.temporalkt.metrics.MetricMeter
import dev.temporalkt.worker.internal.metrics.WorkerMetrics
import kotlinx.coroutines.Dispatchers
import java.util.concurrent.Executor
import kotlin.coroutines.CoroutineContext
import kotlin.time.Duration
import kotlin.time.Duration.Companion.seconds

/**
 * Settings of an [ActivityWorker].
 *
 * @property maxConcurrentActivities how many attempts run at once at most; pollers wait for a free slot.
 * @property pollerCount concurrent long polls of the activity task queue.
 * @property executor runs blocking activities; `null` means [ActivityExecutors.newDefault] (virtual threads when
 *   available), created and shut down by the worker. A given executor is not shut down by the worker.
 * @property coroutineContext where `suspend` activities run once they first suspend; they start on the worker thread
 *   that took their task (its `Job`, if any, is ignored).
 * @property gracefulShutdownTimeout how long [ActivityWorker.shutdown] lets running activities finish after telling
 *   them the worker is shutting down, before cancelling them.
 * @property cancelledShutdownTimeout how long [ActivityWorker.shutdown] then waits for cancelled activities to end
 *   before abandoning them.
 * @property interceptors asked for each attempt's activity interceptors (first outermost).
 * @property metricMeter the meter of [dev.temporalkt.activity.ActivityContext.metricMeter].
 * @property client the client of [dev.temporalkt.activity.ActivityContext.client]; `null` when activities get none.
 * @property deployment the worker's deployment version on its polls.
 * @property metrics the SDK's own metrics of the worker.
 */
@InternalTemporalApi
public data class ActivityWorkerOptions(
    val maxConcurrentActivities: Int = 100,
    val pollerCount: Int = 5,
    val executor: Executor? = null,
    val coroutineContext: CoroutineContext = Dispatchers.Default,
    val gracefulShutdownTimeout: Duration = Duration.ZERO,
    val cancelledShutdownTimeout: Duration = 10.seconds,
    val interceptors: List<WorkerInterceptor> = emptyList(),
    val metricMeter: MetricMeter = MetricMeter.NOOP,
    val client: Client? = null,
    val deployment: dev.temporalkt.worker.internal.versioning.WorkerDeploymentStamp =
        dev.temporalkt.worker.internal.versioning.WorkerDeploymentStamp.UNVERSIONED,
    val metrics: WorkerMetrics = WorkerMetrics.NOOP,
) {
    init {
        require(maxConcurrentActivities > 0) { "maxConcurrentActivities must be positive, was $maxConcurrentActivities" }
        require(pollerCount > 0) { "pollerCount must be positive, was $pollerCount" }
        require(!gracefulShutdownTimeout.isNegative()) { "gracefulShutdownTimeout must not be negative, was $gracefulShutdownTimeout" }
        require(!cancelledShutdownTimeout.isNegative()) { "cancelledShutdownTimeout must not be negative, was $cancelledShutdownTimeout" }
    }
}
