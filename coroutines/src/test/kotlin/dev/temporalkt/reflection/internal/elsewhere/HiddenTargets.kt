package dev.temporalkt.reflection.internal.elsewhere

import kotlin.reflect.KFunction

/** A class that code outside this package cannot reach through plain JVM reflection. */
private class HiddenTargets {
    fun hidden(): String = "hidden"

    suspend fun hiddenSuspending(): String = "hidden"
}

val hiddenTargetsFunction: KFunction<*> = HiddenTargets::hidden

val hiddenSuspendingFunction: KFunction<*> = HiddenTargets::hiddenSuspending

fun newHiddenTargets(): Any = HiddenTargets()
