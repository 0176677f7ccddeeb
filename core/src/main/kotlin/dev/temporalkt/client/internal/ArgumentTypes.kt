package dev.temporalkt.client.internal

import kotlin.reflect.KType
import kotlin.reflect.full.starProjectedType
import kotlin.reflect.typeOf

/** Argument types for callers that pass values without types: each value's runtime class (star-projected). */
internal object ArgumentTypes {
    private val nullable: KType = typeOf<Any?>()

    fun infer(values: List<Any?>): List<KType> = values.map { value -> value?.let { it::class.starProjectedType } ?: nullable }
}
