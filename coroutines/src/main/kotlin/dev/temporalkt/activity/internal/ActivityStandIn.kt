package dev.temporalkt.activity.internal

import dev.temporalkt.internal.InternalTemporalApi
import kotlin.reflect.KFunction

/**
 * An activity whose code is an object standing in for an `@Activity` function: it is registered under [activity]'s
 * name, its arguments are decoded and its result encoded with [activity]'s parameter and return types, and the worker
 * runs [callSuspend] in a coroutine when [isSuspend], else [callBlocking] on its activity executor. The test kit's
 * activity fakes are registered on a worker this way: pass one in a worker's `activities` list.
 *
 * ```kotlin
 * class Fake : ActivityStandIn(GreetingActivities::composeGreeting) {
 *     override val isSuspend: Boolean get() = true
 *     override suspend fun callSuspend(arguments: List<Any?>): Any? = "Hi, ${arguments[0]}"
 * }
 * Worker(client, "greetings", workflows = listOf(GreetingWorkflow::class), activities = listOf(Fake()))
 * ```
 */
@InternalTemporalApi
public abstract class ActivityStandIn(
    /** The `@Activity` function whose name and signature the stand-in takes. */
    public val activity: KFunction<*>,
) {
    /** Whether the worker runs [callSuspend] in a coroutine rather than [callBlocking] on its activity executor. */
    public abstract val isSuspend: Boolean

    /** Runs the stand-in with the decoded arguments; called when [isSuspend]. */
    public open suspend fun callSuspend(arguments: List<Any?>): Any? =
        throw UnsupportedOperationException("$this runs blocking")

    /** Runs the stand-in with the decoded arguments on the calling thread; called unless [isSuspend]. */
    public open fun callBlocking(arguments: List<Any?>): Any? =
        throw UnsupportedOperationException("$this runs in a coroutine")
}
