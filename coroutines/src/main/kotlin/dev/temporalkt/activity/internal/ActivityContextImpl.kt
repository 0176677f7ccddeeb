package dev.temporalkt.activity.internal

import dev.temporalkt.activity.ActivityCancellationReason
import dev.temporalkt.activity.ActivityContext
import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.activity.CompleteAsyncException
import dev.temporalkt.client.Client
import dev.temporalkt.converter.PayloadConverter
import dev.temporalkt.converter.toPayloads
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.worker.interceptor.ActivityHeartbeatInput
import dev.temporalkt.worker.interceptor.ActivityOutboundInterceptor
import dev.temporalkt.worker.internal.activity.ActivityCancelReason
import dev.temporalkt.worker.internal.activity.RunningActivityTask
import kotlinx.coroutines.CompletableDeferred
import dev.temporalkt.metrics.MetricMeter
import org.slf4j.Logger
import kotlin.reflect.KType

/** The [ActivityContext] of one attempt run by the worker. */
@OptIn(InternalTemporalApi::class)
internal class ActivityContextImpl(
    /** The attempt's info, as the worker made it (interceptors may show another through [outbound]). */
    val attemptInfo: ActivityInfo,
    override val payloadConverter: PayloadConverter,
    override val logger: Logger,
    override val metricMeter: MetricMeter,
    private val attempt: RunningActivityTask,
    private val workerClient: Client? = null,
) : ActivityContext {
    private val shutdown = CompletableDeferred<Unit>()

    /** The attempt's outbound interceptor chain, once the inbound chain's `init` ran. */
    @Volatile
    var outbound: ActivityOutboundInterceptor? = null

    override val info: ActivityInfo get() = outbound?.info() ?: attemptInfo

    init {
        attempt.onWorkerShutdown { shutdown.complete(Unit) }
    }

    override fun heartbeatWithTypes(details: List<Any?>, types: List<KType>) {
        val chain = outbound
        if (chain != null) chain.heartbeat(ActivityHeartbeatInput(details, types)) else recordHeartbeat(details, types)
    }

    /** Records a heartbeat: the end of the outbound interceptor chain. */
    fun recordHeartbeat(details: List<Any?>, types: List<KType>) {
        attempt.heartbeat(payloadConverter.toPayloads(details, types))
    }

    override val cancellationReason: ActivityCancellationReason? get() = attempt.cancelReason?.toPublic()

    override val isWorkerShuttingDown: Boolean get() = attempt.isWorkerShuttingDown

    override suspend fun awaitWorkerShutdown() {
        shutdown.await()
    }

    override val client: Client
        get() = workerClient ?: throw IllegalStateException(
            "This activity runs without a client (ActivityContext.client is only available to activities run by a " +
                "Worker): run it on a Worker, or pass the client to the activity's class instead",
        )

    override fun completeAsynchronously(): Nothing = throw CompleteAsyncException()

    override fun toString(): String = "ActivityContext($info)"
}

@OptIn(InternalTemporalApi::class)
internal fun ActivityCancelReason.toPublic(): ActivityCancellationReason = when (this) {
    ActivityCancelReason.CANCEL_REQUESTED -> ActivityCancellationReason.CANCEL_REQUESTED
    ActivityCancelReason.PAUSED -> ActivityCancellationReason.PAUSED
    ActivityCancelReason.RESET -> ActivityCancellationReason.RESET
    ActivityCancelReason.HEARTBEAT_TIMEOUT -> ActivityCancellationReason.HEARTBEAT_TIMEOUT
    ActivityCancelReason.NOT_FOUND -> ActivityCancellationReason.NOT_FOUND
    ActivityCancelReason.WORKER_SHUTDOWN -> ActivityCancellationReason.WORKER_SHUTDOWN
}
