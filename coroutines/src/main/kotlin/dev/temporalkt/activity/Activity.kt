package dev.temporalkt.activity

/**
 * Marks a function as a Temporal activity: a top-level function, or a method of a class whose instance is
 * registered with a worker. The activity type name is [name], or the function's own name when [name] is empty.
 *
 * Activities may be `suspend` functions (run on the worker's coroutine dispatcher) or plain blocking functions
 * (run on the worker's activity executor). Workflows call them by reference, so the name never has to be repeated:
 *
 * ```kotlin
 * class PaymentActivities(private val gateway: Gateway) {
 *     @Activity
 *     suspend fun charge(order: Order): Receipt = gateway.charge(order)
 *
 *     @Activity(name = "refund-v2")
 *     fun refund(receipt: Receipt) = gateway.refund(receipt)
 * }
 *
 * // in a workflow
 * val receipt = Workflow.executeActivity(PaymentActivities::charge, order, startToCloseTimeout = 30.seconds)
 * ```
 *
 * @property name the activity type name; empty means the function name.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Activity(val name: String = "")
