package dev.temporalkt.activity

import dev.temporalkt.reflection.internal.FunctionReferences
import dev.temporalkt.reflection.internal.UserFunction
import java.util.concurrent.ConcurrentHashMap
import kotlin.reflect.KFunction

/** Resolves activity type names from function references. */
public object ActivityNames {
    private val names = ConcurrentHashMap<UserFunction, String>()

    /**
     * The activity type name of [function]: its [Activity.name], or its own name when that is empty. Read once per
     * function from its JVM method (without kotlin-reflect) and cached.
     *
     * @throws IllegalArgumentException when [function] is not annotated with [Activity], saying how to fix it.
     */
    public fun of(function: KFunction<*>): String {
        val read = FunctionReferences.of(function)
        names[read]?.let { return it }
        val annotation = read.method?.getAnnotation(Activity::class.java)
            ?: throw IllegalArgumentException(
                "Function '${function.name}' is not an activity: annotate it with @Activity " +
                    "(dev.temporalkt.activity.Activity) or call the activity by name",
            )
        return annotation.name.ifEmpty { read.name }.also { names.putIfAbsent(read, it) }
    }
}
