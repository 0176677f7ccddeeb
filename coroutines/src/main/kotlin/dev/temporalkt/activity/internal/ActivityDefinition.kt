@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.activity.internal

import dev.temporalkt.reflection.internal.UserFunctionCaller
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.KType

/** One registered activity: the function, the instance it is called on, and its signature. */
internal class ActivityDefinition(
    /** The activity type name; empty for the dynamic activity. */
    val name: String,
    val function: KFunction<*>,
    /** The instance for the function's instance parameter, or `null` for top-level and bound functions. */
    val receiver: Any?,
    val isDynamic: Boolean,
    /** The code run instead of [function] when the activity is a stand-in (its [function] gives name and types). */
    val standIn: ActivityStandIn? = null,
) {
    val isSuspend: Boolean = standIn?.isSuspend ?: function.isSuspend
    val valueParameters: List<KParameter> = function.parameters.filter { it.kind == KParameter.Kind.VALUE }
    val returnType: KType = function.returnType
    val returnsUnit: Boolean = returnType.classifier == Unit::class
    val parameterTypes: List<KType> = valueParameters.map { it.type }
    val caller: UserFunctionCaller = UserFunctionCaller(function)

    /** `OrderActivities.charge` or `charge`, for messages. */
    val description: String = receiver?.let { "${it::class.qualifiedName ?: it::class.java.name}.${function.name}" } ?: function.name

    val signature: String = valueParameters.joinToString(prefix = "(", postfix = ")") { "${it.name}: ${it.type}" }

    /** The fewest arguments a caller may send: parameters without default values. */
    val requiredArguments: Int = valueParameters.count { !it.isOptional }
}
