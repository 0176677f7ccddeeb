package dev.temporalkt.java.client

import dev.temporalkt.client.AsyncActivityId
import dev.temporalkt.java.internal.Conversions
import dev.temporalkt.java.internal.Futures
import dev.temporalkt.java.internal.JavaKType
import java.lang.reflect.Type
import java.util.concurrent.CompletableFuture
import dev.temporalkt.client.AsyncActivityHandle as KotlinAsyncActivityHandle

/**
 * Completes an activity from outside the worker (asynchronous activity completion): the activity ended its function
 * without completing (`ActivityContext.completeAsynchronously()`), and something else completes, fails or cancels it,
 * by its task token or by workflow id and activity id.
 *
 * ```java
 * AsyncActivityHandle activity = client.getAsyncActivityHandle(taskToken);
 * activity.heartbeat("50%").join();   // completes exceptionally with AsyncActivityCanceledException when asked to stop
 * activity.complete("done").join();
 * ```
 */
public class AsyncActivityHandle internal constructor(
    private val kotlin: KotlinAsyncActivityHandle,
) {
    /** The activity this handle completes. */
    public val activity: AsyncActivityId get() = kotlin.activity

    /**
     * Records a heartbeat with [details] (converted by their runtime class). When the server asks the activity to
     * stop (cancel requested, paused or reset) the future completes with
     * [dev.temporalkt.client.AsyncActivityCanceledException].
     */
    public fun heartbeat(vararg details: Any?): CompletableFuture<Void> {
        val values = details.toList()
        return Futures.runVoid { kotlin.heartbeat(values, Conversions.runtimeTypes(values)) }
    }

    /** Completes the activity with [result], converted by its runtime class. */
    public fun complete(result: Any?): CompletableFuture<Void> =
        Futures.runVoid { kotlin.complete(result, Conversions.runtimeTypes(listOf(result)).single()) }

    /** Completes the activity with [result], converted as [resultType]. */
    public fun complete(result: Any?, resultType: Type): CompletableFuture<Void> =
        Futures.runVoid { kotlin.complete(result, JavaKType.of(resultType)) }

    /**
     * Fails the activity with [error] (converted with the failure converter; an
     * [dev.temporalkt.failure.ApplicationFailure] keeps its type, details and retry settings).
     */
    public fun fail(error: Throwable): CompletableFuture<Void> = Futures.runVoid { kotlin.fail(error, emptyList()) }

    /** [fail] recording [lastHeartbeatDetails] as the activity's last heartbeat details. */
    public fun fail(error: Throwable, vararg lastHeartbeatDetails: Any?): CompletableFuture<Void> {
        val details = lastHeartbeatDetails.toList()
        return Futures.runVoid { kotlin.fail(error, details) }
    }

    /** Reports that the activity stopped after a cancellation request, with [details]. */
    public fun reportCancellation(vararg details: Any?): CompletableFuture<Void> {
        val values = details.toList()
        return Futures.runVoid { kotlin.reportCancellation(values) }
    }

    override fun toString(): String = "AsyncActivityHandle($activity)"
}
