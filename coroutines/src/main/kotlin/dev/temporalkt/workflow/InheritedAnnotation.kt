package dev.temporalkt.workflow

import kotlin.reflect.KClass
import kotlin.reflect.KFunction
import kotlin.reflect.KParameter
import kotlin.reflect.full.allSuperclasses
import kotlin.reflect.full.declaredMemberFunctions
import kotlin.reflect.full.findAnnotation

/** This function's annotation [A], or the one on a function it overrides in a superclass or interface. */
internal inline fun <reified A : Annotation> KFunction<*>.inheritedAnnotation(): A? {
    findAnnotation<A>()?.let { return it }
    val owner = parameters.firstOrNull { it.kind == KParameter.Kind.INSTANCE }?.type?.classifier as? KClass<*>
        ?: return null
    val valueTypes = parameters.filter { it.kind == KParameter.Kind.VALUE }.map { it.type }
    for (superclass in owner.allSuperclasses) {
        for (candidate in superclass.declaredMemberFunctions) {
            if (candidate.name != name) continue
            if (candidate.parameters.filter { it.kind == KParameter.Kind.VALUE }.map { it.type } != valueTypes) continue
            candidate.findAnnotation<A>()?.let { return it }
        }
    }
    return null
}
