@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.api.enums.v1.TaskQueueType
import dev.temporalkt.api.workflowservice.v1.PollActivityTaskQueueResponse
import dev.temporalkt.client.Connection
import dev.temporalkt.converter.DataConverter
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.internal.activity.ActivityCancelReason
import dev.temporalkt.worker.internal.activity.ActivityTaskProcessor
import dev.temporalkt.worker.internal.activity.EagerActivityDispatcher
import dev.temporalkt.worker.internal.metrics.WorkerMetrics
import dev.temporalkt.worker.internal.poll.FixedSizeSlotSupplier
import dev.temporalkt.worker.internal.poll.SlotPermit
import dev.temporalkt.worker.internal.poll.TaskPoller
import dev.temporalkt.worker.internal.poll.WorkerFailure
import dev.temporalkt.worker.internal.poll.WorkerShutdownNotice
import dev.temporalkt.worker.internal.threads.WorkerThreads
import io.grpc.Status
import io.grpc.StatusException
import kotlinx.coroutines.SupervisorJob
import org.slf4j.LoggerFactory
import java.util.concurrent.ExecutorService
import java.util.concurrent.atomic.AtomicLong
import kotlin.time.Duration

/**
 * The activity half of a worker: polls [taskQueue] through [connection] and runs the activities of [registry].
 *
 * ```kotlin
 * val worker = ActivityWorker(connection, "orders", DataConverter.default, ActivityRegistry.of(listOf(OrderActivities(db))))
 * worker.start()
 * ...
 * worker.shutdown()
 * ```
 *
 * [shutdown] stops polling, tells running activities the worker is shutting down, waits up to
 * [ActivityWorkerOptions.gracefulShutdownTimeout] for them, then cancels the rest with
 * [dev.temporalkt.activity.ActivityCancellationReason.WORKER_SHUTDOWN] (they are reported failed, so their retry
 * policy retries them elsewhere) and waits up to [ActivityWorkerOptions.cancelledShutdownTimeout] before abandoning
 * them (the server retries an abandoned attempt after its timeout).
 */
@InternalTemporalApi
public class ActivityWorker(
    private val connection: Connection,
    /** The task queue to poll. */
    public val taskQueue: String,
    private val dataConverter: DataConverter,
    /** The activities this worker runs. */
    public val registry: ActivityRegistry,
    /** Settings. */
    public val options: ActivityWorkerOptions = ActivityWorkerOptions(),
    /** Announces this worker's shutdown to the server; one per [dev.temporalkt.worker.Worker], shared by its parts. */
    private val shutdownNotice: WorkerShutdownNotice =
        WorkerShutdownNotice(connection, connection.namespace, connection.identity, taskQueue),
    /** Where a non-retryable poll error, which stops the pollers, is reported; `null` logs it only. */
    private val failure: WorkerFailure? = null,
) {
    private val logger = LoggerFactory.getLogger(ActivityWorker::class.java)
    private val ownedExecutor: ExecutorService? = if (options.executor == null) ActivityExecutors.newDefault("temporal-activity-$taskQueue") else null
    private val invoker = ActivityInvoker(
        registry, dataConverter, options.executor ?: ownedExecutor!!, options.coroutineContext,
        interceptors = options.interceptors, metricMeter = options.metricMeter, client = options.client,
    )
    private val processor = ActivityTaskProcessor(
        connection, taskQueue, dataConverter, invoker::run, workerInstanceKey = shutdownNotice.workerInstanceKey,
        deployment = options.deployment,
        metrics = options.metrics,
    )
    private val supervisor = SupervisorJob()
    private val poller = TaskPoller(
        name = "activity:$taskQueue",
        pollerCount = options.pollerCount,
        slots = options.metrics.slots(FixedSizeSlotSupplier(options.maxConcurrentActivities), WorkerMetrics.ACTIVITY_WORKER),
        context = WorkerThreads.dispatcher + supervisor,
        poll = options.metrics.polls(WorkerMetrics.ACTIVITY_POLLER, processor::poll),
        handler = { task, _ -> processor.process(task) },
        isFatal = ::isFatalPollError,
        onFatal = { error ->
            fatalError = error
            if (failure != null) failure.report("activity", error) else logger.error("Activity polling on task queue {} stopped", taskQueue, error)
        },
    )

    private val eagerTasks = AtomicLong()

    /** Activity tasks this worker was handed eagerly so far (with a workflow task completion, not polled). */
    public val eagerTasksStarted: Long get() = eagerTasks.get()

    /** Runs the activity tasks the server hands out with this worker's workflow task completions. */
    public val eagerDispatcher: EagerActivityDispatcher = object : EagerActivityDispatcher {
        override val taskQueue: String get() = this@ActivityWorker.taskQueue

        override fun tryReserve(): SlotPermit? = poller.tryReserveSlot()

        override fun dispatch(task: PollActivityTaskQueueResponse, permit: SlotPermit) {
            eagerTasks.incrementAndGet()
            poller.handle(task, permit)
        }
    }

    /**
     * The poll error that stopped this worker (the namespace does not exist, the credentials are rejected), or
     * `null` while polling works or is retried.
     */
    @Volatile
    public var fatalError: Throwable? = null
        private set

    /** Number of activity attempts running now. */
    public val runningActivities: Int get() = processor.runningCount

    /** Starts polling. */
    public fun start() {
        poller.start()
        options.metrics.workerStarted(WorkerMetrics.ACTIVITY_WORKER)
        logger.debug("Activity worker for task queue {} started with activities {}", taskQueue, registry.names)
    }

    /**
     * Shuts down as the class documentation describes; returns `true` when every activity ended within the timeouts.
     */
    public suspend fun shutdown(gracefulTimeout: Duration = options.gracefulShutdownTimeout): Boolean {
        poller.beginStop()
        val announced = shutdownNotice.announce(listOf(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY))
        poller.stopPolling(if (announced) shutdownNotice.drainTime else Duration.ZERO)
        processor.notifyWorkerShutdown()
        var clean = poller.awaitHandlers(gracefulTimeout)
        if (!clean) {
            processor.cancelAll(ActivityCancelReason.WORKER_SHUTDOWN)
            clean = poller.awaitHandlers(options.cancelledShutdownTimeout)
            if (!clean) {
                logger.warn("Activities on task queue {} did not end after cancellation; abandoning them", taskQueue)
                poller.cancelHandlers()
            }
        }
        supervisor.cancel()
        ownedExecutor?.shutdown()
        return clean
    }

    private fun isFatalPollError(e: Throwable): Boolean {
        val code = (e as? StatusException)?.status?.code ?: return false
        return code == Status.Code.NOT_FOUND || code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED ||
            code == Status.Code.UNIMPLEMENTED
    }
}
