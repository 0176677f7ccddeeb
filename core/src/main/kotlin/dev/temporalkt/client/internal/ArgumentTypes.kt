@file:OptIn(dev.temporalkt.internal.InternalTemporalApi::class)

package dev.temporalkt.client.internal

import kotlin.reflect.KType
import dev.temporalkt.converter.internal.PlainKType

/** Argument types for callers that pass values without types: each value's runtime class (star-projected). */
internal object ArgumentTypes {
    private val nullable: KType = PlainKType.ANY

    fun infer(values: List<Any?>): List<KType> = values.map { value -> value?.let { PlainKType.starProjected(it.javaClass) } ?: nullable }
}
