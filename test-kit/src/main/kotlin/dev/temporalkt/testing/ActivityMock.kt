@file:OptIn(InternalTemporalApi::class)

package dev.temporalkt.testing

import dev.temporalkt.activity.ActivityNames
import dev.temporalkt.activity.internal.ActivityStandIn
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.java.function.Func1
import dev.temporalkt.java.function.Func2
import dev.temporalkt.java.function.Func3
import dev.temporalkt.java.function.Func4
import dev.temporalkt.testing.internal.MethodReferences
import java.io.Serializable
import kotlin.reflect.KFunction
import kotlin.reflect.KFunction1
import kotlin.reflect.KFunction2
import kotlin.reflect.KFunction3
import kotlin.reflect.KFunction4
import kotlin.reflect.KSuspendFunction1
import kotlin.reflect.KSuspendFunction2
import kotlin.reflect.KSuspendFunction3
import kotlin.reflect.KSuspendFunction4

/**
 * A fake activity for workflow tests: registered on a worker in place of the real one, under the real activity's name
 * (taken from a reference to its `@Activity` function), with its argument and result types, so the workflow under test
 * calls the fake without knowing. The fake is a lambda, `suspend` ([of]) or blocking ([blocking]), whatever the real
 * activity is.
 *
 * ```kotlin
 * val composeGreeting = ActivityMock.of(GreetingActivities::composeGreeting) { input: ComposeGreetingInput ->
 *     "${input.greeting}, ${input.name} from mocked activity!"
 * }
 * Worker(env.client, taskQueue, workflows = listOf(GreetingWorkflow::class), activities = listOf(composeGreeting)).start().use {
 *     env.client.executeWorkflow(GreetingWorkflow::run, "World", WorkflowOptions(id = "greet", taskQueue = taskQueue)) shouldBe
 *         "Hello, World from mocked activity!"
 * }
 * ```
 *
 * The typed factories take a reference to a member function (`Class::function`, the receiver being its first type
 * parameter) and a fake of its value parameters; [ofArguments] takes any activity function and a fake of the decoded
 * argument list. From Java, [blocking] takes a method reference (`GreetingActivities::composeGreeting`) and a lambda.
 * Do not register the real activity's instance on the same worker: two activities would have the same name.
 *
 * Everything a fake throws fails the attempt as the real activity's exception would (an
 * [dev.temporalkt.failure.ApplicationFailure] to control retries). [ActivityCallRecorder] records what the workflow
 * called, fake or real.
 */
