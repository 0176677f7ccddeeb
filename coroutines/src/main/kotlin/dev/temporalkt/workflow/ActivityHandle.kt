package dev.temporalkt.workflow

/**
 * An activity started with [Workflow.startActivity]: await its result, or cancel it.
 *
 * ```kotlin
 * val charge = Workflow.startActivity(PaymentActivities::charge, order, options = options)
 * val shipment = Workflow.startActivity(ShippingActivities::reserve, order, options = options)
 * val receipt = charge.await()
 * ```
 *
 * If the coroutine awaiting the result is cancelled, the activity is cancelled as well: a cancel request
 * is emitted, [await] waits for the activity's resolution (its [ActivityOptions.cancellationType] decides
 * how soon that comes) and throws the resulting [dev.temporalkt.failure.ActivityFailure], whose cause is a
 * [dev.temporalkt.failure.CanceledFailure].
 */
public interface ActivityHandle<out R> {
    /** The activity id. */
    public val activityId: String

    /** The activity type name. */
    public val activityType: String

    /** Whether the activity has resolved (completed, failed or cancelled). */
    public val isCompleted: Boolean

    /**
     * Suspends until the activity resolves and returns its result.
     *
     * @throws dev.temporalkt.failure.ActivityFailure when it failed, timed out or was cancelled.
     */
    public suspend fun await(): R

    /** Requests cancellation; the result of [await] follows the activity's cancellation type. Idempotent. */
    public fun cancel()
}
