@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.converter.internal.KotlinNames
import dev.temporalkt.activity.Activity
import dev.temporalkt.api.common.v1.Payload
import dev.temporalkt.internal.InternalTemporalApi
import dev.temporalkt.converter.internal.PlainKType
import dev.temporalkt.reflection.internal.KotlinReflect
import dev.temporalkt.reflection.internal.MemberMethods
import dev.temporalkt.reflection.internal.PayloadTypeCheck
import dev.temporalkt.reflection.internal.UserFunction
import dev.temporalkt.workflow.inheritedAnnotation
import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KTypeProjection

/**
 * The activities a worker runs, by type name, validated when the worker is built.
 *
 * [of] accepts, in any mix:
 * - instances of classes with functions annotated with [Activity]: each annotated member function is registered,
 *   called on that instance (so the class gets its dependencies through its own constructor); a function that
 *   overrides an annotated function of an interface or superclass counts as annotated;
 * - references to top-level functions (`::sendEmail`) or bound references (`mailer::send`) annotated with [Activity];
 * - [ActivityStandIn]s: function objects registered under an annotated function's name and types.
 *
 * Names come from [Activity.name] or the function name. Everything wrong is reported at once, each with what to do:
 * two activities with the same name, functions without [Activity], classes without any activity function, unbound
 * member references, type parameters, more than one dynamic activity or a dynamic one with the wrong signature,
 * parameter or return types that cannot be payloads (see [PayloadTypeCheck]), functions that only kotlin-reflect can
 * call when it is not on the class path (see [KotlinReflect]).
 *
 * Functions are read from their JVM methods and Kotlin metadata ([UserFunction]), without kotlin-reflect.
 */