public class ActivityMock private constructor(
    activity: KFunction<*>,
    private val suspendFake: (suspend (List<Any?>) -> Any?)?,
    private val blockingFake: ((List<Any?>) -> Any?)?,
) : ActivityStandIn(activity) {
    /** The activity type name the fake is registered under. */
    public val activityType: String = ActivityNames.of(activity)

    override val isSuspend: Boolean get() = suspendFake != null

    override suspend fun callSuspend(arguments: List<Any?>): Any? = suspendFake!!(arguments)

    override fun callBlocking(arguments: List<Any?>): Any? = blockingFake!!(arguments)

    override fun toString(): String = "ActivityMock($activityType)"

    /** Creating fakes. */
    public companion object {
        /** A `suspend` fake of any activity [activity], called with the decoded arguments in order. */
        @JvmStatic
        public fun ofArguments(activity: KFunction<*>, fake: suspend (arguments: List<Any?>) -> Any?): ActivityMock =
            ActivityMock(activity, fake, null)

        /** A blocking fake of any activity [activity], called with the decoded arguments in order. */
        @JvmStatic
        public fun blockingOfArguments(activity: KFunction<*>, fake: (arguments: List<Any?>) -> Any?): ActivityMock =
            ActivityMock(activity, null, fake)

        /** A `suspend` fake of the member activity [activity] without parameters. */
        public fun <T, R> of(activity: KFunction1<T, R>, fake: suspend () -> R): ActivityMock =
            ofArguments(member(activity, 0)) { fake() }

        /** A `suspend` fake of the member activity [activity] with one parameter. */
        @Suppress("UNCHECKED_CAST")
        public fun <T, A1, R> of(activity: KFunction2<T, A1, R>, fake: suspend (A1) -> R): ActivityMock =
            ofArguments(member(activity, 1)) { fake(it[0] as A1) }

        /** A `suspend` fake of the member activity [activity] with two parameters. */
        @Suppress("UNCHECKED_CAST")
        public fun <T, A1, A2, R> of(activity: KFunction3<T, A1, A2, R>, fake: suspend (A1, A2) -> R): ActivityMock =
            ofArguments(member(activity, 2)) { fake(it[0] as A1, it[1] as A2) }

        /** A `suspend` fake of the member activity [activity] with three parameters. */
        @Suppress("UNCHECKED_CAST")
        public fun <T, A1, A2, A3, R> of(activity: KFunction4<T, A1, A2, A3, R>, fake: suspend (A1, A2, A3) -> R): ActivityMock =
            ofArguments(member(activity, 3)) { fake(it[0] as A1, it[1] as A2, it[2] as A3) }

        /** A `suspend` fake of the `suspend` member activity [activity] without parameters. */
        @JvmName("ofSuspending")
        public fun <T, R> of(activity: KSuspendFunction1<T, R>, fake: suspend () -> R): ActivityMock =
            ofArguments(member(activity, 0)) { fake() }

        /** A `suspend` fake of the `suspend` member activity [activity] with one parameter. */
        @Suppress("UNCHECKED_CAST")
        @JvmName("ofSuspending")
        public fun <T, A1, R> of(activity: KSuspendFunction2<T, A1, R>, fake: suspend (A1) -> R): ActivityMock =
            ofArguments(member(activity, 1)) { fake(it[0] as A1) }

        /** A `suspend` fake of the `suspend` member activity [activity] with two parameters. */
        @Suppress("UNCHECKED_CAST")
        @JvmName("ofSuspending")
        public fun <T, A1, A2, R> of(activity: KSuspendFunction3<T, A1, A2, R>, fake: suspend (A1, A2) -> R): ActivityMock =
            ofArguments(member(activity, 2)) { fake(it[0] as A1, it[1] as A2) }

        /** A `suspend` fake of the `suspend` member activity [activity] with three parameters. */
        @Suppress("UNCHECKED_CAST")
        @JvmName("ofSuspending")
        public fun <T, A1, A2, A3, R> of(activity: KSuspendFunction4<T, A1, A2, A3, R>, fake: suspend (A1, A2, A3) -> R): ActivityMock =
            ofArguments(member(activity, 3)) { fake(it[0] as A1, it[1] as A2, it[2] as A3) }

        /** A blocking fake of the member activity [activity] without parameters. */
        public fun <T, R> blocking(activity: KFunction1<T, R>, fake: () -> R): ActivityMock =
            blockingOfArguments(member(activity, 0)) { fake() }

        /** A blocking fake of the member activity [activity] with one parameter. */
        @Suppress("UNCHECKED_CAST")
        public fun <T, A1, R> blocking(activity: KFunction2<T, A1, R>, fake: (A1) -> R): ActivityMock =
            blockingOfArguments(member(activity, 1)) { fake(it[0] as A1) }

        /** A blocking fake of the member activity [activity] with two parameters. */
        @Suppress("UNCHECKED_CAST")
        public fun <T, A1, A2, R> blocking(activity: KFunction3<T, A1, A2, R>, fake: (A1, A2) -> R): ActivityMock =
            blockingOfArguments(member(activity, 2)) { fake(it[0] as A1, it[1] as A2) }

        /** A blocking fake of the `suspend` member activity [activity] with one parameter. */
        @Suppress("UNCHECKED_CAST")
        @JvmName("blockingSuspending")
        public fun <T, A1, R> blocking(activity: KSuspendFunction2<T, A1, R>, fake: (A1) -> R): ActivityMock =
            blockingOfArguments(member(activity, 1)) { fake(it[0] as A1) }

        /**
         * From Java: a blocking fake of the activity method [activity] (a method reference such as
         * `GreetingActivities::defaultGreeting`) without parameters.
         *
         * ```java
         * ActivityMock mock = ActivityMock.blocking(GreetingActivities::defaultGreeting, () -> "Hi");
         * ```
         */
        @JvmStatic
        public fun <T, R> blocking(activity: Func1<T, R>, fake: java.util.function.Supplier<R>): ActivityMock =
            blockingOfArguments(java(activity, 0)) { fake.get() }

        /**
         * From Java: a blocking fake of the activity method [activity] with one parameter.
         *
         * ```java
         * ActivityMock mock = ActivityMock.blocking(GreetingActivities::composeGreeting,
         *     input -> input.getGreeting() + ", " + input.getName() + " from mocked activity!");
         * ```
         */
        @JvmStatic
        @Suppress("UNCHECKED_CAST")
        public fun <T, A1, R> blocking(activity: Func2<T, A1, R>, fake: java.util.function.Function<A1, R>): ActivityMock =
            blockingOfArguments(java(activity, 1)) { fake.apply(it[0] as A1) }

        /** From Java: a blocking fake of the activity method [activity] with two parameters. */
        @JvmStatic
        @Suppress("UNCHECKED_CAST")
        public fun <T, A1, A2, R> blocking(activity: Func3<T, A1, A2, R>, fake: java.util.function.BiFunction<A1, A2, R>): ActivityMock =
            blockingOfArguments(java(activity, 2)) { fake.apply(it[0] as A1, it[1] as A2) }

        /** From Java: a blocking fake of the activity method [activity] with three parameters, given the arguments as a list. */
        @JvmStatic
        public fun <T, A1, A2, A3, R> blocking(activity: Func4<T, A1, A2, A3, R>, fake: java.util.function.Function<List<Any?>, R>): ActivityMock =
            blockingOfArguments(java(activity, 3)) { fake.apply(it) }

        private fun member(activity: KFunction<*>, valueParameters: Int): KFunction<*> {
            val values = activity.parameters.count { it.kind == kotlin.reflect.KParameter.Kind.VALUE }
            require(values == valueParameters) {
                "'${activity.name}' takes $values value parameter(s) while the fake takes $valueParameters: the typed " +
                    "factories take a member reference (Class::function, whose receiver is the first type argument); " +
                    "for a top-level or bound function use ActivityMock.ofArguments(::function) { args -> ... }"
            }
            return activity
        }

        private fun java(reference: Serializable, valueParameters: Int): KFunction<*> =
            member(MethodReferences.kotlinFunction(reference), valueParameters)
    }
}
