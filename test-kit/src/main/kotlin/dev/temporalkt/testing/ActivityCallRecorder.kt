package dev.temporalkt.testing

import dev.temporalkt.activity.ActivityInfo
import dev.temporalkt.activity.ActivityNames
import dev.temporalkt.client.ClientInterceptor
import dev.temporalkt.client.ClientOutboundInterceptor
import dev.temporalkt.worker.interceptor.ActivityInboundInterceptor
import dev.temporalkt.worker.interceptor.ExecuteActivityInput
import dev.temporalkt.worker.interceptor.WorkerInterceptor
import kotlin.reflect.KFunction

/**
 * Records every activity attempt the workers it is installed on run, fake ([ActivityMock]) or real, with its decoded
 * arguments, so a test can check what its workflow called. Install it as a worker interceptor, or as a client
 * interceptor: it then applies to every worker built on that client. The test extensions install one per test.
 *
 * ```kotlin
 * val calls = ActivityCallRecorder()
 * Worker(env.client, taskQueue, listOf(GreetingWorkflow::class), listOf(GreetingActivities()), WorkerOptions(interceptors = listOf(calls)))
 *     .start().use { env.client.executeWorkflow(GreetingWorkflow::run, "World", options) }
 * calls.argumentsOf(GreetingActivities::composeGreeting) shouldBe listOf(listOf(ComposeGreetingInput("Hello", "World")))
 * ```
 *
 * Thread-safe; the lists are snapshots in the order the attempts started.
 */
public class ActivityCallRecorder : WorkerInterceptor, ClientInterceptor {
    private val recorded = ArrayList<ActivityCall>()

    /** Every attempt so far. */
    public val calls: List<ActivityCall> get() = synchronized(recorded) { recorded.toList() }

    /** The attempts of activity type [activityType]. */
    public fun callsOf(activityType: String): List<ActivityCall> = calls.filter { it.activityType == activityType }

    /** The attempts of the activity [activity] (a reference to its `@Activity` function). */
    public fun callsOf(activity: KFunction<*>): List<ActivityCall> = callsOf(ActivityNames.of(activity))

    /** The arguments of each attempt of the activity [activity], in order. */
    public fun argumentsOf(activity: KFunction<*>): List<List<Any?>> = callsOf(activity).map { it.arguments }

    /** The activity types of all attempts, in order (one entry per attempt, so retries repeat). */
    public val activityTypes: List<String> get() = calls.map { it.activityType }

    /** Forgets the attempts recorded so far. */
    public fun clear() {
        synchronized(recorded) { recorded.clear() }
    }

    override fun interceptClient(next: ClientOutboundInterceptor): ClientOutboundInterceptor = next

    override fun interceptActivity(next: ActivityInboundInterceptor): ActivityInboundInterceptor =
        object : ActivityInboundInterceptor(next) {
            override suspend fun executeActivity(input: ExecuteActivityInput): Any? {
                synchronized(recorded) { recorded += ActivityCall(input.info.activityType, input.args.toList(), input.info) }
                return super.executeActivity(input)
            }
        }

    override fun toString(): String = "ActivityCallRecorder(${calls.size} calls)"
}

/**
 * One activity attempt an [ActivityCallRecorder] saw: its type name, its decoded arguments and what the attempt knew
 * about itself (attempt number, workflow id, local or not).
 *
 * ```kotlin
 * val call = recorder.callsOf(GreetingActivities::composeGreeting).single()
 * call.arguments shouldBe listOf(ComposeGreetingInput("Hello", "World"))
 * call.info.attempt shouldBe 1
 * ```
 */
public data class ActivityCall(
    /** The activity type name. */
    val activityType: String,
    /** The arguments, decoded with the activity's parameter types. */
    val arguments: List<Any?>,
    /** The attempt's info. */
    val info: ActivityInfo,
)
