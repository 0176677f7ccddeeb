package dev.temporalkt.activity

import kotlin.reflect.KFunction
import kotlin.reflect.full.findAnnotation

/** Resolves activity type names from function references. */
public object ActivityNames {
    /**
     * The activity type name of [function]: its [Activity.name], or its own name when that is empty.
     *
     * @throws IllegalArgumentException when [function] is not annotated with [Activity], saying how to fix it.
     */
    public fun of(function: KFunction<*>): String {
        val annotation = function.findAnnotation<Activity>()
            ?: throw IllegalArgumentException(
                "Function '${function.name}' is not an activity: annotate it with @Activity " +
                    "(dev.temporalkt.activity.Activity) or call the activity by name",
            )
        return annotation.name.ifEmpty { function.name }
    }
}
