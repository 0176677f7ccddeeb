package dev.temporalkt.client

import dev.temporalkt.client.internal.ArgumentTypes
import kotlin.reflect.KType
import kotlin.reflect.typeOf

/**
 * Completes an activity from outside the worker (asynchronous activity completion).
 *
 * ```kotlin
 * val activity = client.getAsyncActivityHandle(taskToken)
 * activity.heartbeat("50%")               // throws AsyncActivityCanceledException when asked to stop
 * activity.complete("done")
 * ```
 */
public class AsyncActivityHandle internal constructor(
    private val client: Client,
    /** The activity this handle completes. */
    public val activity: AsyncActivityId,
) {
    /**
     * Records a heartbeat with [details]. Throws [AsyncActivityCanceledException] when the server asks the activity
     * to stop (cancel requested, paused or reset).
     */
    public suspend fun heartbeat(details: List<Any?> = emptyList(), detailTypes: List<KType> = ArgumentTypes.infer(details)) {
        client.outbound.heartbeatAsyncActivity(HeartbeatAsyncActivityInput(activity, details, detailTypes))
    }

    /** Completes the activity with [result] of [resultType]. */
    public suspend fun complete(result: Any?, resultType: KType) {
        client.outbound.completeAsyncActivity(CompleteAsyncActivityInput(activity, result, resultType))
    }

    /** Fails the activity with [error] (converted with the failure converter; an ApplicationFailure keeps its type). */
    public suspend fun fail(error: Throwable, lastHeartbeatDetails: List<Any?> = emptyList()) {
        client.outbound.failAsyncActivity(
            FailAsyncActivityInput(activity, error, lastHeartbeatDetails, ArgumentTypes.infer(lastHeartbeatDetails)),
        )
    }

    /** Reports that the activity stopped after a cancellation request, with [details]. */
    public suspend fun reportCancellation(details: List<Any?> = emptyList()) {
        client.outbound.reportCancellationAsyncActivity(
            ReportCancellationAsyncActivityInput(activity, details, ArgumentTypes.infer(details)),
        )
    }

    override fun toString(): String = "AsyncActivityHandle($activity)"
}

/** Completes the activity with [result]. */
public suspend inline fun <reified T> AsyncActivityHandle.complete(result: T): Unit = complete(result, typeOf<T>())

/** Records a heartbeat with [details] (types inferred from the values). */
public suspend fun AsyncActivityHandle.heartbeat(vararg details: Any?): Unit = heartbeat(details.toList())
