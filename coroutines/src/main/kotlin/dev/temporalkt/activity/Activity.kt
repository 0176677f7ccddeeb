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
 * A **dynamic activity** (`dynamic = true`) runs every activity type that no other registered activity has. It takes
 * exactly one parameter of type `List<Payload>` (`dev.temporalkt.api.common.v1.Payload`): the arguments as sent,
 * already decoded by the codecs but not converted. It reads the type name from [ActivityContext.info] and converts
 * the arguments itself with [ActivityContext.payloadConverter]; a worker has at most one:
 *
 * ```kotlin
 * @Activity(dynamic = true)
 * suspend fun anyActivity(args: List<Payload>): String {
 *     val context = activityContext()
 *     val first: Order = context.payloadConverter.fromPayload(args[0])
 *     return "${context.info.activityType} got ${first.id}"
 * }
 * ```
 *
 * @property name the activity type name; empty means the function name. Must stay empty for a dynamic activity.
 * @property dynamic whether this function handles all activity types not registered otherwise.
 */
@Target(AnnotationTarget.FUNCTION)
@Retention(AnnotationRetention.RUNTIME)
@MustBeDocumented
public annotation class Activity(val name: String = "", val dynamic: Boolean = false)