@InternalTemporalApi
public class ActivityRegistry private constructor(
    private val byName: Map<String, ActivityDefinition>,
    private val dynamic: ActivityDefinition?,
) {
    /** The registered activity type names, sorted. */
    public val names: List<String> get() = byName.keys.sorted()

    /** Whether a dynamic activity is registered. */
    public val hasDynamic: Boolean get() = dynamic != null

    internal fun find(activityType: String): ActivityDefinition? = byName[activityType] ?: dynamic

    /** Building from user objects. */
    public companion object {
        /**
         * Builds the registry from [activities] (instances and function references) and the [external] definitions
         * of other surfaces (Java activity objects, read without kotlin-reflect).
         *
         * @throws IllegalArgumentException listing every problem found.
         */
        public fun of(activities: List<Any>, external: List<ActivityDefinition> = emptyList()): ActivityRegistry {
            val problems = mutableListOf<String>()
            val definitions = mutableListOf<ActivityDefinition>()
            for (activity in activities) {
                when (activity) {
                    is KClass<*> -> problems += "${KotlinNames.of(activity.java)} is a class: register an instance of it " +
                        "(e.g. ${activity.java.simpleName}(dependencies)) so its @Activity functions have an object to run on"
                    is ActivityStandIn -> standIn(activity, problems)?.let { definitions += it }
                    is KFunction<*> -> function(activity, problems)?.let { definitions += it }
                    is Function<*> -> problems += "A lambda or function object cannot be an activity: declare a " +
                        "function annotated with @Activity and register a reference to it (::myActivity)"
                    else -> {
                        val annotated = MemberMethods.of(activity.javaClass)
                            .mapNotNull { method -> inheritedAnnotation(method, Activity::class.java)?.let { method to it } }
                        if (annotated.isEmpty()) {
                            problems += "${KotlinNames.of(activity.javaClass)} has no function " +
                                "annotated with @Activity: annotate its activity functions with " +
                                "@dev.temporalkt.activity.Activity, or do not register it"
                        }
                        definitions += annotated.sortedBy { it.first.name }
                            .mapNotNull { (method, annotation) -> definition(UserFunction.of(method), activity, annotation, problems) }
                    }
                }
            }
            definitions += external
            val (dynamics, named) = definitions.partition { it.isDynamic }
            if (dynamics.size > 1) {
                problems += "Only one dynamic activity may be registered, found ${dynamics.size}: " +
                    dynamics.joinToString { it.description } + "; keep one"
            }
            val byName = LinkedHashMap<String, ActivityDefinition>()
            for ((name, group) in named.groupBy { it.name }) {
                if (group.size > 1) {
                    problems += "Activity name '$name' is used by ${group.size} functions (" +
                        group.joinToString { it.description } + "): give each a distinct name with @Activity(name = \"...\")"
                }
                byName[name] = group.first()
            }
            require(problems.isEmpty()) {
                "Invalid activity registration:\n" + problems.joinToString("\n") { " - $it" }
            }
            return ActivityRegistry(byName, dynamics.firstOrNull())
        }

        private fun function(reference: KFunction<*>, problems: MutableList<String>): ActivityDefinition? {
            val function = UserFunction.of(reference)
            val annotation = function.method?.getAnnotation(Activity::class.java)
            if (annotation == null) {
                problems += "Function '${function.name}' is not annotated with @Activity: annotate it with " +
                    "@dev.temporalkt.activity.Activity to register it as an activity"
                return null
            }
            if (function.takesInstance) {
                problems += "'${function.name}' is a member function reference without an instance: register an " +
                    "instance of its class (all its @Activity functions are registered) or a bound reference (instance::${function.name})"
                return null
            }
            return definition(function, null, annotation, problems)
        }

        private fun standIn(standIn: ActivityStandIn, problems: MutableList<String>): ActivityDefinition? {
            val function = UserFunction.of(standIn.activity)
            val annotation = function.method?.let { inheritedAnnotation(it, Activity::class.java) }
            if (annotation == null || annotation.dynamic) {
                problems += "'${function.name}' stands in for a function that is not an activity: pass a reference to a " +
                    "function annotated with @dev.temporalkt.activity.Activity (not a dynamic one)"
                return null
            }
            // the stand-in runs instead of the function, so calling the function never needs kotlin-reflect
            return definition(function, null, annotation, problems, called = false)
                ?.let { ActivityDefinition(it.name, function, null, isDynamic = false, standIn = standIn) }
        }

        private val rawPayloads = PlainKType(
            List::class.java,
            listOf(KTypeProjection.invariant(PlainKType(Payload::class.java, emptyList(), isMarkedNullable = false))),
            isMarkedNullable = false,
        )

        private fun definition(
            function: UserFunction,
            receiver: Any?,
            annotation: Activity,
            problems: MutableList<String>,
            called: Boolean = true,
        ): ActivityDefinition? {
            val where = receiver?.let { "${it.javaClass.simpleName}.${function.name}" } ?: function.name
            if (function.hasTypeParameters) {
                problems += "Activity '$where' has type parameters: an activity's parameter and return types must be " +
                    "concrete so arguments can be decoded; replace them with concrete types"
                return null
            }
            if (function.isExtension) {
                problems += "Activity '$where' is an extension function: make the receiver an ordinary parameter"
                return null
            }
            if (annotation.dynamic) {
                if (annotation.name.isNotEmpty()) {
                    problems += "Dynamic activity '$where' has a name ('${annotation.name}'): a dynamic activity runs " +
                        "every unregistered type, remove the name"
                    return null
                }
                val params = function.parameterTypes
                if (params.size != 1 || !PlainKType.sameType(params[0], rawPayloads)) {
                    problems += "Dynamic activity '$where' must take exactly one parameter of type " +
                        "List<dev.temporalkt.api.common.v1.Payload> (the raw arguments), has $params"
                    return null
                }
            }
            if (!annotation.dynamic) {
                val typeProblems = PayloadTypeCheck.problems("Activity '$where'", function)
                if (typeProblems.isNotEmpty()) {
                    problems += typeProblems
                    return null
                }
            }
            if (called) {
                KotlinReflect.problem("Activity '$where'", function)?.let {
                    problems += it
                    return null
                }
            }
            val member = function.method ?: function.constructor
            if (member != null && !member.trySetAccessible()) {
                problems += "Activity '$where' cannot be made accessible; make it public"
                return null
            }
            return ActivityDefinition(
                name = if (annotation.dynamic) "" else annotation.name.ifEmpty { function.name },
                function = function,
                receiver = receiver,
                isDynamic = annotation.dynamic,
            )
        }
    }
}
